#include "core/storage/ConnectionPool.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Utility.h>

#include "core/log/Logging.hpp"
#include "core/util/AdmissionGate.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

ConnectionPool::ConnectionPool(std::string connector, std::string connectionString,
                               std::vector<std::string> initStatements, int size, std::chrono::milliseconds wait,
                               WalCheckpointer* checkpointer)
    : connector_(std::move(connector)),
      connectionString_(std::move(connectionString)),
      initStatements_(std::move(initStatements)),
      size_(size),
      wait_(wait),
      checkpointer_(checkpointer) {}

ConnectionPool::Lease::~Lease() {
  if (pool_) pool_->release(std::move(connection_), broken_);
}

void ConnectionPool::Lease::widenCache(int kibibytes) {
  connection_.session << "PRAGMA cache_size=-" + std::to_string(kibibytes), Poco::Data::Keywords::now;
  connection_.widened = true;
}

ConnectionPool::Connection ConnectionPool::open() {
  // Opening is rare, so the process opens one connection at a time: libpq's
  // GSSAPI negotiation (gssencmode=prefer, the default) corrupted the heap
  // when threads connected at once, and two connections switching a new
  // SQLite file to WAL together could fail with "database is locked".
  static std::mutex connecting;
  std::lock_guard serial(connecting);
  Poco::Data::Session session(connector_, connectionString_);
  for (const auto& statement : initStatements_) session << statement, Poco::Data::Keywords::now;
  if (connector_ != "SQLite") return Connection{std::move(session), nullptr};
  if (checkpointer_) checkpointer_->watch(Poco::Data::SQLite::Utility::dbHandle(session));
  return Connection{std::move(session), std::make_unique<StatementCache>()};
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  const auto ready = [&] { return !idle_.empty() || open_ < size_; };
  if (!ready()) {
    // Other requests may run while this one waits.
    lock.unlock();
    AdmissionGate::Away waiting;
    lock.lock();
    if (!available_.wait_for(lock, wait_, ready)) {
      lock.unlock();
      throw sdk::Error(503, "storage_busy", "the database is busy; retry shortly");
    }
  }
  return take(lock);
}

ConnectionPool::Lease ConnectionPool::take(std::unique_lock<std::mutex>& lock) {
  if (!idle_.empty()) {
    Connection connection = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    return Lease(*this, std::move(connection));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(*this, open());
  } catch (const Poco::Exception& e) {
    {
      std::lock_guard relock(mutex_);
      --open_;
    }
    available_.notify_one();
    hostLog().error("storage: cannot open {} session: {}", connector_, e.displayText());
    throw StorageUnavailable("storage_unavailable", "the database is unavailable", e.displayText());
  }
}

void ConnectionPool::release(Connection connection, bool broken) {
  if (connection.widened && !broken) {
    try {
      connection.session << "PRAGMA cache_size=-2000", Poco::Data::Keywords::now;  // SQLite's default, 2 MiB
      connection.widened = false;
    } catch (const Poco::Exception&) {
      broken = true;
    }
  }
  {
    std::lock_guard lock(mutex_);
    if (broken || !connection.session.isConnected())
      --open_;
    else
      idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace tabhost::core
