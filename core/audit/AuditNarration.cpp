#include "core/audit/AuditNarration.hpp"

#include <map>
#include <set>
#include <string_view>

namespace tabhost::core {

namespace {

// The host's own actions, which no plugin declares.
std::string hostDescription(std::string_view action) {
  static const std::map<std::string_view, std::string_view> descriptions{
      {"auth.login", "Signed in"},
      {"auth.logout", "Signed out"},
      {"auth.login_failed", "Failed to sign in"},
      {"auth.throttled", "Was slowed down after failed sign-ins"},
      {"auth.password_changed", "Changed their password"},
      {"auth.password_reset_completed", "Set a new password from a reset link"},
      {"auth.invite_accepted", "Accepted an invitation"},
      {"auth.reauth", "Confirmed their password"},
      {"auth.reauth_failed", "Failed to confirm their password"},
      {"auth.2fa_enabled", "Turned on two-factor authentication"},
      {"auth.2fa_disabled", "Turned off two-factor authentication"},
      {"auth.recovery_code_used", "Signed in with a recovery code"},
      {"auth.recovery_codes_regenerated", "Made new recovery codes"},
      {"auth.totp_replayed", "Sent an authentication code twice"},
      {"auth.csrf_refused", "Sent a request from another site, refused"},
      {"auth.credential_refused", "Used a refused credential"},
      {"tokens.issue", "Issued an API token"},
      {"tokens.revoke", "Revoked an API token"},
      {"impersonation.start", "Started impersonating a user"},
      {"impersonation.stop", "Stopped impersonating a user"},
      {"sessions.end_all", "Ended every session of a user"},
      {"tabhost.route", "Made a change"},
  };
  const auto it = descriptions.find(action);
  return it == descriptions.end() ? std::string() : std::string(it->second);
}

std::string textAt(const sdk::Json& json, const char* outer, const char* inner) {
  const sdk::Json* o = json.find(outer);
  const sdk::Json* v = o ? o->find(inner) : nullptr;
  return v && v->isString() ? v->asString() : std::string();
}

// id → shown name of the rows of `sql` (with one "?" list to fill) for `ids`.
std::map<std::string, std::string> namesOf(sdk::RequestContext& ctx, const std::string& select,
                                           const std::set<std::string>& ids,
                                           std::string (*name)(const sdk::Json& row)) {
  std::map<std::string, std::string> names;
  if (ids.empty()) return names;
  std::string marks;
  sdk::Params params;
  for (const auto& id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& row : ctx.db().query(select + " IN (" + marks + ")", params))
    names[row.find("id")->asString()] = name(row);
  return names;
}

std::string personName(const sdk::Json& row) {
  std::string name = row.find("first_name")->asString();
  const std::string& last = row.find("last_name")->asString();
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  return name.empty() ? row.find("email")->asString() : name;
}

std::string tokenName(const sdk::Json& row) { return row.find("name")->asString(); }

}  // namespace

void narrateEntries(sdk::RequestContext& ctx, const Registrations& registry, std::vector<sdk::Json>& entries) {
  // An API token's entries name its owner as the actor and the token in
  // their metadata (token_id).
  std::set<std::string> userIds, tokenIds;
  for (const auto& e : entries) {
    const std::string type = textAt(e, "actor", "type");
    if (type == "user" || type == "api_token") userIds.insert(textAt(e, "actor", "id"));
    if (const std::string token = textAt(e, "metadata", "token_id"); type == "api_token" && !token.empty())
      tokenIds.insert(token);
    if (const sdk::Json* by = e.find("impersonator_id"); by && by->isString()) userIds.insert(by->asString());
  }
  const auto people =
      namesOf(ctx, "SELECT id, first_name, last_name, email FROM users WHERE id", userIds, personName);
  const auto tokens = namesOf(ctx, "SELECT id, name FROM api_tokens WHERE id", tokenIds, tokenName);
  const auto nameOf = [](const std::map<std::string, std::string>& known, const std::string& id,
                         const char* gone) { return known.contains(id) ? known.at(id) : std::string(gone); };

  for (auto& e : entries) {
    const sdk::Json* action = e.find("action");
    const std::string name = action && action->isString() ? action->asString() : std::string();
    const RegisteredAuditAction* declared = registry.findAuditAction(name);
    e["summary"] = declared ? declared->action.description : hostDescription(name);
    const std::string type = textAt(e, "actor", "type");
    const std::string id = textAt(e, "actor", "id");
    const auto token = tokens.find(textAt(e, "metadata", "token_id"));
    e["actor"]["name"] = type == "user" ? nameOf(people, id, "A deleted user")
                         : type == "api_token"
                             ? nameOf(people, id, "A deleted user") +
                                   (token == tokens.end() ? " (with an API token)" : " (API token " + token->second + ")")
                         : type == "operator" ? std::string("A platform operator")
                                              : std::string("Someone");
    const sdk::Json* by = e.find("impersonator_id");
    e["impersonator_name"] =
        by && by->isString() ? sdk::Json(nameOf(people, by->asString(), "A deleted user")) : sdk::Json();
  }
}

}  // namespace tabhost::core
