// Impersonation, the host's side (sdk::Impersonation): a cookie session of
// an admin that acts as another user of the tenant for a time box.
//
// The session row keeps the admin's id (a suspended or deleted admin loses
// the impersonation with their sessions) and names the `impersonations` row,
// which holds the target, the reason, the time box and the count of
// mutating requests. While it lasts the request's principal is the target,
// and RequestState::auditEntry names the admin as impersonator on every
// entry: no plugin does anything for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/impersonation.hpp"
#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

class RequestState;
struct Account;
struct Session;

/// The impersonation a request's session is in.
struct ActiveImpersonation {
  sdk::ImpersonationRecord record;
  std::int64_t startedS = 0;
  std::int64_t expiresS = 0;
};

/// Host migration 7: the impersonations table and sessions.impersonation_id.
RegisteredMigration impersonationMigration();

/// For a session in an impersonation: checks it still holds (not ended, not
/// past its time box, the target still active), sets state.impersonation and
/// returns the target's account. The rules of its start are checked again,
/// against both accounts as they are now. Otherwise ends it (recorded even
/// though the request fails) and throws 401 "impersonation_expired" or
/// "impersonation_ended".
Account impersonatedAccount(RequestState& state, const Session& session, const Account& impersonator);

/// Closes the impersonation of a session that timed out (recorded although
/// the request fails).
void endImpersonationOfEndedSession(RequestState& state, const Session& session);

/// Ends, in the request's transaction, every running impersonation in which
/// `userId` is the user or the impersonator (their access was cut, or they
/// are deleted), with their sessions and a stop entry each.
void endImpersonationsOf(RequestState& state, const std::string& userId, const std::string& reason);

/// Refuses, for a request inside an impersonation, what it may never do:
/// routes needing a password confirmation (403 "impersonation_forbidden")
/// and, in read-only mode, mutating routes not declared open (403
/// "impersonation_read_only").
void checkImpersonationLimits(const RequestState& state, const RegisteredRoute& route);

/// Refuses a change of the acting user's own credentials while impersonating.
void refuseWhileImpersonating(const RequestState& state, const char* what);

/// Ends the request's impersonation as it signs out.
void endImpersonationAtSignOut(RequestState& state);

/// Counts a committed mutating request against the request's impersonation.
void countImpersonatedAction(RequestState& state);

/// What GET /me shows of the impersonation: {impersonating: false} or the
/// banner's facts (by whom, since, until, read-only, reason).
sdk::Json impersonationBanner(const RequestState& state);

/// The request's sdk::Impersonation service.
class ImpersonationService final : public sdk::Impersonation {
 public:
  explicit ImpersonationService(RequestState& state) : state_(state) {}

  std::optional<sdk::ImpersonationRecord> current() const override;
  sdk::SessionSwitch begin(const sdk::ImpersonationRequest& request) override;
  sdk::SessionSwitch end() override;

 private:
  /// The target `begin` may act as, or the Error the rules give.
  Account checkedTarget(const std::string& userId);
  /// Points the request and the browser at the session id that replaced its own.
  void switchCookie(const std::string& id);

  RequestState& state_;
};

}  // namespace tabhost::core
