#include "core/identity/IdentitySchema.hpp"

namespace tabhost::core {

namespace {

// Shared by tenant users and platform operators: who they are and how they
// prove it. Times the host compares are Unix seconds (*_s); times people read
// are UTC text.
constexpr const char* kAccountColumns =
    "id TEXT PRIMARY KEY, email TEXT NOT NULL, email_key TEXT NOT NULL UNIQUE, "
    "first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '', "
    "status TEXT NOT NULL DEFAULT 'active', "
    "password_hash TEXT NOT NULL DEFAULT '', password_temporary INTEGER NOT NULL DEFAULT 0, "
    "password_expires_s BIGINT NOT NULL DEFAULT 0, "
    "totp_secret TEXT NOT NULL DEFAULT '', totp_enabled INTEGER NOT NULL DEFAULT 0, "
    "totp_last_step BIGINT NOT NULL DEFAULT 0, "
    "created_at TEXT NOT NULL, last_login_at TEXT";

}  // namespace

RegisteredMigration identityMigration() {
  sdk::Migration m;
  m.version = 2;
  m.name = "create users, sessions, api_tokens, recovery_codes";
  m.sql = std::string("CREATE TABLE users (") + kAccountColumns +
          ", phone TEXT NOT NULL DEFAULT '', external_id TEXT NOT NULL DEFAULT '', "
          "timezone TEXT NOT NULL DEFAULT 'UTC', user_type TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '[]');\n"
          "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, "
          "created_s BIGINT NOT NULL, seen_s BIGINT NOT NULL, reauth_s BIGINT NOT NULL, "
          "client_address TEXT NOT NULL, user_agent TEXT NOT NULL);\n"
          "CREATE INDEX sessions_user ON sessions (user_id);\n"
          "CREATE TABLE api_tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL, "
          "hash TEXT NOT NULL UNIQUE, hint TEXT NOT NULL, scopes TEXT NOT NULL, created_by TEXT NOT NULL, "
          "created_at TEXT NOT NULL, expires_at TEXT NOT NULL, expires_s BIGINT NOT NULL, last_used_at TEXT, "
          "revoked_at TEXT);\n"
          "CREATE INDEX api_tokens_user ON api_tokens (user_id);\n"
          "CREATE TABLE recovery_codes (user_id TEXT NOT NULL, code_hash TEXT NOT NULL, used_at TEXT, "
          "PRIMARY KEY (user_id, code_hash));\n";
  return {kHostOwner, m};
}

RegisteredMigration userListingMigration() {
  sdk::Migration m;
  m.version = 5;
  m.name = "index users for listing";
  // Keyset pages: (sort column, id), newest first by default; the status
  // index serves "suspended", "invited" ... filters without a scan.
  m.sql =
      "CREATE INDEX users_created ON users (created_at, id);\n"
      "CREATE INDEX users_status_created ON users (status, created_at, id);\n"
      "CREATE INDEX users_last_name ON users (last_name, id);\n"
      "CREATE INDEX users_type ON users (user_type, created_at, id);\n";
  return {kHostOwner, m};
}

RegisteredMigration operatorsMigration() {
  sdk::Migration m;
  m.version = 2;
  m.name = "create operators";
  m.sql = std::string("CREATE TABLE operators (") + kAccountColumns + ")";
  return {"tabhost-system", m};
}

}  // namespace tabhost::core
