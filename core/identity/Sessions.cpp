#include "core/identity/Sessions.hpp"

#include "core/crypto/Secrets.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

std::string insertSession(sdk::Database& db, const std::string& userId, std::int64_t createdS, std::int64_t reauthS,
                          const std::string& impersonationId, const std::string& clientAddress,
                          const std::string& userAgent) {
  const std::string id = toHex(randomBytes(32));
  db.execute(
      "INSERT INTO sessions (id_hash, user_id, created_s, seen_s, reauth_s, client_address, user_agent, "
      "impersonation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {sha256Hex(id), userId, createdS, unixSeconds(), reauthS, clientAddress, userAgent, impersonationId});
  return id;
}

}  // namespace

std::string startSession(sdk::Database& db, const std::string& userId, const std::string& clientAddress,
                         const std::string& userAgent) {
  const std::int64_t now = unixSeconds();
  return insertSession(db, userId, now, now, "", clientAddress, userAgent);
}

std::string rotateSession(sdk::Database& db, Session& session, const std::string& impersonationId,
                          const std::string& clientAddress, const std::string& userAgent) {
  // Two requests racing to switch one session: only one may.
  if (db.execute("DELETE FROM sessions WHERE id_hash = ?", {session.idHash}).affectedRows != 1)
    throw sdk::Error::unauthorized();
  const std::string id =
      insertSession(db, session.userId, session.createdS, 0, impersonationId, clientAddress, userAgent);
  session = {sha256Hex(id), session.userId, session.createdS, unixSeconds(), 0, impersonationId};
  return id;
}

std::optional<Session> findSession(sdk::Database& db, const std::string& id) {
  // Only well-formed ids reach the database.
  if (id.size() != 64 || id.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;
  const auto rows = db.query("SELECT * FROM sessions WHERE id_hash = ?", {sha256Hex(id)});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return Session{r.find("id_hash")->asString(), r.find("user_id")->asString(), r.find("created_s")->asInt(),
                 r.find("seen_s")->asInt(), r.find("reauth_s")->asInt(), r.find("impersonation_id")->asString()};
}

std::string csrfTokenFor(const std::string& id) { return sha256Hex("tabhost-csrf\n" + id); }

std::string sessionCookieName(const std::string& tenantId, bool secure) {
  return std::string(secure ? "__Host-" : "") + "tabhost_" + tenantId;
}

std::string sessionCookie(const std::string& tenantId, const std::string& id, bool secure, int maxAgeSeconds) {
  std::string cookie = sessionCookieName(tenantId, secure) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
  cookie += "; Max-Age=" + std::to_string(id.empty() ? 0 : maxAgeSeconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

void touchSession(sdk::Database& db, const std::string& idHash, std::int64_t now) {
  db.execute("UPDATE sessions SET seen_s = ? WHERE id_hash = ?", {now, idHash});
}

void markReauthenticated(sdk::Database& db, const std::string& idHash, std::int64_t now) {
  db.execute("UPDATE sessions SET reauth_s = ? WHERE id_hash = ?", {now, idHash});
}

void endSession(sdk::Database& db, const std::string& idHash) {
  db.execute("DELETE FROM sessions WHERE id_hash = ?", {idHash});
}

std::int64_t endUserSessions(sdk::Database& db, const std::string& userId) {
  return db.execute("DELETE FROM sessions WHERE user_id = ?", {userId}).affectedRows;
}

}  // namespace tabhost::core
