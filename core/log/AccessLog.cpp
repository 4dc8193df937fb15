#include "core/log/AccessLog.hpp"

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace tabhost::core {

AccessLog::AccessLog(const std::string& file, std::chrono::milliseconds flushInterval, std::size_t bufferBytes)
    : fd_(file.empty() ? STDERR_FILENO : ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)),
      ownsFd_(!file.empty()),
      bufferBytes_(bufferBytes) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot open log file " + file);
  flusher_ = std::thread([this, flushInterval] { flusherLoop(flushInterval); });
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(stopMutex_);
    stopping_ = true;
  }
  stopSignal_.notify_one();
  flusher_.join();
  flush();
  if (ownsFd_) ::close(fd_);
}

AccessLog::ThreadSlot::~ThreadSlot() {
  std::lock_guard lock(buffer->mutex);
  buffer->threadEnded = true;
}

AccessLog::Buffer& AccessLog::local() {
  // One log per process: a thread's slot belongs to the AccessLog that made it.
  thread_local ThreadSlot slot;
  if (!slot.buffer) {
    slot.buffer = std::make_shared<Buffer>();
    slot.buffer->data.reserve(bufferBytes_ + 512);
    std::lock_guard lock(registryMutex_);
    buffers_.push_back(slot.buffer);
  }
  return *slot.buffer;
}

void AccessLog::write(std::string_view line) {
  Buffer& b = local();
  std::lock_guard lock(b.mutex);
  b.data.append(line);
  b.data += '\n';
  if (b.data.size() >= bufferBytes_) writeOut(b.data);
}

// Whole lines in one append-mode write(): lines from different threads never interleave.
void AccessLog::writeOut(std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a full or broken disk must not stop serving; the lines are dropped
    done += static_cast<std::size_t>(n);
  }
  data.clear();
}

void AccessLog::flush() {
  std::vector<std::shared_ptr<Buffer>> buffers;
  {
    std::lock_guard lock(registryMutex_);
    buffers = buffers_;
  }
  for (const auto& b : buffers) {
    std::lock_guard lock(b->mutex);
    writeOut(b->data);
  }
  std::lock_guard lock(registryMutex_);
  std::erase_if(buffers_, [](const std::shared_ptr<Buffer>& b) {
    std::lock_guard bufferLock(b->mutex);
    return b->threadEnded && b->data.empty();
  });
}

void AccessLog::flusherLoop(std::chrono::milliseconds interval) {
  std::unique_lock lock(stopMutex_);
  while (!stopSignal_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    flush();
    lock.lock();
  }
}

void appendUtcTimestamp(std::string& out) {
  thread_local std::time_t cachedSecond = -1;
  thread_local char cachedText[24];
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t second = static_cast<std::time_t>(ms / 1000);
  if (second != cachedSecond) {
    std::tm tm{};
    gmtime_r(&second, &tm);
    std::strftime(cachedText, sizeof cachedText, "%Y-%m-%dT%H:%M:%S", &tm);
    cachedSecond = second;
  }
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
  out.append(cachedText);
  out.append(millis);
}

}  // namespace tabhost::core
