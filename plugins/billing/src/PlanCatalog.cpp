#include "PlanCatalog.hpp"

#include <regex>

namespace billing {

namespace {

using namespace tabhost::sdk;

Json planJson(const Json& row) {
  return Json::object({{"id", *row.find("id")},
                       {"name", *row.find("name")},
                       {"price_label", *row.find("price_label")},
                       {"payment_link", *row.find("payment_link")},
                       {"created_at", *row.find("created_at")},
                       {"updated_at", *row.find("updated_at")}});
}

std::optional<Json> findPlan(Database& db, const std::string& id) {
  const auto rows = db.query("SELECT * FROM billing_plans WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return planJson(rows.front());
}

Json existingPlan(RequestContext& ctx) {
  const std::string id = *ctx.param("id");
  auto plan = findPlan(ctx.db(), id);
  if (!plan) throw Error::notFound("not_found", "no plan " + id);
  return *plan;
}

// A short plain-text field of at most `max` bytes.
std::string label(const Json& body, const char* field, std::size_t max) {
  const std::string text = requiredString(body, field);
  if (text.empty() || text.size() > max || !isUtf8(text) || hasControlCharacter(text))
    throw Error::badRequest("invalid_field",
                            std::string(field) + ": 1 to " + std::to_string(max) + " characters of plain text", field);
  return text;
}

std::string paymentLink(const Json& body) {
  const std::string link = requiredString(body, "payment_link");
  if (!isHttpsUrl(link))
    throw Error::badRequest("invalid_field", "payment_link: expected an https:// URL, got '" + link + "'",
                            "payment_link");
  return link;
}

Response list(RequestContext& ctx) {
  Json items = Json::array();
  for (const auto& row : ctx.db().query("SELECT * FROM billing_plans ORDER BY created_at, id")) items.push_back(planJson(row));
  return Response::json(Json::object({{"items", std::move(items)}}));
}

Response create(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  static const std::regex slug("[a-z0-9][a-z0-9_-]{0,39}");
  const std::string id = requiredString(body, "id");
  if (!std::regex_match(id, slug))
    throw Error::badRequest("invalid_field", "id: 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)", "id");
  const std::string name = label(body, "name", 80);
  const std::string price = label(body, "price_label", 40);
  const std::string link = paymentLink(body);
  const std::string at = formatUtc(now());
  // The primary key decides, so two creations of one id at once give one 201 and one 409.
  if (ctx.db()
          .execute("INSERT INTO billing_plans (id, name, price_label, payment_link, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                   {id, name, price, link, at, at})
          .affectedRows == 0)
    throw Error::conflict("plan_exists", "there is already a plan " + id, "id");
  ctx.audit().recordChanges("billing.plan.create", "billing_plan", id, Json(),
                            {{"name", Json(), name}, {"price_label", Json(), price}, {"payment_link", Json(), link}});
  return Response::created(Json::object({{"plan", *findPlan(ctx.db(), id)}}));
}

Response edit(RequestContext& ctx) {
  const Json before = existingPlan(ctx);
  const Json& body = objectBody(ctx);
  Json after = before;
  for (const auto& [key, value] : body.asObject()) {
    if (key == "name")
      after["name"] = label(body, "name", 80);
    else if (key == "price_label")
      after["price_label"] = label(body, "price_label", 40);
    else if (key == "payment_link")
      after["payment_link"] = paymentLink(body);
    else
      throw Error::badRequest("invalid_field", key + " cannot be changed (name, price_label, payment_link)", key);
  }
  const std::vector<Change> changes = changedMembers(before, after, {"name", "price_label", "payment_link"});
  if (changes.empty()) return Response::json(Json::object({{"plan", before}}));
  const std::string id = before.find("id")->asString();
  ctx.db().execute("UPDATE billing_plans SET name = ?, price_label = ?, payment_link = ?, updated_at = ? WHERE id = ?",
                   {*after.find("name"), *after.find("price_label"), *after.find("payment_link"), formatUtc(now()), id});
  ctx.audit().recordChanges("billing.plan.update", "billing_plan", id, Json(), changes);
  return Response::json(Json::object({{"plan", *findPlan(ctx.db(), id)}}));
}

Response remove(RequestContext& ctx) {
  const Json plan = existingPlan(ctx);
  const std::string id = plan.find("id")->asString();
  // A plugin relying on the plan (the default for new users) refuses here.
  ctx.emit("billing.plan.removing", Json::object({{"plan_id", id}}));
  ctx.db().execute("DELETE FROM billing_plans WHERE id = ?", {id});
  ctx.audit().recordChanges("billing.plan.delete", "billing_plan", id, Json(),
                            {{"name", *plan.find("name"), Json()}, {"payment_link", *plan.find("payment_link"), Json()}});
  return Response::noContent();
}

}  // namespace

void registerPlanCatalog(Registrar& r) {
  r.migration(1, "create billing_plans",
              "CREATE TABLE billing_plans (id TEXT PRIMARY KEY, name TEXT NOT NULL, price_label TEXT NOT NULL, "
              "payment_link TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n");
  r.auditAction("billing.plan.create", "Added a plan");
  r.auditAction("billing.plan.update", "Changed a plan");
  r.auditAction("billing.plan.delete", "Removed a plan");
  r.route(Method::Get, "/billing/plans", Access::require("billing.read"), list);
  r.route(Method::Post, "/billing/plans", Access::require("billing.write"), create);
  r.route(Method::Patch, "/billing/plans/{id}", Access::require("billing.write"), edit);
  r.route(Method::Delete, "/billing/plans/{id}", Access::require("billing.write"), remove);
  r.on("billing.plan.check", [](RequestContext& ctx, const Json& payload) {
    const std::string id = payload.find("plan_id")->asString();
    if (!findPlan(ctx.db(), id))
      throw Error::badRequest("unknown_plan", "there is no plan " + id + " in the billing catalog");
  });
}

}  // namespace billing
