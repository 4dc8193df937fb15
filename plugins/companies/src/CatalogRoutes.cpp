// The catalog: list, create, read, edit, delete, review, follow.
#include "CompaniesRoutes.hpp"
#include "CompanySearch.hpp"
#include "CompanyStore.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

std::string nowText() { return formatUtc(now()); }

void refuseTakenDomain(Database& db, const std::string& domain, std::int64_t exceptId) {
  auto rows = db.query("SELECT id FROM companies WHERE domain = ? AND id <> ?", {domain, exceptId});
  if (!rows.empty())
    throw Error::conflict("domain_taken", "company " + std::to_string(rows.front().find("id")->asInt()) +
                                              " already has the domain " + domain, "domain");
}

Json companyWithImports(RequestContext& ctx, std::int64_t id) {
  Json shown = companyJson(ctx, companyRow(ctx.db(), id));
  Json imports = Json::array();
  for (const auto& row : ctx.db().query("SELECT l.batch_id, l.outcome, i.finished_at FROM companies_import_links l "
                                        "JOIN companies_imports i ON i.batch_id = l.batch_id "
                                        "WHERE l.company_id = ? ORDER BY i.finished_at, l.batch_id",
                                        {id}))
    imports.push_back(Json::object({{"batch_id", *row.find("batch_id")},
                                    {"outcome", *row.find("outcome")},
                                    {"at", *row.find("finished_at")}}));
  shown["imports"] = std::move(imports);
  return shown;
}

Response create(RequestContext& ctx) {
  std::array<bool, kFieldCount> present{};
  CompanyText company = companyFromJson(objectBody(ctx), rulesFor(ctx), present);
  for (std::size_t i : {kName, kDomain})
    if (!present[i] || company[i].empty())
      throw Error::unprocessable("invalid_field", std::string(kFields[i].name) + " is required", kFields[i].name);
  if (!company[kStatus].empty() && company[kStatus] != "pending" && !ctx.principal().can("companies.review"))
    throw Error::forbidden("review_required", "only reviewers (companies.review) create verified or rejected companies",
                           "status");
  refuseTakenDomain(ctx.db(), company[kDomain], 0);
  const std::int64_t id = insertCompanies(ctx.db(), {company}, ctx.principal().id, nowText()).at(0).id;
  std::vector<Change> changes;
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (!company[i].empty()) changes.push_back(fieldChange(i, "", company[i]));
  ctx.audit().recordChanges("companies.create", "company", std::to_string(id), Json::object(), changes);
  return Response::created(Json::object({{"company", companyWithImports(ctx, id)}}));
}

Response edit(RequestContext& ctx) {
  const std::int64_t id = companyId(ctx);
  const CompanyText before = companyFromRow(companyRow(ctx.db(), id));
  std::array<bool, kFieldCount> present{};
  CompanyText after = companyFromJson(objectBody(ctx), rulesFor(ctx), present);
  if (present[kStatus] && after[kStatus] != before[kStatus])
    throw Error::unprocessable("status_via_review", "status changes through approve and reject", "status");
  for (std::size_t i : {kName, kDomain})
    if (present[i] && after[i].empty())
      throw Error::unprocessable("invalid_field", std::string(kFields[i].name) + " is required", kFields[i].name);
  unverifyChangedCallTree(before, after, present);
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (!present[i]) after[i] = before[i];
  if (after[kDomain] != before[kDomain]) refuseTakenDomain(ctx.db(), after[kDomain], id);
  const auto changes = updateCompany(ctx.db(), id, before, after, nowText());
  if (!changes.empty())
    ctx.audit().recordChanges("companies.update", "company", std::to_string(id), Json::object(), changes);
  return Response::json(Json::object({{"company", companyWithImports(ctx, id)}}));
}

Response erase(RequestContext& ctx) {
  const std::int64_t id = companyId(ctx);
  const Json row = companyRow(ctx.db(), id);
  const std::string key = std::to_string(id);
  const auto members = ctx.db().execute("DELETE FROM user_companies WHERE company_id = ?", {key}).affectedRows;
  const auto follows = ctx.db().execute("DELETE FROM companies_follows WHERE company_id = ?", {id}).affectedRows;
  ctx.db().execute("DELETE FROM companies_import_links WHERE company_id = ?", {id});
  ctx.db().execute("DELETE FROM companies WHERE id = ?", {id});
  ctx.audit().record("companies.delete", "company", key,
                     Json::object({{"name", *row.find("name")},
                                   {"domain", *row.find("domain")},
                                   {"members_removed", members},
                                   {"follows_removed", follows}}));
  return Response::noContent();
}

// approve and reject: a reviewed status, with the reason for a rejection.
Response review(RequestContext& ctx, const std::string& status) {
  const std::int64_t id = companyId(ctx);
  const Json row = companyRow(ctx.db(), id);
  std::string reason;
  if (status == "rejected") {
    reason = requiredString(objectBody(ctx), "reason");
    const auto begin = reason.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) throw Error::unprocessable("reason_required", "give a reason for the rejection", "reason");
    if (reason.size() > 500 || !isUtf8(reason))
      throw Error::unprocessable("invalid_field", "reason is at most 500 bytes of UTF-8 text", "reason");
  }
  const std::string before = row.find("status")->asString();
  if (before == status) throw Error::conflict("already_" + status, "the company is already " + status, "status");
  ctx.db().execute("UPDATE companies SET status = ?, review_reason = ?, updated_at = ? WHERE id = ?",
                   {status, reason, nowText(), id});
  std::vector<Change> changes{{"status", before, status}};
  if (!reason.empty()) changes.push_back({"review_reason", row.find("review_reason")->asString(), reason});
  ctx.audit().recordChanges(status == "verified" ? "companies.approve" : "companies.reject", "company",
                            std::to_string(id), Json::object(), changes);
  return Response::json(Json::object({{"company", companyWithImports(ctx, id)}}));
}

// follow and unfollow for the caller; the count moves only when the row does.
Response follow(RequestContext& ctx, bool following) {
  const std::int64_t id = companyId(ctx);
  companyRow(ctx.db(), id);
  const std::string& user = ctx.principal().id;
  std::int64_t moved = 0;
  if (following) {
    if (ctx.db().query("SELECT 1 AS x FROM companies_follows WHERE company_id = ? AND user_id = ?", {id, user}).empty()) {
      ctx.db().execute("INSERT INTO companies_follows (company_id, user_id, created_at) VALUES (?, ?, ?)",
                       {id, user, nowText()});
      moved = 1;
    }
  } else {
    moved = -ctx.db().execute("DELETE FROM companies_follows WHERE company_id = ? AND user_id = ?", {id, user}).affectedRows;
  }
  if (moved != 0) {
    ctx.db().execute("UPDATE companies SET followers_count = followers_count + ? WHERE id = ?", {moved, id});
    ctx.audit().record(following ? "companies.follow" : "companies.unfollow", "company", std::to_string(id));
  }
  return Response::json(Json::object({{"following", following},
                                      {"followers_count", *companyRow(ctx.db(), id).find("followers_count")}}));
}

}  // namespace

void registerCatalogRoutes(Registrar& r) {
  const Access read = Access::require("companies.read"), write = Access::require("companies.write"),
               reviewer = Access::require("companies.review");
  r.route(Method::Get, "/companies", read, [](RequestContext& ctx) { return Response::json(listCompanies(ctx)); });
  r.route(Method::Post, "/companies", write, create);
  r.route(Method::Get, "/companies/{id}", read, [](RequestContext& ctx) {
    return Response::json(Json::object({{"company", companyWithImports(ctx, companyId(ctx))}}));
  });
  r.route(Method::Patch, "/companies/{id}", write, edit);
  r.route(Method::Delete, "/companies/{id}", Access::require("companies.delete").withStepUp(), erase);
  r.route(Method::Post, "/companies/{id}/approve", reviewer, [](RequestContext& ctx) { return review(ctx, "verified"); });
  r.route(Method::Post, "/companies/{id}/reject", reviewer, [](RequestContext& ctx) { return review(ctx, "rejected"); });
  r.route(Method::Post, "/companies/{id}/follow", Access::authenticated(),
          [](RequestContext& ctx) { return follow(ctx, true); });
  r.route(Method::Delete, "/companies/{id}/follow", Access::authenticated(),
          [](RequestContext& ctx) { return follow(ctx, false); });
}

}  // namespace companies
