#include "core/identity/AccountManager.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "core/crypto/Secrets.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/identity/AccountLinks.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/Authenticator.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/Permissions.hpp"
#include "core/identity/Sessions.hpp"
#include "core/identity/UserSearch.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/mail/Outbox.hpp"
#include "core/storage/RowFields.hpp"
#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/formats.hpp"

namespace tabhost::core {

namespace {

using sdk::Error;

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::ranges::count_if(text, [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

bool hasControl(const std::string& text) {
  return std::ranges::any_of(text, [](unsigned char c) { return c < 0x20 || c == 0x7F; });
}

// Names and ids people type: printable, at most `limit` characters.
std::string checkedText(const std::string& value, const char* field, std::size_t limit, bool required) {
  const std::string text = trimmedEmail(value);
  if (required && text.empty()) throw Error::unprocessable("required", std::string(field) + " is required", field);
  if (characters(text) > limit)
    throw Error::unprocessable("too_long", std::string(field) + " is over " + std::to_string(limit) + " characters",
                               field);
  if (hasControl(text)) throw Error::unprocessable("invalid_text", std::string(field) + " has control characters", field);
  return text;
}

std::string checkedEmail(const std::string& value) {
  const std::string email = trimmedEmail(value);
  if (email.empty()) throw Error::unprocessable("required", "email is required", "email");
  if (!plausibleEmail(email)) throw Error::unprocessable("invalid_email", "email is not an email address", "email");
  return email;
}

std::string checkedPhone(const std::string& value) {
  if (!value.empty() && !sdk::isE164(value))
    throw Error::unprocessable("invalid_phone", "phone must be in E.164 form, e.g. +14155550123", "phone");
  return value;
}

std::string checkedTimezone(const std::string& value) {
  if (value.empty()) return "UTC";
  // An IANA name, checked against the system's zone database (tzdata).
  static const std::regex name(R"([A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2})");
  if (value.size() > 64 || !std::regex_match(value, name) ||
      !std::filesystem::is_regular_file("/usr/share/zoneinfo/" + value))
    throw Error::unprocessable("invalid_timezone", "timezone must be an IANA zone such as Europe/Paris", "timezone");
  return value;
}

// Whoever holds the owner's or operator's rank may act on anyone; everyone
// else only on what ranks strictly below them.
bool outranks(const std::string& actorType, int rank) {
  return actorType == "owner" || actorType == "operator" || rank < sdk::userTypeRank(actorType);
}

// A role ranks as the lowest type that already holds all its permissions.
int roleRank(const PermissionCatalog& catalog, const TenantRoles& roles, const std::vector<std::string>& permissions) {
  for (auto type = sdk::kUserTypes.rbegin(); type != sdk::kUserTypes.rend(); ++type) {
    const auto held = permissionsFor(catalog, roles, std::string(*type), {});
    if (std::ranges::all_of(permissions, [&](const std::string& p) { return std::ranges::binary_search(held, p); }))
      return sdk::userTypeRank(*type);
  }
  return sdk::userTypeRank("owner") + 1;
}

// Whether the request's principal may give a role granting `permissions`:
// it must rank below their own type.
bool mayGrant(const RequestState& state, const std::vector<std::string>& permissions) {
  return outranks(state.principal.userType,
                  roleRank(state.identity.permissions, state.tenantConfig.roles, permissions));
}

std::int64_t countOf(sdk::Database& db, const std::string& sql, const std::string& value) {
  const auto rows = db.query(sql, {value});
  return rows.empty() ? 0 : intField(rows.front(), "n");
}

// The host's own tables holding a user's rows.
struct HostUserTable {
  const char* kind;
  const char* table;
};
constexpr HostUserTable kHostUserTables[] = {
    {"sessions", "sessions"}, {"api_tokens", "api_tokens"}, {"recovery_codes", "recovery_codes"},
    {"account_links", "account_links"}, {"search_words", "user_search"}};

}  // namespace

Account AccountManager::manageable(const std::string& userId) {
  const sdk::Principal& actor = state_.principal;
  if (!actor.authenticated()) throw Error::unauthorized();
  auto target = findAccountById(state_.database(), userId);
  if (!target) throw Error::notFound("user_not_found", "no user with this id");
  if (target->id == actor.id)
    throw Error::forbidden("own_account", "you cannot manage your own account here; use your profile instead");
  if (!outranks(actor.userType, sdk::userTypeRank(target->userType)))
    throw Error::forbidden("rank_too_low", "you may only manage users whose type ranks below yours (" +
                                               actor.userType + ")");
  // Roles can lift a user above their type: whoever may take over an
  // account (reset it, change its email) must already hold all it holds.
  refuseEscalation(target->userType, target->roles, "");
  return *target;
}

void AccountManager::refuseEscalation(const std::string& type, const std::vector<std::string>& roles,
                                      const char* field) {
  // An API token acts with its scopes only, never with its owner's full rank.
  if (const auto lacking = permissionBeyond(state_, state_.principal, type, roles))
    throw Error::forbidden("permission_escalation",
                           "that user would hold '" + *lacking + "', which you do not hold yourself", field);
}

void AccountManager::checkGrantable(const std::vector<std::string>& roles) {
  const TenantRoles& tenantRoles = state_.tenantConfig.roles;
  for (const auto& role : roles) {
    const auto defined = tenantRoles.find(role);
    if (defined == tenantRoles.end() || isUserType(role))
      throw Error::unprocessable("unknown_role", "'" + role + "' is not one of this tenant's roles", "roles");
    if (!mayGrant(state_, defined->second))
      throw Error::forbidden("rank_too_low", "role '" + role + "' ranks at or above your own type", "roles");
  }
}

std::vector<sdk::RoleInfo> AccountManager::roles() {
  std::vector<sdk::RoleInfo> roles;
  for (const auto& [name, permissions] : state_.tenantConfig.roles) {
    // A role named like a type replaces that type's set: it is no role to give.
    if (isUserType(name)) continue;
    sdk::RoleInfo role{name, permissions, mayGrant(state_, permissions)};
    std::ranges::sort(role.permissions);
    roles.push_back(std::move(role));
  }
  return roles;
}

void AccountManager::keepAnOwner(const Account& target) {
  if (target.userType != "owner") return;
  if (countOf(state_.database(),
              "SELECT COUNT(*) AS n FROM users WHERE user_type = 'owner' AND status = 'active' AND id <> ?",
              target.id) == 0)
    throw Error::forbidden("last_owner", "a tenant keeps at least one active owner");
}

std::int64_t cutAccess(RequestState& state, const std::string& userId) {
  auto& db = state.database();
  const std::int64_t ended = endUserSessions(db, userId);
  endImpersonationsOf(state, userId, "access_cut");
  voidAccountLinks(db, userId);
  state.credentialsChanged = true;
  return ended;
}

void AccountManager::queueMail(sdk::MailMessage message) {
  enqueueMail(state_.database(), brandedMail(state_.branding(), std::move(message)));
}

std::string AccountManager::linkFor(const std::string& purpose, const std::string& token) const {
  // The token rides in the fragment, which browsers never send to a server
  // or put in a Referer: it stays out of access logs.
  return state_.config->host.server.baseUrl() + "/t/" + state_.tenant.id + "/set-password#" +
         purpose + "=" + token;
}

sdk::CreatedUser AccountManager::create(const sdk::NewUser& user) {
  const sdk::Principal& actor = state_.principal;
  if (!actor.authenticated()) throw Error::unauthorized();
  NewAccount n;
  n.firstName = checkedText(user.firstName, "first_name", 100, true);
  n.lastName = checkedText(user.lastName, "last_name", 100, true);
  n.email = checkedEmail(user.email);
  n.phone = checkedPhone(user.phone);
  n.externalId = checkedText(user.externalId, "external_id", 100, false);
  n.timezone = checkedTimezone(user.timezone);
  if (!isUserType(user.type))
    throw Error::unprocessable("unknown_type", "type must be one of owner, admin, supervisor, agent, analyst, "
                                               "viewer, member", "type");
  if (!outranks(actor.userType, sdk::userTypeRank(user.type)))
    throw Error::forbidden("rank_too_low", "you may only create users whose type ranks below yours (" +
                                               actor.userType + ")", "type");
  n.userType = user.type;
  std::set<std::string> unique(user.roles.begin(), user.roles.end());
  n.roles.assign(unique.begin(), unique.end());
  checkGrantable(n.roles);
  refuseEscalation(n.userType, n.roles, "type");
  n.invited = user.invite;

  std::string temporary;
  const Account created = createAccount(state_.database(), n, temporary);
  if (user.invite) {
    const std::string token = issueAccountLink(state_.database(), created.id, LinkPurpose::Invite);
    queueMail(invitationMail(state_.branding(), created.email, created.displayName(),
                             linkFor("invite", token)));
  }
  return {created.id, temporary};
}

std::vector<sdk::Change> AccountManager::update(const std::string& userId, const sdk::UserUpdate& u) {
  const Account target = manageable(userId);
  auto& db = state_.database();
  const auto row = db.query("SELECT phone, external_id, timezone FROM users WHERE id = ?", {userId}).front();
  std::vector<sdk::Change> changes;
  std::vector<std::pair<const char*, std::string>> columns;
  auto set = [&](const char* column, const std::string& before, const std::string& after) {
    if (before == after) return;
    changes.push_back({column, before, after});
    columns.emplace_back(column, after);
  };
  // What the search words are made of, as they will be after the update.
  std::string first = target.firstName, last = target.lastName, email = target.email;
  if (u.firstName) set("first_name", target.firstName, first = checkedText(*u.firstName, "first_name", 100, true));
  if (u.lastName) set("last_name", target.lastName, last = checkedText(*u.lastName, "last_name", 100, true));
  if (u.phone) set("phone", textField(row, "phone"), checkedPhone(*u.phone));
  if (u.externalId) set("external_id", textField(row, "external_id"), checkedText(*u.externalId, "external_id", 100, false));
  if (u.timezone) set("timezone", textField(row, "timezone"), checkedTimezone(*u.timezone));
  bool signOut = false;
  if (u.email) {
    email = checkedEmail(*u.email);
    if (email != target.email) {
      if (emailKey(email) != emailKey(target.email) &&
          !db.query("SELECT 1 FROM users WHERE email_key = ?", {emailKey(email)}).empty())
        throw Error::conflict("email_taken", "a user with this email already exists", "email");
      set("email", target.email, email);
      columns.emplace_back("email_key", emailKey(email));
      signOut = true;
    }
  }
  if (u.roles) {
    std::set<std::string> unique(u.roles->begin(), u.roles->end());
    const std::vector<std::string> after(unique.begin(), unique.end());
    std::vector<std::string> before = target.roles;
    std::ranges::sort(before);
    if (after != before) {
      // Granting and taking away are both limited to roles below one's rank.
      std::vector<std::string> touched;
      std::ranges::set_symmetric_difference(before, after, std::back_inserter(touched));
      checkGrantable(touched);
      refuseEscalation(target.userType, after, "roles");
      changes.push_back({"roles", sdk::Json::strings(before), sdk::Json::strings(after)});
      columns.emplace_back("roles", toJsonText(sdk::Json::strings(after)));
      signOut = true;
    }
  }
  if (columns.empty()) return changes;
  std::string sql = "UPDATE users SET ";
  sdk::Params params;
  for (const auto& [column, value] : columns) {
    sql += std::string(params.empty() ? "" : ", ") + column + " = ?";
    params.emplace_back(value);
  }
  params.emplace_back(userId);
  db.execute(sql + " WHERE id = ?", params);
  if (first != target.firstName || last != target.lastName || email != target.email)
    indexUserWords(db, userId, first, last, email);
  // A new sign-in name or new permissions start from a fresh sign-in.
  if (signOut) cutAccess(state_, userId);
  return changes;
}

void AccountManager::resendInvite(const std::string& userId) {
  const Account target = manageable(userId);
  if (target.status != "invited")
    throw Error::conflict("invalid_status", "the user is " + target.status + ", not invited");
  const std::string token = issueAccountLink(state_.database(), userId, LinkPurpose::Invite);
  queueMail(invitationMail(state_.branding(), target.email, target.displayName(),
                           linkFor("invite", token)));
}

std::string AccountManager::resetPassword(const std::string& userId, sdk::PasswordReset mode) {
  const Account target = manageable(userId);
  if (target.status != "active" && target.status != "suspended")
    throw Error::conflict("invalid_status", "the user is " + target.status +
                                                (target.status == "invited" ? "; resend the invitation instead" : ""));
  auto& db = state_.database();
  cutAccess(state_, userId);
  // A reset is often for a leaked credential: the user's tokens go too.
  const std::int64_t revoked = revokeUserTokens(db, userId);
  std::string temporary;
  if (mode == sdk::PasswordReset::TemporaryPassword) {
    temporary = resetToTemporaryPassword(db, userId);
  } else {
    // The old password stops working now: a reset is often for a leaked one.
    setPassword(db, userId, "");
    const std::string token = issueAccountLink(db, userId, LinkPurpose::Reset);
    queueMail(passwordResetMail(state_.branding(), target.email, target.displayName(),
                                linkFor("reset", token)));
  }
  state_.audit(state_.securityEntry(
      "auth.password_reset", "user", userId,
      sdk::Json::object({{"mode", mode == sdk::PasswordReset::EmailLink ? "email_link" : "temporary_password"},
                         {"tokens_revoked", revoked}})));
  return temporary;
}

void AccountManager::disableTwoFactor(const std::string& userId, const std::string& reason) {
  const std::string why = checkedText(reason, "reason", 500, true);
  const Account target = manageable(userId);
  if (!target.totpEnabled && target.totpSecretSealed.empty())
    throw Error::conflict("two_factor_off", "two-factor authentication is not on for this user");
  clearTwoFactor(state_.database(), userId);
  state_.audit(state_.securityEntry("auth.2fa_disabled", "user", userId,
                                    sdk::Json::object({{"by_admin", true}, {"reason", why}})));
  if (!target.email.empty())
    queueMail(twoFactorDisabledMail(state_.branding(), target.email, target.displayName()));
}

void AccountManager::changeStatus(const std::string& userId, sdk::AccountStatusChange change) {
  using C = sdk::AccountStatusChange;
  const Account target = manageable(userId);
  const std::string& from = target.status;
  // Back to "invited" only for someone who never signed in: an emptied
  // password (a pending reset link) must not reopen the invitation path.
  const bool neverSignedIn =
      state_.database().query("SELECT 1 FROM users WHERE id = ? AND last_login_at IS NULL", {userId}).size() == 1;
  const std::string restored = neverSignedIn && awaitingPassword(target) ? "invited" : "active";
  std::string to;
  switch (change) {
    case C::Suspend: to = from == "active" || from == "invited" ? "suspended" : ""; break;
    case C::Reactivate: to = from == "suspended" ? restored : ""; break;
    case C::Discard: to = from != "discarded" ? "discarded" : ""; break;
    case C::Undiscard: to = from == "discarded" ? restored : ""; break;
  }
  if (to.empty()) throw Error::conflict("invalid_status", "the user is " + from);
  if (to == "suspended" || to == "discarded") {
    keepAnOwner(target);
    cutAccess(state_, userId);
  }
  state_.database().execute("UPDATE users SET status = ? WHERE id = ?", {to, userId});
}

std::vector<sdk::UserDataCount> AccountManager::deletionPreview(const std::string& userId) {
  return userDataCounts(manageable(userId));
}

std::vector<sdk::UserDataCount> AccountManager::userDataCounts(const Account& target) {
  const std::string& userId = target.id;
  auto& db = state_.database();
  std::vector<sdk::UserDataCount> counts{{"user", 1}};
  for (const auto& t : kHostUserTables)
    counts.push_back({t.kind, countOf(db, std::string("SELECT COUNT(*) AS n FROM ") + t.table + " WHERE user_id = ?",
                                      userId)});
  counts.push_back({"mail", countOf(db, "SELECT COUNT(*) AS n FROM mail_outbox WHERE lower(to_address) = ?",
                                    emailKey(target.email))});
  // Either side of an impersonation; the audit log keeps its start and stop.
  counts.push_back({"impersonations", intField(db.query("SELECT COUNT(*) AS n FROM impersonations WHERE user_id = ? "
                                                        "OR impersonator_id = ?", {userId, userId}).front(), "n")});
  for (const auto& d : state_.registry.userData)
    counts.push_back({d.spec.kind, countOf(db, "SELECT COUNT(*) AS n FROM " + d.spec.table + " WHERE " +
                                                   d.spec.column + " = ?", userId)});
  // Entries stay (the log is append-only); their personal details go.
  counts.push_back({"audit_personal_details",
                    countOf(db, "SELECT COUNT(*) AS n FROM audit_log WHERE target_type = 'user' AND target_id = ? "
                                "AND changes IS NOT NULL", userId)});
  return counts;
}

std::vector<sdk::UserDataCount> AccountManager::erase(const std::string& userId) {
  const Account target = manageable(userId);
  keepAnOwner(target);
  const std::vector<sdk::UserDataCount> counts = userDataCounts(target);
  auto& db = state_.database();
  // Anonymized first, so that nothing reading the row on its way out (a
  // plugin's trigger, a replica) ever sees who it was.
  db.execute("UPDATE users SET first_name = 'Deleted User', last_name = '', email = '', email_key = ?, phone = '', "
             "external_id = '', password_hash = '', totp_secret = '' WHERE id = ?",
             {"deleted:" + userId, userId});
  for (const auto& t : kHostUserTables)
    db.execute(std::string("DELETE FROM ") + t.table + " WHERE user_id = ?", {userId});
  db.execute("DELETE FROM mail_outbox WHERE lower(to_address) = ?", {emailKey(target.email)});
  endImpersonationsOf(state_, userId, "user_deleted");
  db.execute("DELETE FROM impersonations WHERE user_id = ? OR impersonator_id = ?", {userId, userId});
  for (const auto& d : state_.registry.userData)
    db.execute("DELETE FROM " + d.spec.table + " WHERE " + d.spec.column + " = ?", {userId});
  db.execute("UPDATE audit_log SET changes = NULL, changes_salt = NULL WHERE target_type = 'user' AND target_id = ? "
             "AND changes IS NOT NULL", {userId});
  db.execute("DELETE FROM users WHERE id = ?", {userId});
  state_.credentialsChanged = true;
  return counts;
}

}  // namespace tabhost::core
