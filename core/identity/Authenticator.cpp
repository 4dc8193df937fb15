#include "core/identity/Authenticator.hpp"

#include <algorithm>

#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include "core/crypto/Secrets.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/identity/Sessions.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

// Refuses the credential: on a public route the caller simply stays
// anonymous; elsewhere 401, with a security entry that survives the failure.
[[noreturn]] void refuse(RequestState& state, const std::string& code, const std::string& message,
                         const std::string& reason) {
  state.deferredSecurity.push_back(
      state.securityEntry("auth.credential_refused", "", "", sdk::Json::object({{"reason", reason}})));
  throw sdk::Error(401, code, message);
}

std::optional<std::string> bearerToken(const RequestState& state) {
  // A copy: Poco's get() returns the default it is given when the header is
  // missing, here a temporary gone by the next line.
  const std::string header = state.http.get("Authorization", "");
  if (header.empty()) return std::nullopt;
  static const std::string scheme = "Bearer ";
  if (header.size() <= scheme.size() || !std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
      }))
    return std::string();
  return header.substr(scheme.size());
}

std::optional<std::string> sessionCookieValue(const RequestState& state) {
  Poco::Net::NameValueCollection cookies;
  state.http.getCookies(cookies);
  const std::string name = sessionCookieName(state.tenant.id, state.config->host.security.secureCookies);
  if (!cookies.has(name)) return std::nullopt;
  return cookies.get(name);
}

void fromToken(RequestState& state, const std::string& token) {
  const std::string& prefix = state.tenantConfig.tokenPrefix;
  // A mistyped or foreign token is refused before any lookup.
  if (!tokenWellFormed(token, prefix))
    refuse(state, "invalid_token", "the API token is malformed or mistyped", "malformed_token");
  const std::int64_t now = unixSeconds();
  auto cached = state.identity.tokens.find(state.tenant.id, token);
  if (!cached) {
    const std::uint64_t generation = state.identity.tokens.generation();
    const auto stored = state.read([&](sdk::Database& db) { return findToken(db, sha256Hex(token)); });
    if (!stored) refuse(state, "invalid_token", "the API token is not valid", "unknown_token");
    const auto owner = accountOf(state, stored->userId);
    if (!owner || !accountActive(*owner))
      refuse(state, "invalid_token", "the API token is not valid", "token_owner_inactive");
    auto fresh = std::make_shared<TokenCache::Entry>();
    TokenCache::Entry& entry = *fresh;
    entry.principal.kind = sdk::Principal::Kind::ApiToken;
    entry.principal.id = owner->id;
    entry.principal.name = owner->displayName();
    entry.principal.userType = owner->userType;
    entry.principal.tokenId = stored->id;
    // The token's scopes, within what its owner may do today.
    const auto ownerPermissions = accountPermissions(state, owner->userType, owner->roles);
    for (const auto& scope : stored->scopes)
      if (std::ranges::binary_search(ownerPermissions, scope)) entry.principal.permissions.push_back(scope);
    entry.expiresS = stored->expiresS;
    entry.cachedAt = std::chrono::steady_clock::now();
    state.identity.tokens.put(state.tenant.id, token, fresh, generation);
    cached = std::move(fresh);
  }
  if (now >= cached->expiresS) refuse(state, "token_expired", "the API token has expired", "token_expired");
  state.principal = cached->principal;
  state.credential = RequestState::Credential::Token;
  // last_used_at is for people: minute precision saves a write per request.
  if (std::int64_t written = cached->lastUsedWrittenS.load();
      now - written >= 60 && cached->lastUsedWrittenS.compare_exchange_strong(written, now))
    state.writeWithRequest([id = cached->principal.tokenId](sdk::Database& db) { markTokenUsed(db, id); });
}

void fromSession(RequestState& state, const std::string& id) {
  const auto session = state.read([&](sdk::Database& db) { return findSession(db, id); });
  if (!session) refuse(state, "unauthorized", "the session is not valid; sign in again", "unknown_session");
  const auto& security = state.config->host.security;
  const std::int64_t now = unixSeconds();
  if (now - session->seenS > security.sessionIdleSeconds || now - session->createdS > security.sessionAbsoluteSeconds) {
    endSession(state.database(), session->idHash);
    endImpersonationOfEndedSession(state, *session);
    state.errorHeaders.emplace_back("Set-Cookie", sessionCookie(state.tenant.id, "", security.secureCookies, 0));
    refuse(state, "session_expired", "the session has expired; sign in again", "session_expired");
  }
  const auto account = accountOf(state, session->userId);
  if (!account || !accountActive(*account))
    refuse(state, "unauthorized", "the session is not valid; sign in again", "session_owner_inactive");
  // Inside an impersonation the session's owner acts as its target.
  const Account acting =
      session->impersonationId.empty() ? *account : impersonatedAccount(state, *session, *account);
  // Idle time is measured in steps well below the timeout, not per request.
  if (now - session->seenS >= std::min(60, std::max(1, security.sessionIdleSeconds / 4)))
    state.writeWithRequest([hash = session->idHash, now](sdk::Database& db) { touchSession(db, hash, now); });
  state.principal = userPrincipal(state, acting);
  state.credential = RequestState::Credential::Session;
  state.sessionId = id;
  state.session = *session;
  // An impersonator is not the one to replace the user's temporary password.
  state.passwordChangeRequired = acting.passwordTemporary && !state.impersonation;
}

// A browser sends Origin on cross-site writes; a page of another origin must
// not drive a cookie session (defence in depth behind the CSRF token).
bool sameOrigin(const RequestState& state) {
  const std::string origin = state.http.get("Origin", "");
  if (origin.empty() || origin == "null") return origin.empty();
  try {
    // The authority leaves out a scheme's default port, as Host does.
    return Poco::icompare(Poco::URI(origin).getAuthority(), state.http.getHost()) == 0;
  } catch (const Poco::Exception&) {
    return false;
  }
}

[[noreturn]] void refuseCsrf(RequestState& state, const std::string& reason) {
  state.deferredSecurity.push_back(
      state.securityEntry("auth.csrf_refused", "", "", sdk::Json::object({{"reason", reason}})));
  throw sdk::Error(403, "csrf_failed",
                   "this request needs the X-CSRF-Token header given at sign-in, from the same origin");
}

}  // namespace

std::optional<Account> accountOf(RequestState& state, const std::string& id) {
  if (!isOperatorId(id)) return state.read([&](sdk::Database& db) { return findAccountById(db, id); });
  auto lease = state.storage().acquire(TenantDatabases::kSystem);
  PocoDatabase system(lease, state.storage().driver());
  return findOperatorById(system, id);
}

sdk::Principal userPrincipal(const RequestState& state, const Account& account) {
  sdk::Principal p;
  p.kind = sdk::Principal::Kind::User;
  p.id = account.id;
  p.name = account.displayName();
  p.userType = account.userType;
  p.permissions = accountPermissions(state, account.userType, account.roles);
  return p;
}

std::optional<std::string> permissionBeyond(const RequestState& state, const sdk::Principal& actor,
                                            const std::string& userType, const std::vector<std::string>& roles) {
  std::vector<std::string> own = actor.permissions;
  std::ranges::sort(own);
  for (const auto& p : accountPermissions(state, userType, roles))
    if (!std::ranges::binary_search(own, p)) return p;
  return std::nullopt;
}

std::vector<std::string> accountPermissions(const RequestState& state, const std::string& userType,
                                            const std::vector<std::string>& roles) {
  return permissionsFor(state.identity.permissions, state.tenantConfig.roles, userType, roles);
}

void authenticate(RequestState& state, const sdk::Access& access) {
  try {
    if (auto token = bearerToken(state)) {
      fromToken(state, *token);
    } else if (auto cookie = sessionCookieValue(state)) {
      fromSession(state, *cookie);
    }
  } catch (const sdk::Error&) {
    if (access.kind != sdk::Access::Kind::Public) throw;
    state.principal = {};
    state.credential = RequestState::Credential::None;
    state.impersonation.reset();
    state.deferredSecurity.clear();
    state.deferredWrites.clear();
  }
}

void authorize(RequestState& state, const sdk::Access& access) {
  // Public writes too (sign-in): a page of another origin must not drive them.
  if (state.mutating && !sameOrigin(state)) refuseCsrf(state, "foreign_origin");
  if (access.kind == sdk::Access::Kind::Public) return;
  if (!state.principal.authenticated()) throw sdk::Error::unauthorized();
  if (state.credential == RequestState::Credential::Session && state.mutating) {
    const std::string sent = state.http.get("X-CSRF-Token", "");
    if (sent.empty()) refuseCsrf(state, "missing_token");
    if (!constantTimeEquals(sent, csrfTokenFor(state.sessionId))) refuseCsrf(state, "wrong_token");
    if (!sameOrigin(state)) refuseCsrf(state, "foreign_origin");
  }
  if (access.sessionOnly && state.credential != RequestState::Credential::Session)
    throw sdk::Error::forbidden("session_only", "this action needs a signed-in session, not an API token");
  if (access.kind == sdk::Access::Kind::Permission) {
    if (state.passwordChangeRequired)
      throw sdk::Error::forbidden("password_change_required",
                                  "set a new password first (POST /auth/change-password)");
    if (!state.principal.can(access.permission))
      throw sdk::Error::forbidden("forbidden", "missing permission '" + access.permission + "'");
  }
  if (access.stepUp && state.credential == RequestState::Credential::Session &&
      unixSeconds() - state.session.reauthS > state.config->host.security.stepUpSeconds)
    throw sdk::Error::forbidden("reauth_required",
                                "confirm your password first (POST /auth/reauth), then repeat the request");
}

}  // namespace tabhost::core
