#include "core/identity/RecordLimiter.hpp"

namespace tabhost::core {

bool RecordLimiter::admit(const std::string& key, std::int64_t now, std::int64_t& leftOut) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > 100000) windows_.clear();  // bounded memory under a spray of addresses
  Window& w = windows_[key];
  if (now - w.start >= 60) {
    w.start = now;
    w.written = 0;
  }
  if (w.written >= perMinute_) {
    ++w.leftOut;
    return false;
  }
  ++w.written;
  leftOut = w.leftOut;
  w.leftOut = 0;
  return true;
}

}  // namespace tabhost::core
