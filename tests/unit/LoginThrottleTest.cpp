// The sign-in throttle's policy, on a simulated clock: an hour of attacks
// costs few verifications, and the real user gets in after the back-off.
#include <gtest/gtest.h>

#include "core/identity/LoginThrottle.hpp"

namespace tabhost::core {
namespace {

TEST(LoginThrottle, AThousandGuessesFromTenAddressesInAnHourGetAtMostAHundredVerifications) {
  LoginThrottle throttle;
  int verified = 0;
  // 1,000 wrong passwords spread evenly over an hour, from ten addresses.
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t now = 1'000'000 + i * 36 / 10;
    const std::string address = "10.0.0." + std::to_string(i % 10);
    if (throttle.admitPassword("t\nann@example.com", address, now) == 0) {
      ++verified;
      throttle.passwordFailed("t\nann@example.com", address, now);
    }
  }
  EXPECT_LE(verified, 100);
  EXPECT_GE(verified, 5);  // the first failures are free
  // The attack stops; after at most one back-off step the real user gets in.
  const std::int64_t after = 1'000'000 + 3600;
  const std::int64_t wait = throttle.admitPassword("t\nann@example.com", "192.0.2.7", after);
  EXPECT_LE(wait, 15 * 60);
  EXPECT_EQ(throttle.admitPassword("t\nann@example.com", "192.0.2.7", after + wait), 0);
  throttle.passwordSucceeded("t\nann@example.com");
  EXPECT_EQ(throttle.admitPassword("t\nann@example.com", "192.0.2.7", after + wait + 1), 0);
}

TEST(LoginThrottle, BacksOffDoublingAfterFiveFailures) {
  LoginThrottle throttle;
  std::int64_t now = 5000;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(throttle.admitPassword("t\nbob", "a", now), 0) << i;
    throttle.passwordFailed("t\nbob", "a", now);
  }
  EXPECT_EQ(throttle.admitPassword("t\nbob", "a", now), 1);
  now += 1;
  ASSERT_EQ(throttle.admitPassword("t\nbob", "a", now), 0);
  throttle.passwordFailed("t\nbob", "a", now);
  EXPECT_EQ(throttle.admitPassword("t\nbob", "a", now), 2);
  // Another account from the same address is not slowed by bob's failures.
  EXPECT_EQ(throttle.admitPassword("t\ncarol", "a", now), 0);
}

TEST(LoginThrottle, CodesAreLimitedToFivePerFifteenMinutesCountingTriesUpFront) {
  LoginThrottle throttle;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(throttle.admitCode("t\nann", 100), 0);
  EXPECT_GT(throttle.admitCode("t\nann", 100), 0);
  throttle.codeSucceeded("t\nann");  // one of the five was right after all
  EXPECT_EQ(throttle.admitCode("t\nann", 101), 0);
  EXPECT_GT(throttle.admitCode("t\nann", 101), 0);
  EXPECT_EQ(throttle.admitCode("t\nann", 100 + 15 * 60 + 1), 0);
}

}  // namespace
}  // namespace tabhost::core
