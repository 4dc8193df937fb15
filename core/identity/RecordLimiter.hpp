// Bounds how many refusal records (failed sign-ins, refused credentials,
// CSRF failures) one client address can add to a tenant's audit log: they
// are written outside any business transaction, for anyone who asks, so
// without a bound a loop of junk requests would fill the append-only log and
// hold the tenant's write lock. Beyond the bound the records are counted, and
// the next one written says how many were left out.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tabhost::core {

class RecordLimiter {
 public:
  /// Up to `perMinute` records per key per minute.
  explicit RecordLimiter(int perMinute = 10) : perMinute_(perMinute) {}

  /// Whether a record for `key` may be written now; when it may,
  /// `leftOut` is how many were refused since the last one written.
  bool admit(const std::string& key, std::int64_t now, std::int64_t& leftOut);

 private:
  struct Window {
    std::int64_t start = 0;
    int written = 0;
    std::int64_t leftOut = 0;
  };
  int perMinute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace tabhost::core
