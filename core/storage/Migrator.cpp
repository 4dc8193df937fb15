#include "core/storage/Migrator.hpp"

#include <stdexcept>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "core/storage/Placeholders.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

std::string migrationChecksum(const std::string& sql) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(sql);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

namespace {

const std::string& sqlFor(const sdk::Migration& m, const std::string& driver) {
  return driver == "postgresql" && !m.postgresSql.empty() ? m.postgresSql : m.sql;
}

// SQLite: IMMEDIATE takes the write lock up front, so two processes racing to
// migrate the same file serialise here and the second sees the first's record.
std::string beginStatement(const std::string& driver) { return driver == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN"; }

std::string forDriver(std::string_view sql, const std::string& driver) {
  return driver == "postgresql" ? numberPlaceholders(sql) : std::string(sql);
}

// Runs `work` in a transaction that racing hosts take in turn: SQLite's
// IMMEDIATE write lock, or a PostgreSQL advisory lock on the tenant's schema
// (released with the transaction). `work` returns false to roll back.
template <class Work>
void inLockedTransaction(Poco::Data::Session& session, const std::string& driver, const std::string& where,
                         Work work) {
  session << beginStatement(driver), now;
  try {
    if (driver == "postgresql")
      session << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema()))) AS migration_lock", now;
    session << (work() ? "COMMIT" : "ROLLBACK"), now;
  } catch (const Poco::Exception& e) {
    try {
      session << "ROLLBACK", now;
    } catch (const Poco::Exception&) {
    }
    throw std::runtime_error(where + " failed: " + e.displayText());
  } catch (...) {
    session << "ROLLBACK", now;
    throw;
  }
}

}  // namespace

void applyMigrations(Poco::Data::Session& session, const std::string& driver,
                     const std::vector<RegisteredMigration>& migrations) {
  inLockedTransaction(session, driver, "creating tabhost_migrations", [&] {
    session << "CREATE TABLE IF NOT EXISTS tabhost_migrations (plugin TEXT NOT NULL, version INTEGER NOT NULL, "
               "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (plugin, version))",
        now;
    return true;
  });
  for (const auto& registered : migrations) {
    const auto& m = registered.migration;
    std::string plugin = registered.plugin;
    int version = m.version;
    const std::string& sql = sqlFor(m, driver);
    std::string checksum = migrationChecksum(sql);
    std::string where = "migration " + plugin + " #" + std::to_string(version) + " (" + m.name + ")";

    inLockedTransaction(session, driver, where, [&] {
      std::vector<std::string> applied;
      session << forDriver("SELECT checksum FROM tabhost_migrations WHERE plugin = ? AND version = ?", driver),
          use(plugin), use(version), into(applied), now;
      if (!applied.empty()) {
        if (applied.front() != checksum)
          throw std::runtime_error(where + " was changed after it was applied (checksum " + applied.front() +
                                   ", now " + checksum + "); add a new migration instead");
        return false;
      }
      session << sql, now;
      std::string name = m.name, at = utcTimestamp();
      session << forDriver(
                     "INSERT INTO tabhost_migrations (plugin, version, name, checksum, applied_at) VALUES (?, ?, ?, ?, ?)",
                     driver),
          use(plugin), use(version), use(name), use(checksum), use(at), now;
      return true;
    });
  }
}

}  // namespace tabhost::core
