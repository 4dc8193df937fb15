// A bounded pool of Poco::Data sessions to one database. A caller waits at
// most `wait` for a free session and then gets a 503 — never an unbounded queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "core/storage/StatementCache.hpp"
#include "core/storage/WalCheckpointer.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

/// A 503 that keeps, for logs and operators, the reason clients never see.
class StorageUnavailable : public sdk::Error {
 public:
  StorageUnavailable(std::string code, std::string message, std::string detail)
      : sdk::Error(503, std::move(code), std::move(message)), detail_(std::move(detail)) {}
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string detail_;
};

class ConnectionPool {
 public:
  /// `initStatements` run on every new session (pragmas, search_path).
  /// SQLite sessions report their commits to `checkpointer` when given
  /// (it must outlive the pool).
  ConnectionPool(std::string connector, std::string connectionString, std::vector<std::string> initStatements,
                 int size, std::chrono::milliseconds wait, WalCheckpointer* checkpointer = nullptr);

  /// A connection: its session and, for SQLite, its prepared statements
  /// (declared last, so they are finalized before the session closes).
  struct Connection {
    Poco::Data::Session session;
    std::unique_ptr<StatementCache> statements;
    bool widened = false;  // its page cache is a writer's until returned
  };

  /// A borrowed session, returned to the pool when destroyed; must not
  /// outlive its pool.
  class Lease {
   public:
    Lease(ConnectionPool& pool, Connection connection) : pool_(&pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), connection_(std::move(other.connection_)) {
      other.pool_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Poco::Data::Session& session() { return connection_.session; }
    /// The connection's statement cache; nullptr for PostgreSQL.
    StatementCache* statements() { return connection_.statements.get(); }
    /// Do not reuse this session (it failed in a way that may have broken it).
    void discard() { broken_ = true; }
    /// SQLite: lets this connection keep up to `kibibytes` of the database
    /// in memory until it goes back to the pool, where it shrinks to
    /// SQLite's default again (idle connections would otherwise keep the
    /// largest working set they ever saw).
    void widenCache(int kibibytes);

   private:
    ConnectionPool* pool_;
    Connection connection_;
    bool broken_ = false;
  };

  /// Borrows a session; throws sdk::Error 503 "storage_busy" after the wait,
  /// or StorageUnavailable "storage_unavailable" when a session cannot be opened.
  Lease acquire();

 private:
  /// Takes an idle session or opens one; called with `lock` held when one
  /// is free, and unlocks it.
  Lease take(std::unique_lock<std::mutex>& lock);
  void release(Connection connection, bool broken);
  Connection open();

  std::string connector_;
  std::string connectionString_;
  std::vector<std::string> initStatements_;
  int size_;
  std::chrono::milliseconds wait_;
  WalCheckpointer* checkpointer_;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Connection> idle_;
  int open_ = 0;
};

}  // namespace tabhost::core
