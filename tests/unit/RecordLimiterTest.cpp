// Refusal records are bounded per key and per minute, and the next record
// written says how many were left out.
#include <gtest/gtest.h>

#include "core/identity/RecordLimiter.hpp"

namespace tabhost::core {
namespace {

TEST(RecordLimiter, AdmitsUpToTheBoundPerMinuteThenCountsWhatItLeftOut) {
  RecordLimiter limiter(3);
  std::int64_t leftOut = -1;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.admit("t\n10.0.0.1", 1000, leftOut));
    EXPECT_EQ(leftOut, 0);
  }
  EXPECT_FALSE(limiter.admit("t\n10.0.0.1", 1010, leftOut));
  EXPECT_FALSE(limiter.admit("t\n10.0.0.1", 1059, leftOut));
  EXPECT_TRUE(limiter.admit("t\n10.0.0.2", 1059, leftOut));  // another address has its own bound
  EXPECT_TRUE(limiter.admit("t\n10.0.0.1", 1060, leftOut));  // a new minute
  EXPECT_EQ(leftOut, 2);
  EXPECT_TRUE(limiter.admit("t\n10.0.0.1", 1061, leftOut));
  EXPECT_EQ(leftOut, 0);
}

}  // namespace
}  // namespace tabhost::core
