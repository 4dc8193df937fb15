// The one-line-per-request log, written like nginx's `access_log buffer=
// flush=`: each serving thread appends to its own buffer, and whole-line
// batches reach the file by one append-mode write() when a buffer fills or
// every flush interval. The request path takes no shared lock and wakes no
// other thread (spdlog's async queue woke its worker for every line, a
// context switch per request on a 2-core machine).
//
// Trade-off: a crash loses at most one flush interval of request lines;
// errors and everything else still go through the host logger, at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tabhost::core {

class AccessLog {
 public:
  /// Appends to `file` (stderr when empty).
  AccessLog(const std::string& file, std::chrono::milliseconds flushInterval, std::size_t bufferBytes);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  /// Appends one line (a '\n' is added) to the calling thread's buffer.
  void write(std::string_view line);
  /// Writes every buffer out now.
  void flush();

 private:
  struct Buffer {
    std::mutex mutex;
    std::string data;
    bool threadEnded = false;
  };
  // Ties a buffer to its thread's life, so buffers of ended threads are dropped.
  struct ThreadSlot {
    std::shared_ptr<Buffer> buffer;
    ~ThreadSlot();
  };
  Buffer& local();
  void writeOut(std::string& data);
  void flusherLoop(std::chrono::milliseconds interval);

  int fd_;
  bool ownsFd_;
  std::size_t bufferBytes_;
  std::mutex registryMutex_;
  std::vector<std::shared_ptr<Buffer>> buffers_;
  std::mutex stopMutex_;
  std::condition_variable stopSignal_;
  bool stopping_ = false;
  std::thread flusher_;
};

/// "2026-11-22T19:13:26.123Z": the timestamp the host log uses, cached per
/// thread to the second.
void appendUtcTimestamp(std::string& out);

}  // namespace tabhost::core
