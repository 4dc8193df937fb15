#include "core/storage/Migrator.hpp"

#include <stdexcept>

#include "core/crypto/Secrets.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

std::string migrationChecksum(const std::string& sql) { return sha256Hex(sql); }

namespace {

const std::string& sqlFor(const sdk::Migration& m, const std::string& driver) {
  return driver == "postgresql" && !m.postgresSql.empty() ? m.postgresSql : m.sql;
}

// Runs `work` in a transaction that racing hosts take in turn: SQLite's
// IMMEDIATE write lock (PocoDatabase::begin), or a PostgreSQL advisory lock on
// the tenant's schema (released with the transaction). `work` returns false to
// roll back.
template <class Work>
void inLockedTransaction(PocoDatabase& db, const std::string& where, Work work) {
  db.begin();
  try {
    if (db.driver() == "postgresql")
      db.query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(current_schema()))) AS migration_lock");
    db.execute(work() ? "COMMIT" : "ROLLBACK");
  } catch (const Poco::Exception& e) {
    if (db.inTransaction()) db.execute("ROLLBACK");
    throw std::runtime_error(where + " failed: " + e.displayText());
  } catch (...) {
    if (db.inTransaction()) db.execute("ROLLBACK");
    throw;
  }
}

}  // namespace

void applyMigrations(Poco::Data::Session& session, const std::string& driver,
                     const std::vector<RegisteredMigration>& migrations) {
  PocoDatabase db(session, driver);
  inLockedTransaction(db, "creating tabhost_migrations", [&] {
    db.execute("CREATE TABLE IF NOT EXISTS tabhost_migrations (plugin TEXT NOT NULL, version INTEGER NOT NULL, "
               "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (plugin, version))");
    return true;
  });
  for (const auto& registered : migrations) {
    const auto& m = registered.migration;
    const std::string& sql = sqlFor(m, driver);
    const std::string checksum = migrationChecksum(sql);
    const std::string where =
        "migration " + registered.plugin + " #" + std::to_string(m.version) + " (" + m.name + ")";

    inLockedTransaction(db, where, [&] {
      auto applied = db.query("SELECT checksum FROM tabhost_migrations WHERE plugin = ? AND version = ?",
                              {registered.plugin, m.version});
      if (!applied.empty()) {
        const std::string& recorded = applied.front()["checksum"].asString();
        if (recorded != checksum)
          throw std::runtime_error(where + " was changed after it was applied (checksum " + recorded + ", now " +
                                   checksum + "); add a new migration instead");
        return false;
      }
      try {
        db.executeScript(sql);  // a migration may hold several statements
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(where + " failed: " + e.what());
      }
      db.execute("INSERT INTO tabhost_migrations (plugin, version, name, checksum, applied_at) VALUES (?, ?, ?, ?, ?)",
                 {registered.plugin, m.version, m.name, checksum, utcTimestamp()});
      return true;
    });
  }
}

}  // namespace tabhost::core
