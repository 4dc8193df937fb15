// A bounded pool of Poco::Data sessions to one database. A caller waits at
// most `wait` for a free session and then gets a 503 — never an unbounded queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

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
  ConnectionPool(std::string connector, std::string connectionString, std::vector<std::string> initStatements,
                 int size, std::chrono::milliseconds wait);

  /// A borrowed session, returned to the pool when destroyed; must not
  /// outlive its pool.
  class Lease {
   public:
    Lease(ConnectionPool& pool, Poco::Data::Session session) : pool_(&pool), session_(std::move(session)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), session_(std::move(other.session_)) { other.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Poco::Data::Session& session() { return session_; }
    /// Do not reuse this session (it failed in a way that may have broken it).
    void discard() { broken_ = true; }

   private:
    ConnectionPool* pool_;
    Poco::Data::Session session_;
    bool broken_ = false;
  };

  /// Borrows a session; throws sdk::Error 503 "storage_busy" after the wait,
  /// or StorageUnavailable "storage_unavailable" when a session cannot be opened.
  Lease acquire();

 private:
  void release(Poco::Data::Session session, bool broken);
  Poco::Data::Session open();

  std::string connector_;
  std::string connectionString_;
  std::vector<std::string> initStatements_;
  int size_;
  std::chrono::milliseconds wait_;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Poco::Data::Session> idle_;
  int open_ = 0;
};

}  // namespace tabhost::core
