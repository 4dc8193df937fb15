// One database per tenant, opened and migrated on first use.
//
// SQLite (the embedded default): <storage.path>/<tenant>.db, in WAL mode with
// synchronous=FULL (an acknowledged commit survives power loss), a busy
// timeout and foreign keys on; one bounded pool per tenant file; the logs
// checkpointed off the request path (WalCheckpointer).
// PostgreSQL: one schema per tenant ("tenant_<id>") in the storage.dsn
// database; one bounded pool shared by all tenants (connections are the
// scarce resource there), with search_path set to the tenant's schema at
// every checkout. Either way a request only ever receives a lease positioned
// on its own tenant's data.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/config/ConfigModel.hpp"
#include "core/plugins/Registry.hpp"
#include "core/storage/ConnectionPool.hpp"
#include "core/util/FifoTurns.hpp"

namespace tabhost::core {

class TenantDatabases {
 public:
  /// Throws std::runtime_error when the storage cannot be used at all (so the
  /// host refuses to start rather than half-serving).
  TenantDatabases(StorageConfig config, std::vector<RegisteredMigration> migrations);

  /// Id of the host's own database: SQLite system.db, PostgreSQL schema
  /// tabhost_system (tenant ids may not be "system").
  static inline const std::string kSystem = "system";

  /// A session on `tenantId`'s database, migrated. Throws sdk::Error 503 when
  /// that tenant's database cannot be opened or migrated; other tenants are
  /// unaffected.
  ConnectionPool::Lease acquire(const std::string& tenantId);
  /// acquire() for a transaction that writes: on SQLite the connection may
  /// keep up to storage.cache_mb of the database in memory until returned.
  ConnectionPool::Lease acquireForWriting(const std::string& tenantId);

  /// SQLite only: queues this process's writers to `tenantId` before they
  /// BEGIN IMMEDIATE. SQLite's busy handler polls and is not fair, so under
  /// sustained writes one writer could starve past any busy timeout;
  /// FifoTurns hands the turn to waiters in arrival order. Waits at most
  /// storage.pool_wait_ms, then 503 storage_busy. Returns an empty turn on
  /// PostgreSQL.
  FifoTurns::Held writerTurn(const std::string& tenantId);

  /// Opens and migrates `tenantId` now; returns "" or the operator-facing
  /// reason it cannot (the migration that failed, the connection error).
  std::string prepare(const std::string& tenantId);

  const std::string& driver() const { return config_.driver; }

  /// The PostgreSQL schema holding `tenantId`'s tables (or the system's).
  static std::string schemaOf(const std::string& tenantId);
  /// schemaOf(tenantId) as an SQL identifier.
  static std::string quotedSchemaOf(const std::string& tenantId);
  /// The SQLite file holding `tenantId`'s tables (or the system's).
  std::string fileOf(const std::string& tenantId) const;
  const StorageConfig& config() const { return config_; }

 private:
  struct Store {
    std::mutex migrateMutex;
    bool migrated = false;
    std::unique_ptr<ConnectionPool> pool;  // SQLite only
    FifoTurns writer{1};                   // SQLite only
  };
  Store& store(const std::string& tenantId);
  static void createSchema(Poco::Data::Session& session, const std::string& tenantId);

  StorageConfig config_;
  std::vector<RegisteredMigration> migrations_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // SQLite only; before the pools: their connections report to it
  std::unique_ptr<ConnectionPool> sharedPool_;  // PostgreSQL only
  std::shared_mutex mutex_;
  std::map<std::string, std::unique_ptr<Store>> stores_;
};

}  // namespace tabhost::core
