// Who belongs to a company, in which team and with which role.
//
// Memberships live in the users plugin's user_companies table (this plugin
// depends on users), so that the users list filters by company and a deleted
// user's memberships go with them; this plugin manages the team and role.
#include "CompaniesRoutes.hpp"
#include "CompanyStore.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

constexpr std::string_view kRoles[] = {"member", "manager"};

std::string checkedRole(const std::optional<std::string>& role) {
  const std::string value = role.value_or("member");
  for (auto known : kRoles)
    if (value == known) return value;
  throw Error::unprocessable("invalid_role", "role must be member or manager", "role");
}

std::string checkedTeam(const std::optional<std::string>& team) {
  const std::string value = team.value_or("");
  if (value.size() > 64 || !isUtf8(value) || hasControlCharacter(value))
    throw Error::unprocessable("invalid_team", "team is at most 64 bytes of text", "team");
  return value;
}

// The member's user id: from the path, else from the body.
std::string memberId(RequestContext& ctx) {
  if (auto id = ctx.param("user_id")) return *id;
  return requiredString(objectBody(ctx), "user_id");
}

Response list(RequestContext& ctx) {
  const std::int64_t id = companyId(ctx);
  companyRow(ctx.db(), id);
  const Page page = readPage(ctx);
  Params params{std::to_string(id)};
  std::string after;
  if (page.after) {
    after = " AND m.user_id > ?";
    params.push_back(page.after->id);
  }
  params.emplace_back(page.limit + 1);
  auto rows = ctx.db().query("SELECT m.user_id AS id, u.first_name, u.last_name, u.email, u.status, m.team, m.role, "
                             "m.created_at FROM user_companies m JOIN users u ON u.id = m.user_id "
                             "WHERE m.company_id = ?" + after + " ORDER BY m.user_id LIMIT ?",
                             params);
  Json body = pageBody(std::move(rows), page, "id", "id");
  for (auto& item : body["items"].asArray()) {
    const std::string first = item.find("first_name")->asString(), last = item.find("last_name")->asString();
    item = Json::object({{"user_id", *item.find("id")},
                         {"name", last.empty() ? first : first + " " + last},
                         {"email", *item.find("email")},
                         {"status", *item.find("status")},
                         {"team", *item.find("team")},
                         {"role", *item.find("role")},
                         {"since", *item.find("created_at")}});
  }
  return Response::json(std::move(body));
}

Response add(RequestContext& ctx) {
  const std::int64_t id = companyId(ctx);
  companyRow(ctx.db(), id);
  const Json& body = objectBody(ctx);
  const std::string userId = requiredString(body, "user_id");
  const std::string team = checkedTeam(optionalString(body, "team"));
  const std::string role = checkedRole(optionalString(body, "role"));
  if (ctx.db().query("SELECT id FROM users WHERE id = ? AND status <> 'discarded'", {userId}).empty())
    throw Error::unprocessable("user_not_found", "no user " + userId, "user_id");
  const std::string company = std::to_string(id);
  auto existing = ctx.db().query("SELECT team, role FROM user_companies WHERE user_id = ? AND company_id = ?",
                                 {userId, company});
  std::vector<Change> changes;
  if (existing.empty()) {
    ctx.db().execute("INSERT INTO user_companies (user_id, company_id, team, role, created_at) VALUES (?, ?, ?, ?, ?)",
                     {userId, company, team, role, formatUtc(now())});
    changes = {{"team", Json(), team}, {"role", Json(), role}};
  } else {
    const std::string oldTeam = existing.front().find("team")->asString();
    const std::string oldRole = existing.front().find("role")->asString();
    if (oldTeam != team) changes.push_back({"team", oldTeam, team});
    if (oldRole != role) changes.push_back({"role", oldRole, role});
    if (!changes.empty())
      ctx.db().execute("UPDATE user_companies SET team = ?, role = ? WHERE user_id = ? AND company_id = ?",
                       {team, role, userId, company});
  }
  if (!changes.empty())
    ctx.audit().recordChanges(existing.empty() ? "companies.member_add" : "companies.member_update", "company",
                              company, Json::object({{"user_id", userId}}), changes);
  return Response::json(Json::object({{"member", Json::object({{"user_id", userId}, {"team", team}, {"role", role}})}}),
                        existing.empty() ? 201 : 200);
}

Response remove(RequestContext& ctx) {
  const std::int64_t id = companyId(ctx);
  companyRow(ctx.db(), id);
  const std::string userId = memberId(ctx);
  const std::string company = std::to_string(id);
  if (ctx.db().execute("DELETE FROM user_companies WHERE user_id = ? AND company_id = ?", {userId, company})
          .affectedRows == 0)
    throw Error::notFound("member_not_found", "user " + userId + " is not a member of company " + company);
  ctx.audit().record("companies.member_remove", "company", company, Json::object({{"user_id", userId}}));
  return Response::noContent();
}

}  // namespace

void registerMemberRoutes(Registrar& r) {
  const Access manage = Access::require("companies.members");
  r.route(Method::Get, "/companies/{id}/members", Access::require("companies.read"), list);
  r.route(Method::Post, "/companies/{id}/members", manage, add);
  r.route(Method::Delete, "/companies/{id}/members", manage, remove);
  r.route(Method::Delete, "/companies/{id}/members/{user_id}", manage, remove);
}

}  // namespace companies
