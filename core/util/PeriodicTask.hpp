// A background thread that runs a task at an interval until it is destroyed
// (the server's audit checkpoints and mail delivery).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tabhost::core {

class PeriodicTask {
 public:
  /// Runs `task` now when `runFirst`, then every `interval()` (read before
  /// each wait, so a reloaded setting applies), and once more when stopped
  /// if `runLast` (so the newest state is handled before the process exits).
  PeriodicTask(std::function<void()> task, std::function<std::chrono::milliseconds()> interval, bool runFirst,
               bool runLast);
  /// Wakes the thread and waits for it.
  ~PeriodicTask();

 private:
  void run(bool runFirst);

  std::function<void()> task_;
  std::function<std::chrono::milliseconds()> interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  const bool runLast_;
  std::thread thread_;
};

}  // namespace tabhost::core
