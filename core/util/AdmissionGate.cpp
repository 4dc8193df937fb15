#include "core/util/AdmissionGate.hpp"

namespace tabhost::core {

namespace {
// The gate whose place this thread holds (requests run on one thread each).
thread_local AdmissionGate* heldGate = nullptr;
}  // namespace

AdmissionGate::AdmissionGate(int places) : open_(places <= 0), free_(places) {}

void AdmissionGate::enter() {
  if (open_) return;
  std::unique_lock lock(mutex_);
  if (free_ > 0 && queue_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  queue_.push_back(&me);
  me.wake.wait(lock, [&] { return me.admitted; });
}

std::size_t AdmissionGate::queued() {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void AdmissionGate::enterNow() {
  if (open_) return;
  std::lock_guard lock(mutex_);
  --free_;
}

void AdmissionGate::leave() {
  if (open_) return;
  std::lock_guard lock(mutex_);
  if (free_ < 0 || queue_.empty()) {
    ++free_;
    return;
  }
  // The place passes straight to the oldest waiter, so a thread arriving
  // just now cannot take it first.
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->admitted = true;
  next->wake.notify_one();
}

AdmissionGate::Place::Place(AdmissionGate& gate) : gate_(&gate), outer_(heldGate) {
  if (heldGate == gate_) {
    gate_ = nullptr;  // already inside: nesting must not take a second place
    return;
  }
  gate_->enter();
  heldGate = gate_;
}

AdmissionGate::Place::~Place() {
  if (!gate_) return;
  heldGate = outer_;
  gate_->leave();
}

AdmissionGate::Away::Away() : gate_(heldGate) {
  if (!gate_) return;
  heldGate = nullptr;
  gate_->leave();
}

AdmissionGate::Away::~Away() {
  if (!gate_) return;
  gate_->enterNow();
  heldGate = gate_;
}

}  // namespace tabhost::core
