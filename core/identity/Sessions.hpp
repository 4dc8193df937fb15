// Cookie sessions, stored server-side in the tenant's database.
//
// A session id is 32 CSPRNG bytes (256 bits), sent to the browser once in an
// HttpOnly, SameSite=Strict cookie and stored only as its SHA-256, so a copy
// of the database holds no usable session. The CSRF token is derived from
// the id (a page that cannot read the cookie cannot compute it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

struct Session {
  std::string idHash;
  std::string userId;
  std::int64_t createdS = 0;
  std::int64_t seenS = 0;
  /// When the password was last entered (sign-in or step-up).
  std::int64_t reauthS = 0;
  /// The impersonation it is in (impersonations.id), if any: `userId` is
  /// then the impersonator's.
  std::string impersonationId;
};

/// Starts a session for `userId`; returns the id for the cookie. `userAgent`
/// is stored as given (RequestState::userAgent bounds it).
std::string startSession(sdk::Database& db, const std::string& userId, const std::string& clientAddress,
                         const std::string& userAgent);

/// The session with cookie value `id`, if stored (timeouts are the caller's).
std::optional<Session> findSession(sdk::Database& db, const std::string& id);

/// The CSRF token of session `id`.
std::string csrfTokenFor(const std::string& id);

/// The name of a tenant's session cookie: one per tenant, so signing in to
/// two tenants from one browser keeps both; "__Host-" under TLS.
std::string sessionCookieName(const std::string& tenantId, bool secure);

/// Set-Cookie value that stores `id` (empty `id`: one that deletes it).
std::string sessionCookie(const std::string& tenantId, const std::string& id, bool secure, int maxAgeSeconds);

/// Replaces `session` with a new id for the same person (so a switch never
/// keeps an id an observer may have seen), entering or leaving impersonation
/// `impersonationId`. It keeps the start time, so that the absolute timeout
/// is never extended, and drops the password confirmation. `session` becomes
/// the new row; returns the new id for the cookie.
std::string rotateSession(sdk::Database& db, Session& session, const std::string& impersonationId,
                          const std::string& clientAddress, const std::string& userAgent);

void touchSession(sdk::Database& db, const std::string& idHash, std::int64_t now);
void markReauthenticated(sdk::Database& db, const std::string& idHash, std::int64_t now);
void endSession(sdk::Database& db, const std::string& idHash);
/// Ends all of a user's sessions; returns how many there were.
std::int64_t endUserSessions(sdk::Database& db, const std::string& userId);

}  // namespace tabhost::core
