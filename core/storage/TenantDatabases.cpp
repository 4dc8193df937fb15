#include "core/storage/TenantDatabases.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

#include "core/audit/AuditCheckpoints.hpp"
#include "core/audit/AuditLog.hpp"
#include "core/identity/IdentitySchema.hpp"
#include "core/log/Logging.hpp"
#include "core/storage/Migrator.hpp"
#include "core/util/AdmissionGate.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {
// The system database holds what belongs to no tenant: the audit of
// operators' actions on tenants (drop, backup, restore), the signed
// checkpoints of every tenant's audit chain, and the platform operators.
const std::vector<RegisteredMigration>& systemMigrations() {
  static const std::vector<RegisteredMigration> migrations{auditLogMigration(), auditCheckpointMigration(),
                                                           operatorsMigration()};
  return migrations;
}
}  // namespace

std::string TenantDatabases::schemaOf(const std::string& tenantId) {
  return tenantId == kSystem ? "tabhost_system" : "tenant_" + tenantId;
}

// Tenant ids are [a-z0-9][a-z0-9-]*, so quoting is all the identifier needs.
std::string TenantDatabases::quotedSchemaOf(const std::string& tenantId) { return '"' + schemaOf(tenantId) + '"'; }

std::string TenantDatabases::fileOf(const std::string& tenantId) const {
  return (std::filesystem::path(config_.path) / (tenantId + ".db")).string();
}

TenantDatabases::TenantDatabases(StorageConfig config, std::vector<RegisteredMigration> migrations)
    : config_(std::move(config)), migrations_(std::move(migrations)) {
  const std::chrono::milliseconds wait(config_.poolWaitMilliseconds);
  if (config_.driver == "postgresql") {
    Poco::Data::PostgreSQL::Connector::registerConnector();
    sharedPool_ = std::make_unique<ConnectionPool>("PostgreSQL", config_.dsn, std::vector<std::string>{},
                                                   config_.poolSize, wait);
    // Connect now: a DSN that does not work stops the host before it serves.
    try {
      sharedPool_->acquire();
    } catch (const sdk::Error&) {
      throw std::runtime_error("storage.dsn: cannot connect to PostgreSQL (see the log line above)");
    }
    return;
  }
  checkpointer_ = std::make_unique<WalCheckpointer>();
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to; with a thread per request that mutex was a search's busiest lock.
  // And a connection need not lock itself on every call (each column read of
  // every row): the pool lends it to one thread at a time, which is all that
  // multi-thread mode asks. Both are no-ops (SQLITE_MISUSE) once the library
  // is initialised, e.g. in tests.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  Poco::Data::SQLite::Connector::registerConnector();
  std::error_code ec;
  std::filesystem::create_directories(config_.path, ec);
  if (ec) throw std::runtime_error("storage.path " + config_.path + " cannot be created: " + ec.message());
}

TenantDatabases::Store& TenantDatabases::store(const std::string& tenantId) {
  {
    std::shared_lock read(mutex_);
    auto it = stores_.find(tenantId);
    if (it != stores_.end()) return *it->second;
  }
  std::unique_lock write(mutex_);
  auto& slot = stores_[tenantId];
  if (!slot) {
    slot = std::make_unique<Store>();
    if (sharedPool_) return *slot;
    std::string file = fileOf(tenantId);
    slot->pool = std::make_unique<ConnectionPool>(
        "SQLite", file,
        // busy_timeout first: switching a new file to WAL needs a lock that
        // another host opening the same file may hold for a moment. Temporary
        // files (the journals of statements and savepoints) stay in memory:
        // an import's statements wrote a sixth of their time to them. A log
        // that has grown is cut back to 64 MiB when it starts over.
        std::vector<std::string>{"PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                                 "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
                                 "PRAGMA journal_size_limit=67108864"},
        config_.poolSize, std::chrono::milliseconds(config_.poolWaitMilliseconds), checkpointer_.get());
  }
  return *slot;
}

// Concurrent CREATE SCHEMA IF NOT EXISTS can still collide in PostgreSQL's
// catalog, so hosts creating the same schema take turns.
void TenantDatabases::createSchema(Poco::Data::Session& session, const std::string& tenantId) {
  using Poco::Data::Keywords::now;
  const std::string schema = quotedSchemaOf(tenantId);
  session << "BEGIN", now;
  try {
    session << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('tabhost schema " + schema + "'))) AS l", now;
    session << "CREATE SCHEMA IF NOT EXISTS " + schema, now;
    session << "COMMIT", now;
  } catch (const Poco::Exception&) {
    session << "ROLLBACK", now;
    throw;
  }
}

namespace {
[[noreturn]] void unavailable(ConnectionPool::Lease& lease, const std::string& tenantId, const std::string& why) {
  lease.discard();
  hostLog().error("storage: tenant={} {}", tenantId, why);
  throw StorageUnavailable("tenant_unavailable", "this tenant's database is unavailable", why);
}
}  // namespace

ConnectionPool::Lease TenantDatabases::acquire(const std::string& tenantId) {
  Store& s = store(tenantId);
  auto lease = sharedPool_ ? sharedPool_->acquire() : s.pool->acquire();
  if (sharedPool_) {
    try {
      // Every checkout, not once per connection: the shared pool hands the
      // same connection to different tenants.
      lease.session() << "SET search_path TO " + quotedSchemaOf(tenantId), Poco::Data::Keywords::now;
    } catch (const Poco::Exception& e) {
      unavailable(lease, tenantId, "cannot select its schema: " + e.displayText());
    }
  }
  std::lock_guard once(s.migrateMutex);
  if (!s.migrated) {
    try {
      if (sharedPool_) createSchema(lease.session(), tenantId);
      applyMigrations(lease.session(), config_.driver, tenantId == kSystem ? systemMigrations() : migrations_);
      s.migrated = true;
    } catch (const Poco::Exception& e) {
      unavailable(lease, tenantId, "cannot be migrated: " + e.displayText());
    } catch (const std::runtime_error& e) {
      unavailable(lease, tenantId, std::string("cannot be migrated: ") + e.what());
    }
  }
  return lease;
}

ConnectionPool::Lease TenantDatabases::acquireForWriting(const std::string& tenantId) {
  auto lease = acquire(tenantId);
  if (!sharedPool_) lease.widenCache(config_.cacheMebibytes * 1024);
  return lease;
}

FifoTurns::Held TenantDatabases::writerTurn(const std::string& tenantId) {
  if (sharedPool_) return {};
  FifoTurns& writer = store(tenantId).writer;
  if (writer.tryTake()) return FifoTurns::Held(writer);
  const auto deadline = FifoTurns::Clock::now() + std::chrono::milliseconds(config_.poolWaitMilliseconds);
  AdmissionGate::Away waiting;
  if (!writer.take(deadline)) throw sdk::Error(503, "storage_busy", "the database is busy; retry shortly");
  return FifoTurns::Held(writer);
}

std::string TenantDatabases::prepare(const std::string& tenantId) {
  try {
    acquire(tenantId);
    return "";
  } catch (const StorageUnavailable& e) {
    return e.detail();
  } catch (const sdk::Error& e) {
    return e.message();
  }
}

}  // namespace tabhost::core
