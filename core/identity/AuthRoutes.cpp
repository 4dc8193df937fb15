#include "core/identity/AuthRoutes.hpp"

#include "core/crypto/Secrets.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/identity/AccountLinks.hpp"
#include "core/identity/AccountManager.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/Authenticator.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/identity/Passwords.hpp"
#include "core/identity/Sessions.hpp"
#include "core/identity/Totp.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

const std::string& requiredText(const sdk::RequestContext& ctx, const char* field) {
  const sdk::Json* value = ctx.body().find(field);
  if (!value || !value->isString() || value->asString().empty())
    throw sdk::Error::badRequest("invalid_input", std::string(field) + " is required (a string)", field);
  return value->asString();
}

std::string optionalText(const sdk::RequestContext& ctx, const char* field) {
  const sdk::Json* value = ctx.body().find(field);
  if (!value || value->isNull()) return {};
  if (!value->isString()) throw sdk::Error::badRequest("invalid_input", std::string(field) + " must be a string", field);
  return value->asString();
}

void requireObjectBody(const sdk::RequestContext& ctx) {
  if (!ctx.body().isObject()) throw sdk::Error::badRequest("invalid_input", "the body must be a JSON object");
}

void securityEvent(RequestState& state, const std::string& action, const std::string& userId, sdk::Json metadata,
                   bool survivesFailure) {
  AuditEntry e = state.securityEntry(action, "user", userId, std::move(metadata));
  // Before sign-in the request has no principal: the account is the actor.
  if (e.actorId.empty() && !userId.empty()) {
    e.actorType = "user";
    e.actorId = userId;
  }
  if (survivesFailure)
    state.deferredSecurity.push_back(std::move(e));
  else
    state.audit(std::move(e));
}

[[noreturn]] void throttled(RequestState& state, std::int64_t wait, const std::string& userId) {
  state.errorHeaders.emplace_back("Retry-After", std::to_string(wait));
  securityEvent(state, "auth.throttled", userId, sdk::Json::object({{"retry_after_s", wait}}), true);
  throw sdk::Error(429, "too_many_attempts", "too many attempts; try again in " + std::to_string(wait) + " s");
}


// Starts a session and answers with its cookie and CSRF token.
sdk::Response sessionAnswer(RequestState& state, const Account& account, sdk::Json body) {
  const auto& security = state.config->host.security;
  const std::string id = startSession(state.database(), account.id, state.clientAddress(), state.userAgent());
  body["csrf_token"] = csrfTokenFor(id);
  auto response = sdk::Response::json(std::move(body));
  response.headers.emplace_back("Set-Cookie", sessionCookie(state.tenant.id, id, security.secureCookies,
                                                            security.sessionAbsoluteSeconds));
  return response;
}

// Replaces the user's recovery codes and answers with the new ones, shown this once.
sdk::Response newRecoveryCodes(sdk::Database& db, const std::string& userId) {
  db.execute("DELETE FROM recovery_codes WHERE user_id = ?", {userId});
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    // 15 bytes = 120 bits (ASVS 6.5.2: at 112 bits and more a plain SHA-256 is
    // enough), shown as six groups of four base32 characters.
    const std::string raw = base32Encode(randomBytes(15)).substr(0, 24);
    std::string shown;
    for (std::size_t g = 0; g < raw.size(); g += 4) shown += (g ? "-" : "") + raw.substr(g, 4);
    db.execute("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", {userId, sha256Hex(raw)});
    codes.push_back(shown);
  }
  return sdk::Response::json(sdk::Json::object({{"recovery_codes", sdk::Json::strings(codes)}}));
}

std::string normalisedRecoveryCode(std::string code) {
  std::string out;
  for (char c : code)
    if (c != '-' && c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

// The second factor at sign-in: a TOTP code or an unused recovery code.
void checkSecondFactor(RequestState& state, sdk::RequestContext& ctx, const Account& account) {
  const std::string code = optionalText(ctx, "totp");
  const std::string recovery = optionalText(ctx, "recovery_code");
  if (code.empty() && recovery.empty())
    throw sdk::Error(401, "totp_required", "this account uses two-factor authentication: send totp or recovery_code",
                     "totp");
  const std::int64_t now = unixSeconds();
  const std::string throttleKey = state.tenant.id + '\n' + account.id;
  if (const auto wait = state.identity.throttle.admitCode(throttleKey, now); wait > 0)
    throttled(state, wait, account.id);
  auto& db = state.database();
  if (!recovery.empty()) {
    const auto used = db.execute(
        "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
        {utcTimestamp(), account.id, sha256Hex(normalisedRecoveryCode(recovery))});
    if (used.affectedRows == 1) {
      state.identity.throttle.codeSucceeded(throttleKey);
      securityEvent(state, "auth.recovery_code_used", account.id, sdk::Json::object(), false);
      return;
    }
  } else {
    const TotpMatch match =
        matchTotp(state.identity.keys.open(account.totpSecretSealed), code, now, account.totpLastStep);
    // Conditional, so that two sign-ins racing with one code cannot both use it.
    if (match.result == TotpMatch::Result::Valid &&
        db.execute("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                   {static_cast<std::int64_t>(match.step), account.id, static_cast<std::int64_t>(match.step)})
                .affectedRows == 1) {
      state.identity.throttle.codeSucceeded(throttleKey);
      return;
    }
    if (match.result != TotpMatch::Result::Wrong)
      securityEvent(state, "auth.totp_replayed", account.id, sdk::Json::object(), true);
  }
  securityEvent(state, "auth.login_failed", account.id, sdk::Json::object({{"reason", "second_factor"}}), true);
  throw sdk::Error(401, "invalid_totp", "the code is wrong or was already used", recovery.empty() ? "totp" : "recovery_code");
}

sdk::Response login(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  requireObjectBody(ctx);
  const std::string& email = requiredText(ctx, "email");
  const std::string& password = requiredText(ctx, "password");
  const sdk::Json* operatorFlag = ctx.body().find("operator");
  const bool asOperator = operatorFlag && operatorFlag->isBool() && operatorFlag->asBool();
  const std::int64_t now = unixSeconds();
  const std::string key = emailKey(email);
  // Operators are throttled as one account across tenants.
  const std::string throttleKey = (asOperator ? TenantDatabases::kSystem : state.tenant.id) + '\n' + key;
  if (const auto wait = state.identity.throttle.admitPassword(throttleKey, state.clientAddress(), now); wait > 0)
    throttled(state, wait, "");

  // Looked up on a connection of its own and verified before the request's
  // transaction opens: on SQLite that takes the tenant's write lock, which
  // no one should hold through an Argon2id verification.
  std::optional<Account> account;
  {
    auto lease = state.storage().acquire(asOperator ? TenantDatabases::kSystem : state.tenant.id);
    PocoDatabase lookup(lease, state.storage().driver());
    account = asOperator ? findOperatorByEmail(lookup, email) : findAccountByEmail(lookup, email);
  }
  // One full verification whether or not the account exists: same answer,
  // same time.
  const bool passwordOk = verifyPassword(password, account ? account->passwordHash : std::string());
  if (!account || !passwordOk || !accountActive(*account)) {
    state.identity.throttle.passwordFailed(throttleKey, state.clientAddress(), now);
    securityEvent(state, "auth.login_failed", account ? account->id : "",
                  sdk::Json::object({{"reason", !account ? "unknown_email" : !passwordOk ? "wrong_password"
                                                                                        : "account_" + account->status},
                                     {"email_sha256", sha256Hex(key)}}),
                  true);
    throw sdk::Error(401, "invalid_credentials", "the email or password is wrong");
  }
  if (account->passwordTemporary && now > account->passwordExpiresS) {
    securityEvent(state, "auth.login_failed", account->id,
                  sdk::Json::object({{"reason", "temporary_password_expired"}}), true);
    throw sdk::Error(401, "temporary_password_expired",
                     "this temporary password has expired; ask an administrator for a new one");
  }
  if (account->totpEnabled) checkSecondFactor(state, ctx, *account);
  state.identity.throttle.passwordSucceeded(throttleKey);
  auto& db = state.database();

  // A session id the browser held before signing in never becomes a
  // signed-in one (session fixation): it ends, and a new id is issued.
  if (state.credential == RequestState::Credential::Session) {
    endImpersonationAtSignOut(state);
    endSession(db, state.session.idHash);
  }
  if (!asOperator) {
    if (!account->passwordTemporary && passwordNeedsRehash(account->passwordHash))
      setPassword(db, account->id, hashPassword(password));
    recordLogin(db, account->id);
  }
  state.principal.id = account->id;
  state.principal.kind = sdk::Principal::Kind::User;
  state.principal.userType = account->userType;
  securityEvent(state, "auth.login", account->id, sdk::Json::object({{"two_factor", account->totpEnabled}}), false);
  return sessionAnswer(state, *account,
                       sdk::Json::object({{"user", accountJson(*account)},
                                          {"password_change_required", account->passwordTemporary}}));
}

sdk::Response logout(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  endImpersonationAtSignOut(state);
  if (state.credential == RequestState::Credential::Session) endSession(state.database(), state.session.idHash);
  securityEvent(state, "auth.logout", state.principal.id, sdk::Json::object(), false);
  auto response = sdk::Response::noContent();
  response.headers.emplace_back("Set-Cookie",
                                sessionCookie(state.tenant.id, "", state.config->host.security.secureCookies, 0));
  return response;
}

// The signed-in account, or 401 when it went away during the request.
Account currentAccount(RequestState& state) {
  auto account = accountOf(state, state.principal.id);
  if (!account) throw sdk::Error::unauthorized();
  return *account;
}

// A tenant user's own account: operators manage their credentials with tabctl.
Account currentUserAccount(RequestState& state) {
  if (isOperatorId(state.principal.id))
    throw sdk::Error::forbidden("operator_account",
                                "platform operators manage their credentials with tabctl operator commands");
  return currentAccount(state);
}

// Checks a password re-entry, throttled like sign-in.
void confirmPassword(RequestState& state, const Account& account, const std::string& password, const char* field) {
  const std::int64_t now = unixSeconds();
  const std::string key = state.tenant.id + '\n' + emailKey(account.email);
  if (const auto wait = state.identity.throttle.admitPassword(key, state.clientAddress(), now); wait > 0)
    throttled(state, wait, account.id);
  if (!verifyPassword(password, account.passwordHash)) {
    state.identity.throttle.passwordFailed(key, state.clientAddress(), now);
    securityEvent(state, "auth.reauth_failed", account.id, sdk::Json::object(), true);
    throw sdk::Error(401, "invalid_credentials", "the password is wrong", field);
  }
}

sdk::Response changePassword(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  requireObjectBody(ctx);
  const std::string& current = requiredText(ctx, "current_password");
  const std::string& next = requiredText(ctx, "new_password");
  const Account account = currentUserAccount(state);
  confirmPassword(state, account, current, "current_password");
  if (auto problem = passwordProblem(next))
    throw sdk::Error::unprocessable("weak_password", "new_password " + *problem, "new_password");
  if (next == current)
    throw sdk::Error::unprocessable("weak_password", "new_password must differ from the current one", "new_password");
  auto& db = state.database();
  setPassword(db, account.id, hashPassword(next));
  const std::int64_t ended = endUserSessions(db, account.id);
  state.credentialsChanged = true;
  securityEvent(state, "auth.password_changed", account.id, sdk::Json::object({{"sessions_ended", ended}}), false);
  Account updated = currentAccount(state);
  return sessionAnswer(state, updated,
                       sdk::Json::object({{"user", accountJson(updated)}, {"password_change_required", false}}));
}

sdk::Response reauth(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  requireObjectBody(ctx);
  const Account account = currentAccount(state);
  confirmPassword(state, account, requiredText(ctx, "password"), "password");
  const std::int64_t now = unixSeconds();
  markReauthenticated(state.database(), state.session.idHash, now);
  securityEvent(state, "auth.reauth", account.id, sdk::Json::object(), false);
  return sdk::Response::json(
      sdk::Json::object({{"reauth_until", utcFromUnix(now + state.config->host.security.stepUpSeconds)}}));
}

sdk::Response enrollTotp(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  const Account account = currentUserAccount(state);
  if (account.totpEnabled)
    throw sdk::Error::conflict("totp_already_enabled", "two-factor authentication is already on");
  const std::string secret = randomBytes(20);
  state.database().execute("UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?",
                           {state.identity.keys.seal(secret), account.id});
  const auto& branding = state.tenantConfig.branding;
  const std::string issuer = branding.productName.empty() ? state.tenantConfig.name : branding.productName;
  return sdk::Response::json(
      sdk::Json::object({{"otpauth_uri", otpauthUri(issuer, account.email, secret)}, {"secret", base32Encode(secret)}}));
}

sdk::Response confirmTotp(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  requireObjectBody(ctx);
  const std::string& code = requiredText(ctx, "code");
  const Account account = currentUserAccount(state);
  if (account.totpEnabled)
    throw sdk::Error::conflict("totp_already_enabled", "two-factor authentication is already on");
  if (account.totpSecretSealed.empty())
    throw sdk::Error::conflict("totp_not_enrolled", "start with POST /auth/2fa/enroll");
  const std::int64_t now = unixSeconds();
  const TotpMatch match = matchTotp(state.identity.keys.open(account.totpSecretSealed), code, now, 0);
  if (match.result != TotpMatch::Result::Valid)
    throw sdk::Error::unprocessable("invalid_totp", "the code does not match; check the device's clock", "code");
  auto& db = state.database();
  db.execute("UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ?",
             {static_cast<std::int64_t>(match.step), account.id});
  securityEvent(state, "auth.2fa_enabled", account.id, sdk::Json::object(), false);
  return newRecoveryCodes(db, account.id);
}

sdk::Response regenerateRecoveryCodes(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  const Account account = currentUserAccount(state);
  if (!account.totpEnabled) throw sdk::Error::conflict("totp_not_enabled", "two-factor authentication is off");
  securityEvent(state, "auth.recovery_codes_regenerated", account.id, sdk::Json::object(), false);
  return newRecoveryCodes(state.database(), account.id);
}

sdk::Response disableTotp(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  const Account account = currentUserAccount(state);
  clearTwoFactor(state.database(), account.id);
  securityEvent(state, "auth.2fa_disabled", account.id, sdk::Json::object(), false);
  return sdk::Response::noContent();
}

// A new password from an emailed link: checked before the link is spent,
// so that a weak choice does not burn it.
Account redeemLink(RequestState& state, sdk::RequestContext& ctx, LinkPurpose purpose) {
  requireObjectBody(ctx);
  const std::string& token = requiredText(ctx, "token");
  const std::string& password = requiredText(ctx, "password");
  if (auto problem = passwordProblem(password))
    throw sdk::Error::unprocessable("weak_password", "password " + *problem, "password");
  auto& db = state.database();
  const auto userId = redeemAccountLink(db, token, purpose);
  const auto account = userId ? findAccountById(db, *userId) : std::nullopt;
  if (!account) throw sdk::Error::badRequest("invalid_link", "this link is not valid: it was used, replaced or has expired", "token");
  setPassword(db, account->id, hashPassword(password));
  return *account;
}

sdk::Response acceptInvite(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  const Account account = redeemLink(state, ctx, LinkPurpose::Invite);
  // An invitation never skips a second factor an account already has.
  if (account.status != "invited" || account.totpEnabled)
    throw sdk::Error::conflict("invalid_status", "this account is " + account.status + "; the invitation no longer applies");
  auto& db = state.database();
  db.execute("UPDATE users SET status = 'active' WHERE id = ?", {account.id});
  recordLogin(db, account.id);
  securityEvent(state, "auth.invite_accepted", account.id, sdk::Json::object(), false);
  const Account active = *findAccountById(db, account.id);
  return sessionAnswer(state, active, sdk::Json::object({{"user", accountJson(active)}, {"password_change_required", false}}));
}

sdk::Response resetPassword(sdk::RequestContext& ctx) {
  RequestState& state = stateOf(ctx);
  const Account account = redeemLink(state, ctx, LinkPurpose::Reset);
  // No session is started: a second factor, if any, still has to be shown at sign-in.
  const std::int64_t ended = cutAccess(state, account.id);
  securityEvent(state, "auth.password_reset_completed", account.id, sdk::Json::object({{"sessions_ended", ended}}), false);
  return sdk::Response::noContent();
}

}  // namespace

void registerAuthRoutes(sdk::Registrar& host) {
  using sdk::Access;
  using sdk::Method;
  const Access session = Access::authenticated().forSessionsOnly();
  host.route(Method::Post, "/auth/login", Access::publicRoute(), login);
  host.route(Method::Post, "/auth/logout", Access::authenticated(), logout);
  host.route(Method::Post, "/auth/accept-invite", Access::publicRoute(), acceptInvite);
  host.route(Method::Post, "/auth/reset-password", Access::publicRoute(), resetPassword);
  host.allowWhileReadOnly(Method::Post, "/auth/logout");
  // The signed-in user's own credentials: never changed by an impersonator.
  const auto own = [](sdk::Response (*handler)(sdk::RequestContext&), const char* what) {
    return [handler, what](sdk::RequestContext& ctx) {
      refuseWhileImpersonating(stateOf(ctx), what);
      return handler(ctx);
    };
  };
  host.route(Method::Post, "/auth/change-password", session, own(changePassword, "changing the password"));
  host.route(Method::Post, "/auth/reauth", session, own(reauth, "confirming the password"));
  host.route(Method::Post, "/auth/2fa/enroll", session, own(enrollTotp, "changing two-factor authentication"));
  host.route(Method::Post, "/auth/2fa/confirm", session, own(confirmTotp, "changing two-factor authentication"));
  host.route(Method::Post, "/auth/2fa/recovery-codes", session.withStepUp(),
             own(regenerateRecoveryCodes, "changing recovery codes"));
  host.route(Method::Post, "/auth/2fa/disable", session.withStepUp(),
             own(disableTotp, "changing two-factor authentication"));
}

}  // namespace tabhost::core
