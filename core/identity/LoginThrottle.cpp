#include "core/identity/LoginThrottle.hpp"

#include <algorithm>

namespace tabhost::core {

namespace {
constexpr std::int64_t kFailureWindow = 15 * 60;
constexpr std::int64_t kMaxBackoff = 15 * 60;
constexpr std::size_t kFreeAccountFailures = 5;
constexpr std::size_t kFreeAddressFailures = 20;
constexpr std::size_t kVerificationsPerHour = 100;
constexpr std::size_t kCodeFailures = 5;
}  // namespace

void LoginThrottle::prune(std::deque<std::int64_t>& times, std::int64_t oldest) {
  while (!times.empty() && times.front() <= oldest) times.pop_front();
}

std::int64_t LoginThrottle::backoff(const std::deque<std::int64_t>& failures, std::size_t freeFailures,
                                    std::int64_t now) {
  if (failures.size() < freeFailures) return 0;
  const std::size_t excess = std::min<std::size_t>(failures.size() - freeFailures, 20);
  const std::int64_t delay = std::min<std::int64_t>(std::int64_t(1) << excess, kMaxBackoff);
  return std::max<std::int64_t>(0, failures.back() + delay - now);
}

void LoginThrottle::forgetIdle(std::int64_t now) {
  if (now - lastSweep_ < 60) return;
  lastSweep_ = now;
  for (auto* map : {&accounts_, &addresses_, &codes_})
    for (auto it = map->begin(); it != map->end();) {
      prune(it->second.failures, now - kFailureWindow);
      prune(it->second.verifications, now - 3600);
      it = it->second.failures.empty() && it->second.verifications.empty() ? map->erase(it) : std::next(it);
    }
}

std::int64_t LoginThrottle::admitPassword(const std::string& account, const std::string& address, std::int64_t now) {
  std::lock_guard lock(mutex_);
  forgetIdle(now);
  Window& a = accounts_[account];
  Window& ip = addresses_[address];
  prune(a.failures, now - kFailureWindow);
  prune(a.verifications, now - 3600);
  prune(ip.failures, now - kFailureWindow);
  std::int64_t wait = std::max(backoff(a.failures, kFreeAccountFailures, now),
                               backoff(ip.failures, kFreeAddressFailures, now));
  if (a.verifications.size() >= kVerificationsPerHour)
    wait = std::max(wait, a.verifications.front() + 3600 - now);
  if (wait == 0) a.verifications.push_back(now);
  return wait;
}

void LoginThrottle::passwordFailed(const std::string& account, const std::string& address, std::int64_t now) {
  std::lock_guard lock(mutex_);
  accounts_[account].failures.push_back(now);
  addresses_[address].failures.push_back(now);
}

void LoginThrottle::passwordSucceeded(const std::string& account) {
  std::lock_guard lock(mutex_);
  if (auto it = accounts_.find(account); it != accounts_.end()) it->second.failures.clear();
}

std::int64_t LoginThrottle::admitCode(const std::string& account, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Window& w = codes_[account];
  prune(w.failures, now - kFailureWindow);
  if (w.failures.size() >= kCodeFailures) return std::max<std::int64_t>(1, w.failures.front() + kFailureWindow - now);
  w.failures.push_back(now);
  return 0;
}

void LoginThrottle::codeSucceeded(const std::string& account) {
  std::lock_guard lock(mutex_);
  if (auto it = codes_.find(account); it != codes_.end() && !it->second.failures.empty())
    it->second.failures.pop_back();
}

}  // namespace tabhost::core
