#include "core/identity/AccountLinks.hpp"

#include "core/crypto/Secrets.hpp"
#include "core/storage/RowFields.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

namespace {

const char* purposeName(LinkPurpose purpose) { return purpose == LinkPurpose::Invite ? "invite" : "reset"; }

}  // namespace

RegisteredMigration accountLinksMigration() {
  sdk::Migration m;
  m.version = 4;
  m.name = "create account_links; mail_outbox.body_html";
  m.sql =
      "CREATE TABLE account_links (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, purpose TEXT NOT NULL, "
      "expires_s BIGINT NOT NULL);\n"
      "CREATE INDEX account_links_user ON account_links (user_id, purpose);\n"
      "ALTER TABLE mail_outbox ADD COLUMN body_html TEXT NOT NULL DEFAULT '';\n";
  return {kHostOwner, m};
}

std::int64_t linkLifetimeSeconds(LinkPurpose purpose) {
  return purpose == LinkPurpose::Invite ? 7 * 24 * 3600 : 3600;
}

std::string issueAccountLink(sdk::Database& db, const std::string& userId, LinkPurpose purpose) {
  db.execute("DELETE FROM account_links WHERE user_id = ? AND purpose = ?", {userId, purposeName(purpose)});
  const std::string token = toBase62(randomBytes(32));
  db.execute("INSERT INTO account_links (token_hash, user_id, purpose, expires_s) VALUES (?, ?, ?, ?)",
             {sha256Hex(token), userId, purposeName(purpose), unixSeconds() + linkLifetimeSeconds(purpose)});
  return token;
}

std::optional<std::string> redeemAccountLink(sdk::Database& db, const std::string& token, LinkPurpose purpose) {
  const std::string hash = sha256Hex(token);
  const auto rows = db.query("SELECT user_id, expires_s FROM account_links WHERE token_hash = ? AND purpose = ?",
                             {hash, purposeName(purpose)});
  if (rows.empty()) return std::nullopt;
  if (db.execute("DELETE FROM account_links WHERE token_hash = ?", {hash}).affectedRows != 1) return std::nullopt;
  if (intField(rows.front(), "expires_s") < unixSeconds()) return std::nullopt;
  return textField(rows.front(), "user_id");
}

void voidAccountLinks(sdk::Database& db, const std::string& userId) {
  db.execute("DELETE FROM account_links WHERE user_id = ?", {userId});
}

}  // namespace tabhost::core
