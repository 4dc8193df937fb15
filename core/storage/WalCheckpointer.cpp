#include "core/storage/WalCheckpointer.hpp"

#include <sqlite3.h>

#include "core/log/Logging.hpp"

namespace tabhost::core {

WalCheckpointer::WalCheckpointer(int thresholdPages, int backstopPages)
    : thresholdPages_(thresholdPages), backstopPages_(backstopPages), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::watch(sqlite3* db) {
  // Replaces the automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(db, &WalCheckpointer::onCommit, this);
}

// Called on the committing thread after its write lock is released. It
// must not throw: SQLite's C frames are below it.
int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int pages) noexcept {
  auto& checkpointer = *static_cast<WalCheckpointer*>(self);
  if (pages >= checkpointer.backstopPages_) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  if (pages < checkpointer.thresholdPages_) return SQLITE_OK;
  const char* file = sqlite3_db_filename(db, schema);
  if (!file || !*file) return SQLITE_OK;
  try {
    std::lock_guard lock(checkpointer.mutex_);
    checkpointer.queued_.insert(file);
  } catch (...) {
    return SQLITE_OK;  // out of memory: the next commit queues it again, or the backstop acts
  }
  checkpointer.wake_.notify_one();
  return SQLITE_OK;
}

void WalCheckpointer::drain() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return (queued_.empty() && !working_) || stopping_; });
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return !queued_.empty() || stopping_; });
    if (stopping_) break;
    const std::string file = *queued_.begin();
    queued_.erase(queued_.begin());
    working_ = true;
    lock.unlock();
    checkpoint(file);
    lock.lock();
    working_ = false;
    if (queued_.empty()) done_.notify_all();
  }
  done_.notify_all();
}

void WalCheckpointer::checkpoint(const std::string& file) {
  // Never creates: a tenant deleted since its commit stays deleted.
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  // A new connection learns that the file is in WAL mode only when it first
  // reads it; until then a checkpoint does nothing.
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  // BUSY: another checkpoint is running, and the next commit queues the
  // file again. CANTOPEN: the tenant was deleted meanwhile.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_CANTOPEN) {
    try {
      hostLog().warn("storage: checkpoint of {} failed: {}", file, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    } catch (...) {
      // A log that cannot be written must not end the checkpointing.
    }
  }
  sqlite3_close(db);
}

}  // namespace tabhost::core
