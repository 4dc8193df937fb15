#include "core/util/FifoTurns.hpp"

#include <algorithm>

namespace tabhost::core {

FifoTurns::FifoTurns(int turns) : free_(turns) {}

void FifoTurns::take() {
  std::unique_lock lock(mutex_);
  wait(lock, nullptr);
}

bool FifoTurns::take(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return wait(lock, &deadline);
}

bool FifoTurns::wait(std::unique_lock<std::mutex>& lock, const Clock::time_point* deadline) {
  if (free_ > 0 && queue_.empty()) {
    --free_;
    return true;
  }
  Waiter me;
  queue_.push_back(&me);
  if (!deadline) {
    me.wake.wait(lock, [&] { return me.given; });
    return true;
  }
  if (me.wake.wait_until(lock, *deadline, [&] { return me.given; })) return true;
  queue_.erase(std::find(queue_.begin(), queue_.end(), &me));
  return false;
}

bool FifoTurns::tryTake() {
  std::lock_guard lock(mutex_);
  if (free_ <= 0 || !queue_.empty()) return false;
  --free_;
  return true;
}

void FifoTurns::takeNow() {
  std::lock_guard lock(mutex_);
  --free_;
}

void FifoTurns::give() {
  std::lock_guard lock(mutex_);
  if (free_ < 0 || queue_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->given = true;
  next->wake.notify_one();
}

std::size_t FifoTurns::queued() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace tabhost::core
