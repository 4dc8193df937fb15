#include "InboundNumbers.hpp"

namespace voice {

namespace {

using namespace tabhost::sdk;

constexpr const char* kColumns =
    "phone_number TEXT NOT NULL UNIQUE, friendly_name TEXT NOT NULL DEFAULT '', company_id BIGINT, "
    "active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL";

constexpr std::size_t kMaxFriendlyName = 64;

Json numberJson(const Json& row) {
  const Json* company = row.find("company_id");
  return Json::object({{"id", *row.find("id")},
                       {"phone_number", *row.find("phone_number")},
                       {"friendly_name", *row.find("friendly_name")},
                       // As the companies plugin writes its ids.
                       {"company_id", company && company->isInt() ? Json(std::to_string(company->asInt())) : Json()},
                       // For lists that name the company; null too once the company is deleted.
                       {"company_name", *row.find("company_name")},
                       {"active", row.find("active")->asInt() != 0},
                       {"created_at", *row.find("created_at")},
                       {"updated_at", *row.find("updated_at")}});
}

std::int64_t numberId(RequestContext& ctx) {
  const std::string text = *ctx.param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw Error::notFound("not_found", "no inbound number " + text);
  return std::stoll(text);
}

// Numbers with their company's name, which the companies plugin owns.
constexpr const char* kSelect =
    "SELECT n.*, c.name AS company_name FROM voice_numbers n LEFT JOIN companies c ON c.id = n.company_id";

Json loadNumber(RequestContext& ctx, std::int64_t id) {
  const auto rows = ctx.db().query(std::string(kSelect) + " WHERE n.id = ?", {id});
  if (rows.empty()) throw Error::notFound("not_found", "no inbound number " + std::to_string(id));
  return numberJson(rows.front());
}

std::string friendlyName(const Json& body) {
  const std::string name = optionalString(body, "friendly_name").value_or("");
  if (name.size() > kMaxFriendlyName || !isUtf8(name) || hasControlCharacter(name))
    throw Error::badRequest("invalid_field", "friendly_name: at most 64 characters of plain text", "friendly_name");
  return name;
}

// The company a number routes to: it must exist and have a call tree to answer with.
Json routedCompany(RequestContext& ctx, const Json& body) {
  const Json* value = body.find("company_id");
  if (!value || value->isNull()) return Json();
  // The companies plugin shows ids as strings; a number is taken too.
  const std::string text = value->isInt() ? std::to_string(value->asInt()) : value->isString() ? value->asString() : "";
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw Error::badRequest("invalid_field", "company_id must be a company's id", "company_id");
  const std::int64_t id = std::stoll(text);
  const auto rows = ctx.db().query("SELECT call_tree FROM companies WHERE id = ?", {id});
  if (rows.empty()) throw Error::unprocessable("unknown_company", "no company " + text, "company_id");
  if (rows.front().find("call_tree")->asString().empty())
    throw Error::unprocessable("no_call_tree", "company " + text + " has no call tree", "company_id");
  return Json(id);
}

std::vector<Change> diff(const Json& before, const Json& after) {
  return changedMembers(before, after, {"friendly_name", "company_id", "active"});
}

Response list(RequestContext& ctx) {
  std::string sql = kSelect;
  Params params;
  if (const auto active = ctx.query("active")) {
    if (*active != "true" && *active != "false")
      throw Error::badRequest("invalid_query", "active must be true or false", "active");
    sql += " WHERE n.active = ?";
    params.emplace_back(*active == "true" ? 1 : 0);
  }
  Json items = Json::array();
  for (const auto& row : ctx.db().query(sql + " ORDER BY n.id", params)) items.push_back(numberJson(row));
  return Response::json(Json::object({{"items", std::move(items)}}));
}

Response add(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  const std::string phone = requiredString(body, "phone_number");
  if (!isE164(phone))
    throw Error::badRequest("invalid_field", "phone_number: expected E.164 such as +14155550100", "phone_number");
  const std::string name = friendlyName(body);
  const Json company = routedCompany(ctx, body);
  const std::string at = formatUtc(now());
  // The unique index decides, so two adds of one number at once give one 201 and one 409.
  const auto inserted = ctx.db().query(
      "INSERT INTO voice_numbers (phone_number, friendly_name, company_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (phone_number) DO NOTHING RETURNING id",
      {phone, name, company, at, at});
  if (inserted.empty()) throw Error::conflict("number_taken", phone + " is already an inbound number", "phone_number");
  const std::int64_t id = inserted.front().find("id")->asInt();
  const Json number = loadNumber(ctx, id);
  ctx.audit().recordChanges("voice.number.add", "voice_number", std::to_string(id), Json(),
                            {{"phone_number", Json(), phone}, {"friendly_name", Json(), name},
                             {"company_id", Json(), company}});
  return Response::created(Json::object({{"number", number}}));
}

Response edit(RequestContext& ctx) {
  const std::int64_t id = numberId(ctx);
  const Json before = loadNumber(ctx, id);
  const Json& body = objectBody(ctx);
  for (const auto& [key, value] : body.asObject())
    if (key != "friendly_name" && key != "company_id")
      throw Error::badRequest("invalid_field", key + " cannot be changed (friendly_name, company_id)", key);
  const std::string name = body.find("friendly_name") ? friendlyName(body) : before.find("friendly_name")->asString();
  const Json company = body.find("company_id") ? routedCompany(ctx, body) : *before.find("company_id");
  ctx.db().execute("UPDATE voice_numbers SET friendly_name = ?, company_id = ?, updated_at = ? WHERE id = ?",
                   {name, company, formatUtc(now()), id});
  const Json after = loadNumber(ctx, id);
  if (const auto changes = diff(before, after); !changes.empty())
    ctx.audit().recordChanges("voice.number.update", "voice_number", std::to_string(id), Json(), changes);
  return Response::json(Json::object({{"number", after}}));
}

Response deactivate(RequestContext& ctx) {
  const std::int64_t id = numberId(ctx);
  const Json before = loadNumber(ctx, id);
  ctx.db().execute("UPDATE voice_numbers SET active = 0, updated_at = ? WHERE id = ? AND active = 1",
                   {formatUtc(now()), id});
  const Json after = loadNumber(ctx, id);
  if (const auto changes = diff(before, after); !changes.empty())
    ctx.audit().recordChanges("voice.number.deactivate", "voice_number", std::to_string(id), Json(), changes);
  return Response::json(Json::object({{"number", after}}));
}

}  // namespace

void registerInboundNumbers(Registrar& r) {
  r.migration(1, "create voice_numbers",
              std::string("CREATE TABLE voice_numbers (id INTEGER PRIMARY KEY AUTOINCREMENT, ") + kColumns + ");\n",
              std::string("CREATE TABLE voice_numbers (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ") +
                  kColumns + ");\n");
  r.auditAction("voice.number.add", "Added an inbound number");
  r.auditAction("voice.number.update", "Changed an inbound number's name or routing");
  r.auditAction("voice.number.deactivate", "Deactivated an inbound number");
  r.route(Method::Get, "/voice/numbers", Access::require("voice.read"), list);
  r.route(Method::Get, "/voice/numbers/{id}", Access::require("voice.read"), [](RequestContext& ctx) {
    return Response::json(Json::object({{"number", loadNumber(ctx, numberId(ctx))}}));
  });
  r.route(Method::Post, "/voice/numbers", Access::require("voice.write"), add);
  r.route(Method::Patch, "/voice/numbers/{id}", Access::require("voice.write"), edit);
  r.route(Method::Post, "/voice/numbers/{id}/deactivate", Access::require("voice.write"), deactivate);
}

}  // namespace voice
