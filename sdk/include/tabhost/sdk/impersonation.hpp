// Tabhost plugin SDK — acting as another user (since ABI 2.3).
//
// Support staff sign in as a user to see the dashboard as that user does.
// The host owns the mechanics, so that no plugin can weaken them:
//
//  * begin() switches the calling cookie session to the user under a new
//    session id. From the next request on, permissions, data and tabs are
//    the user's; every audit entry of every plugin names the user as actor,
//    the admin as impersonator_id and "impersonation" as via.
//  * It ends by end() (back to the admin's own session, again under a new
//    id), by signing out, or by itself: at its time box, when either side's
//    access is cut (suspension, reset, deletion), or when the rules below no
//    longer hold (checked on every request, so a role given to the user
//    never lends the admin a permission they lack).
//  * While it lasts, the host refuses what would change the user's own
//    credentials (password, 2FA, API tokens) and every route needing a
//    password confirmation (403 "impersonation_forbidden"); in read-only
//    mode every mutating route too (403 "impersonation_read_only"), except
//    those a plugin declared with Registrar::allowWhileReadOnly.
//  * The host records "impersonation.start" and "impersonation.stop"
//    (category security) itself.
//
// Rules begin() enforces for every caller, whatever a plugin's own policy:
// permission "impersonation.become" (the host's; 403 "forbidden"), a cookie
// session (403 "session_only") with a recent password confirmation
// (403 "reauth_required"), not impersonating already (409
// "impersonation_nested"); the target is another user (403
// "cannot_impersonate_self") of this tenant (404 "user_not_found"), neither
// an owner nor a platform operator (403 "target_protected"), of a type
// ranking strictly below the caller's (403 "rank_too_low"), holding no
// permission the caller lacks (403 "permission_escalation"), and active (409
// "user_not_active"). A plugin's policy may only add rules.
//
// Past and current impersonations are plain SQL on the tenant's
// `impersonations` table, whose columns are part of the SDK: id,
// impersonator_id, impersonator_name, user_id, reason, read_only (0/1),
// started_at, started_s, expires_at, expires_s, ended_at and ended_s (NULL
// while running), end_reason ("stopped", "expired", "signed_out",
// "session_expired", "user_inactive", "rights_changed", "access_cut",
// "user_deleted"; empty while running), actions (mutating requests made
// during it). *_s are Unix seconds, *_at UTC text. A row whose ended_at is
// NULL and whose expires_s has passed ended by its time box. Plugins never
// write to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tabhost::sdk {

/// What begin() is asked for, after the plugin's own policy.
struct ImpersonationRequest {
  /// The user to act as.
  std::string userId;
  /// Why (a ticket, a complaint); may be empty only if the plugin allows it.
  std::string reason;
  /// The time box, 1..1440 minutes.
  int minutes = 60;
  /// Refuse every mutating route while it lasts.
  bool readOnly = false;
};

/// One impersonation, running or past.
struct ImpersonationRecord {
  std::string id;
  std::string impersonatorId;
  std::string impersonatorName;
  std::string userId;
  std::string reason;
  bool readOnly = false;
  /// UTC, "YYYY-MM-DDTHH:MM:SSZ".
  std::string startedAt;
  std::string expiresAt;
  /// Empty while it runs.
  std::string endedAt;
  /// Why it ended (see the table's end_reason above); empty while it runs.
  std::string endReason;
  /// Mutating requests made during it.
  std::int64_t actions = 0;
};

/// A switch of the calling session: the response carries the new session
/// cookie (the host adds it) and the body should carry `csrfToken`, which
/// the next mutating request must send as X-CSRF-Token.
struct SessionSwitch {
  ImpersonationRecord impersonation;
  std::string csrfToken;
};

/// The host's impersonation service for the current request.
class Impersonation {
 public:
  virtual ~Impersonation() = default;

  /// The impersonation the calling session is in, if any.
  virtual std::optional<ImpersonationRecord> current() const = 0;
  /// Starts acting as `request.userId` (rules above; throws Error). The
  /// request itself still runs as the caller.
  virtual SessionSwitch begin(const ImpersonationRequest& request) = 0;
  /// Ends the calling session's impersonation and returns it to the
  /// impersonator's own account; 409 "not_impersonating" when there is none.
  /// The rest of the request runs as the impersonator.
  virtual SessionSwitch end() = 0;
};

}  // namespace tabhost::sdk
