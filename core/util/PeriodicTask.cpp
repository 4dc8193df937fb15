#include "core/util/PeriodicTask.hpp"

namespace tabhost::core {

PeriodicTask::PeriodicTask(std::function<void()> task, std::function<std::chrono::milliseconds()> interval,
                           bool runFirst, bool runLast)
    : task_(std::move(task)),
      interval_(std::move(interval)),
      runLast_(runLast),
      thread_([this, runFirst] { run(runFirst); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::run(bool runFirst) {
  std::unique_lock lock(mutex_);
  if (runFirst) {
    lock.unlock();
    task_();
    lock.lock();
  }
  while (!stopping_) {
    wake_.wait_for(lock, interval_(), [this] { return stopping_; });
    if (stopping_ && !runLast_) break;
    lock.unlock();
    task_();
    lock.lock();
  }
}

}  // namespace tabhost::core
