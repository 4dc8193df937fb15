#include "core/storage/ConnectionPool.hpp"

#include <Poco/Data/DataException.h>

#include "core/log/Logging.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

ConnectionPool::ConnectionPool(std::string connector, std::string connectionString,
                               std::vector<std::string> initStatements, int size, std::chrono::milliseconds wait)
    : connector_(std::move(connector)),
      connectionString_(std::move(connectionString)),
      initStatements_(std::move(initStatements)),
      size_(size),
      wait_(wait) {}

ConnectionPool::Lease::~Lease() {
  if (pool_) pool_->release(std::move(session_), broken_);
}

Poco::Data::Session ConnectionPool::open() {
  // Opening is rare, so the process opens one connection at a time: libpq's
  // GSSAPI negotiation (gssencmode=prefer, the default) corrupted the heap
  // when threads connected at once, and two connections switching a new
  // SQLite file to WAL together could fail with "database is locked".
  static std::mutex connecting;
  std::lock_guard serial(connecting);
  Poco::Data::Session session(connector_, connectionString_);
  for (const auto& statement : initStatements_) session << statement, Poco::Data::Keywords::now;
  return session;
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; }))
    throw sdk::Error(503, "storage_busy", "the database is busy; retry shortly");
  if (!idle_.empty()) {
    Poco::Data::Session session = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(session));
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

void ConnectionPool::release(Poco::Data::Session session, bool broken) {
  {
    std::lock_guard lock(mutex_);
    if (broken || !session.isConnected())
      --open_;
    else
      idle_.push_back(std::move(session));
  }
  available_.notify_one();
}

}  // namespace tabhost::core
