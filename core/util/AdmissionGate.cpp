#include "core/util/AdmissionGate.hpp"

namespace tabhost::core {

namespace {
// The gate whose place this thread holds (requests run on one thread each).
thread_local AdmissionGate* heldGate = nullptr;
}  // namespace

AdmissionGate::AdmissionGate(int places) : open_(places <= 0), places_(places) {}

void AdmissionGate::enter() {
  if (!open_) places_.take();
}

std::size_t AdmissionGate::queued() { return places_.queued(); }

void AdmissionGate::enterNow() {
  if (!open_) places_.takeNow();
}

void AdmissionGate::leave() {
  if (!open_) places_.give();
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
