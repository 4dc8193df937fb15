#include "core/storage/TenantDatabases.hpp"

#include <filesystem>
#include <stdexcept>

#include <Poco/Data/SQLite/Connector.h>

#include "core/log/Logging.hpp"
#include "core/storage/Migrator.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

TenantDatabases::TenantDatabases(StorageConfig config, std::vector<RegisteredMigration> migrations)
    : config_(std::move(config)), migrations_(std::move(migrations)) {
  if (config_.driver != "sqlite")
    throw std::runtime_error("storage.driver '" + config_.driver + "' is not available in this build; use sqlite");
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
    std::string file = (std::filesystem::path(config_.path) / (tenantId + ".db")).string();
    slot->pool = std::make_unique<ConnectionPool>(
        "SQLite", file,
        std::vector<std::string>{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=5000",
                                 "PRAGMA foreign_keys=ON"},
        config_.poolSize, std::chrono::milliseconds(config_.poolWaitMilliseconds));
  }
  return *slot;
}

ConnectionPool::Lease TenantDatabases::acquire(const std::string& tenantId) {
  Store& s = store(tenantId);
  auto lease = s.pool->acquire();
  std::lock_guard once(s.migrateMutex);
  if (!s.migrated) {
    try {
      applyMigrations(lease.session(), config_.driver, migrations_);
      s.migrated = true;
    } catch (const std::exception& e) {
      lease.discard();
      hostLog().error("storage: tenant={} cannot be migrated: {}", tenantId, e.what());
      throw sdk::Error(503, "tenant_unavailable", "this tenant's database is unavailable");
    }
  }
  return lease;
}

std::string TenantDatabases::prepare(const std::string& tenantId) {
  try {
    acquire(tenantId);
    return "";
  } catch (const sdk::Error& e) {
    return e.message();
  }
}

}  // namespace tabhost::core
