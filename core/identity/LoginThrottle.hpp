// Slows down and then refuses repeated failed sign-ins (OWASP ASVS 6.3.1).
//
// Per account: after 5 failures within 15 minutes each further attempt must
// wait twice as long as the one before (1 s, 2 s, 4 s ... at most 15
// minutes), and no account gets more than 100 password verifications an
// hour. Per client address: the same back-off after 20 failures. A success
// clears the account's failures. The longest an attacker can keep the real
// user out is one back-off step (15 minutes), never a lockout. Unknown
// accounts are throttled exactly like known ones, so the answers do not tell
// them apart. TOTP codes: at most 5 failures per account per 15 minutes.
//
// State is in memory, per host: behind a load balancer each host applies the
// limits to the attempts it sees.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tabhost::core {

class LoginThrottle {
 public:
  /// Seconds the caller must wait before a password attempt on `account` from
  /// `address` (0: go ahead). Counts the attempt as a verification when 0.
  std::int64_t admitPassword(const std::string& account, const std::string& address, std::int64_t now);
  void passwordFailed(const std::string& account, const std::string& address, std::int64_t now);
  void passwordSucceeded(const std::string& account);

  /// Seconds before another TOTP or recovery code may be tried for
  /// `account` (0: go ahead). An admitted try counts as a failure until
  /// codeSucceeded says otherwise, so parallel guesses cannot slip past.
  std::int64_t admitCode(const std::string& account, std::int64_t now);
  void codeSucceeded(const std::string& account);

 private:
  struct Window {
    std::deque<std::int64_t> failures;
    std::deque<std::int64_t> verifications;
  };
  static void prune(std::deque<std::int64_t>& times, std::int64_t oldest);
  static std::int64_t backoff(const std::deque<std::int64_t>& failures, std::size_t freeFailures, std::int64_t now);
  void forgetIdle(std::int64_t now);

  std::mutex mutex_;
  std::unordered_map<std::string, Window> accounts_;
  std::unordered_map<std::string, Window> addresses_;
  std::unordered_map<std::string, Window> codes_;
  std::int64_t lastSweep_ = 0;
};

}  // namespace tabhost::core
