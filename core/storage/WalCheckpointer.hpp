// Checkpoints SQLite write-ahead logs on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the log past
// 1,000 pages: that one request copies the log into the database file and
// waits for its fsync while its tenant's other writers wait for their turn
// (an import's commit spent half its time there; a PATCH that drew the short
// straw answered several times slower than the rest). A watched connection
// instead only reports the log's size after each commit; past the threshold
// the file is queued, and the thread runs a PASSIVE checkpoint, which never
// waits for readers or writers, on a connection of its own.
//
// Writers keep committing while it runs, so under a steady stream of writes
// the log may never be all copied at the moment a writer starts, which is
// when SQLite starts it over. A log past the backstop is therefore
// checkpointed by the commit that takes it there, as SQLite's own would, while
// that request still keeps the tenant's other writers out.
#pragma once

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

struct sqlite3;

namespace tabhost::core {

class WalCheckpointer {
 public:
  /// SQLite's own automatic threshold.
  static constexpr int kDefaultThresholdPages = 1000;
  /// 64 MiB of 4 KiB pages: above a large import's log, far below a disk.
  static constexpr int kDefaultBackstopPages = 16 * kDefaultThresholdPages;

  /// Queues a file whose log holds `thresholdPages` after a commit; a
  /// commit that leaves `backstopPages` checkpoints it itself.
  explicit WalCheckpointer(int thresholdPages = kDefaultThresholdPages, int backstopPages = kDefaultBackstopPages);
  /// Stops the thread; files still queued are left to SQLite, which
  /// checkpoints when the last connection to a file closes.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  /// Turns `db`'s automatic checkpoint off and has its commits report here.
  /// `db` must be closed before this object is destroyed.
  void watch(sqlite3* db);

  /// Returns once every file queued so far has been checkpointed.
  void drain();

 private:
  static int onCommit(void* self, sqlite3* db, const char* schema, int pages) noexcept;
  void run();
  static void checkpoint(const std::string& file);

  const int thresholdPages_;
  const int backstopPages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::set<std::string> queued_;
  bool working_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace tabhost::core
