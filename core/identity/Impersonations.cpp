#include "core/identity/Impersonations.hpp"

#include <algorithm>

#include "core/crypto/Secrets.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/Authenticator.hpp"
#include "core/identity/Sessions.hpp"
#include "core/storage/RowFields.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

using sdk::Error;

ActiveImpersonation impersonationFrom(const sdk::Json& r) {
  ActiveImpersonation a;
  a.record.id = textField(r, "id");
  a.record.impersonatorId = textField(r, "impersonator_id");
  a.record.impersonatorName = textField(r, "impersonator_name");
  a.record.userId = textField(r, "user_id");
  a.record.reason = textField(r, "reason");
  a.record.readOnly = intField(r, "read_only") != 0;
  a.record.startedAt = textField(r, "started_at");
  a.record.endedAt = textField(r, "ended_at");
  a.record.endReason = textField(r, "end_reason");
  a.record.actions = intField(r, "actions");
  a.startedS = intField(r, "started_s");
  a.expiresS = intField(r, "expires_s");
  a.record.expiresAt = textField(r, "expires_at");
  return a;
}

std::optional<ActiveImpersonation> findImpersonation(sdk::Database& db, const std::string& id) {
  const auto rows = db.query("SELECT * FROM impersonations WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return impersonationFrom(rows.front());
}

// Closes the row; false when something else closed it first.
bool closeImpersonation(sdk::Database& db, ActiveImpersonation& a, std::int64_t endedS, const std::string& reason) {
  a.record.endedAt = utcFromUnix(endedS);
  a.record.endReason = reason;
  return db.execute("UPDATE impersonations SET ended_at = ?, ended_s = ?, end_reason = ? "
                    "WHERE id = ? AND ended_s IS NULL",
                    {a.record.endedAt, endedS, reason, a.record.id})
             .affectedRows == 1;
}

// impersonation.stop, by the impersonator (who ends it, or whose time box ran out).
AuditEntry stopEntry(const RequestState& state, const ActiveImpersonation& a, std::int64_t endedS) {
  AuditEntry e = state.securityEntry("impersonation.stop", "user", a.record.userId,
                                     sdk::Json::object({{"impersonation_id", a.record.id},
                                                        {"ended_by", a.record.endReason},
                                                        {"duration_s", endedS - a.startedS},
                                                        {"actions", a.record.actions}}));
  e.actorType = isOperatorId(a.record.impersonatorId) ? "operator" : "user";
  e.actorId = a.record.impersonatorId;
  e.impersonatorId.clear();
  e.via = "direct";
  e.metadata["impersonation_id"] = a.record.id;  // not the request's own, if it is in one
  return e;
}

// The session ends with the failing request: deleted once its transaction
// is gone, and the browser told to drop the cookie.
void dropSession(RequestState& state, const std::string& idHash) {
  state.deferredWrites.push_back([idHash](sdk::Database& db) { endSession(db, idHash); });
  state.errorHeaders.emplace_back(
      "Set-Cookie", sessionCookie(state.tenant.id, "", state.config->host.security.secureCookies, 0));
}

// Ends `a` at `endedS` although the request fails: closed and recorded
// once its transaction is gone, once however many requests notice it.
void closeLater(RequestState& state, ActiveImpersonation a, std::int64_t endedS, const std::string& reason) {
  a.record.endReason = reason;
  AuditEntry entry = stopEntry(state, a, endedS);
  state.deferredWrites.push_back([a, endedS, reason, entry](sdk::Database& db) mutable {
    if (closeImpersonation(db, a, endedS, reason)) appendAuditEntry(db, entry);
  });
}

[[noreturn]] void endAndRefuse(RequestState& state, const ActiveImpersonation& a, const Session& session,
                               std::int64_t endedS, const std::string& reason, const std::string& code,
                               const std::string& message) {
  dropSession(state, session.idHash);
  closeLater(state, a, endedS, reason);
  throw Error(401, code, message);
}

// The rules an impersonation meets at its start and on every request after,
// so that a change of rights (a role given to the user, the permission taken
// from the admin) ends it rather than lending the admin what they lack.
void checkImpersonable(const RequestState& state, const sdk::Principal& actor, const Account& target) {
  if (!actor.can("impersonation.become"))
    throw Error::forbidden("forbidden", "missing permission 'impersonation.become'");
  if (target.id == actor.id) throw Error::forbidden("cannot_impersonate_self", "you cannot impersonate yourself");
  if (target.userType == "owner")
    throw Error::forbidden("target_protected", "owners and platform operators cannot be impersonated");
  if (sdk::userTypeRank(target.userType) >= sdk::userTypeRank(actor.userType))
    throw Error::forbidden("rank_too_low",
                           "you may only impersonate users whose type ranks below yours (" + actor.userType + ")");
  // Roles can lift a user above their type: acting as them must not lift the caller.
  if (const auto lacking = permissionBeyond(state, actor, target.userType, target.roles))
    throw Error::forbidden("permission_escalation",
                           "that user holds '" + *lacking + "', which you do not hold yourself");
  if (target.status != "active")
    throw Error::conflict("user_not_active", "that user is " + target.status + "; only active users can be impersonated");
}

std::int64_t cookieSeconds(const RequestState& state) {
  const auto& security = state.config->host.security;
  return std::max<std::int64_t>(1, state.session.createdS + security.sessionAbsoluteSeconds - unixSeconds());
}

}  // namespace

RegisteredMigration impersonationMigration() {
  sdk::Migration m;
  m.version = 7;
  m.name = "create impersonations";
  m.sql =
      "CREATE TABLE impersonations (id TEXT PRIMARY KEY, impersonator_id TEXT NOT NULL, "
      "impersonator_name TEXT NOT NULL, user_id TEXT NOT NULL, reason TEXT NOT NULL, read_only INTEGER NOT NULL, "
      "started_at TEXT NOT NULL, started_s BIGINT NOT NULL, expires_at TEXT NOT NULL, expires_s BIGINT NOT NULL, "
      "ended_at TEXT, "
      "ended_s BIGINT, end_reason TEXT NOT NULL DEFAULT '', actions BIGINT NOT NULL DEFAULT 0);\n"
      "CREATE INDEX impersonations_started ON impersonations (started_s, id);\n"
      "ALTER TABLE sessions ADD COLUMN impersonation_id TEXT NOT NULL DEFAULT '';\n";
  return {kHostOwner, m};
}

Account impersonatedAccount(RequestState& state, const Session& session, const Account& impersonator) {
  auto found = state.read([&](sdk::Database& db) { return findImpersonation(db, session.impersonationId); });
  if (!found || !found->record.endedAt.empty()) {
    dropSession(state, session.idHash);
    throw Error(401, "impersonation_ended", "this impersonation has ended; sign in again");
  }
  ActiveImpersonation& a = *found;
  const std::int64_t now = unixSeconds();
  if (now >= a.expiresS)
    endAndRefuse(state, a, session, a.expiresS, "expired", "impersonation_expired",
                 "the impersonation reached its time limit at " + a.record.expiresAt + "; sign in again");
  const auto target = state.read([&](sdk::Database& db) { return findAccountById(db, a.record.userId); });
  if (!target || !accountActive(*target))
    endAndRefuse(state, a, session, now, "user_inactive", "impersonation_ended",
                 "the impersonated user is no longer active; sign in again");
  try {
    checkImpersonable(state, userPrincipal(state, impersonator), *target);
  } catch (const Error&) {
    endAndRefuse(state, a, session, now, "rights_changed", "impersonation_ended",
                 "the rights of the user or of the impersonator changed; sign in again");
  }
  state.impersonation = std::move(a);
  return *target;
}

void endImpersonationOfEndedSession(RequestState& state, const Session& session) {
  if (session.impersonationId.empty()) return;
  const auto a = findImpersonation(state.database(), session.impersonationId);
  if (a && a->record.endedAt.empty()) closeLater(state, *a, std::min(unixSeconds(), a->expiresS), "session_expired");
}

void endImpersonationsOf(RequestState& state, const std::string& userId, const std::string& reason) {
  auto& db = state.database();
  const std::int64_t now = unixSeconds();
  for (const auto& row : db.query("SELECT * FROM impersonations WHERE (user_id = ? OR impersonator_id = ?) "
                                  "AND ended_s IS NULL AND expires_s > ?",
                                  {userId, userId, now})) {
    ActiveImpersonation a = impersonationFrom(row);
    if (!closeImpersonation(db, a, now, reason)) continue;
    db.execute("DELETE FROM sessions WHERE impersonation_id = ?", {a.record.id});
    state.audit(stopEntry(state, a, now));
  }
}

void checkImpersonationLimits(const RequestState& state, const RegisteredRoute& route) {
  if (!state.impersonation) return;
  if (state.impersonation->record.readOnly && isMutating(route.spec.method) && !route.openWhileReadOnly)
    throw Error::forbidden("impersonation_read_only",
                           "this impersonation is read-only: stop impersonating to make changes");
  // A password confirmation is the user's own; the impersonator has none to give.
  if (route.spec.access.stepUp)
    throw Error::forbidden("impersonation_forbidden",
                           "this action needs the user's own password confirmation; stop impersonating first");
}

void refuseWhileImpersonating(const RequestState& state, const char* what) {
  if (state.impersonation)
    throw Error::forbidden("impersonation_forbidden",
                           std::string(what) + " is not allowed while impersonating; stop impersonating first");
}

void endImpersonationAtSignOut(RequestState& state) {
  if (!state.impersonation) return;
  ActiveImpersonation a = *state.impersonation;
  const std::int64_t now = unixSeconds();
  // The rest of the request (a sign-in as someone else) is not part of it.
  state.impersonation.reset();
  if (closeImpersonation(state.database(), a, now, "signed_out")) state.audit(stopEntry(state, a, now));
}

void countImpersonatedAction(RequestState& state) {
  if (!state.impersonation) return;
  state.database().execute("UPDATE impersonations SET actions = actions + 1 WHERE id = ?",
                           {state.impersonation->record.id});
}

sdk::Json impersonationBanner(const RequestState& state) {
  if (!state.impersonation) return sdk::Json::object({{"impersonating", false}});
  const sdk::ImpersonationRecord& r = state.impersonation->record;
  return sdk::Json::object({
      {"impersonating", true},
      {"id", r.id},
      {"by", sdk::Json::object({{"id", r.impersonatorId}, {"name", r.impersonatorName}})},
      {"since", r.startedAt},
      {"expires_at", r.expiresAt},
      {"read_only", r.readOnly},
      {"reason", r.reason},
  });
}

std::optional<sdk::ImpersonationRecord> ImpersonationService::current() const {
  if (!state_.impersonation) return std::nullopt;
  return state_.impersonation->record;
}

Account ImpersonationService::checkedTarget(const std::string& userId) {
  if (isOperatorId(userId))
    throw Error::forbidden("target_protected", "owners and platform operators cannot be impersonated");
  auto target = findAccountById(state_.database(), userId);
  if (!target) throw Error::notFound("user_not_found", "no user with this id");
  checkImpersonable(state_, state_.principal, *target);
  return *target;
}

sdk::SessionSwitch ImpersonationService::begin(const sdk::ImpersonationRequest& request) {
  if (state_.impersonation)
    throw Error::conflict("impersonation_nested", "you are impersonating already; stop first");
  // What a route asking for it would check, whichever route the plugin gave:
  // a cookie session, the permission, a recent password confirmation.
  authorize(state_, sdk::Access::require("impersonation.become").forSessionsOnly().withStepUp());
  const std::int64_t now = unixSeconds();
  if (request.minutes < 1 || request.minutes > 1440)
    throw Error::unprocessable("invalid_minutes", "minutes must be 1 to 1440", "minutes");
  const Account target = checkedTarget(request.userId);

  ActiveImpersonation a;
  a.record.id = newId();
  a.record.impersonatorId = state_.principal.id;
  a.record.impersonatorName = state_.principal.name;
  a.record.userId = target.id;
  a.record.reason = request.reason;
  a.record.readOnly = request.readOnly;
  a.startedS = now;
  a.expiresS = now + 60LL * request.minutes;
  a.record.startedAt = utcFromUnix(now);
  a.record.expiresAt = utcFromUnix(a.expiresS);
  auto& db = state_.database();
  db.execute(
      "INSERT INTO impersonations (id, impersonator_id, impersonator_name, user_id, reason, read_only, started_at, "
      "started_s, expires_at, expires_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {a.record.id, a.record.impersonatorId, a.record.impersonatorName, a.record.userId, a.record.reason,
       a.record.readOnly ? 1 : 0, a.record.startedAt, a.startedS, a.record.expiresAt, a.expiresS});
  state_.audit(state_.securityEntry("impersonation.start", "user", target.id,
                                    sdk::Json::object({{"impersonation_id", a.record.id},
                                                       {"reason", a.record.reason},
                                                       {"read_only", a.record.readOnly},
                                                       {"expires_at", a.record.expiresAt}})));
  const std::string id = rotateSession(db, state_.session, a.record.id, state_.clientAddress(), state_.userAgent());
  switchCookie(id);
  return {a.record, csrfTokenFor(id)};
}

sdk::SessionSwitch ImpersonationService::end() {
  if (!state_.impersonation) throw Error::conflict("not_impersonating", "this session is not impersonating anyone");
  ActiveImpersonation a = *state_.impersonation;
  const std::int64_t now = unixSeconds();
  auto& db = state_.database();
  if (!closeImpersonation(db, a, now, "stopped"))
    throw Error(401, "impersonation_ended", "this impersonation has ended; sign in again");
  const auto impersonator = accountOf(state_, a.record.impersonatorId);
  if (!impersonator) throw Error::unauthorized();
  // The rest of the request is the impersonator's own.
  state_.impersonation.reset();
  state_.principal = userPrincipal(state_, *impersonator);
  state_.audit(stopEntry(state_, a, now));
  const std::string id = rotateSession(db, state_.session, "", state_.clientAddress(), state_.userAgent());
  switchCookie(id);
  return {a.record, csrfTokenFor(id)};
}

void ImpersonationService::switchCookie(const std::string& id) {
  state_.sessionId = id;
  state_.responseHeaders.emplace_back(
      "Set-Cookie", sessionCookie(state_.tenant.id, id, state_.config->host.security.secureCookies,
                                  static_cast<int>(cookieSeconds(state_))));
}

}  // namespace tabhost::core
