#include <gtest/gtest.h>

#include "core/plugins/VersionRange.hpp"

using namespace tabhost::core;

TEST(VersionRange, ParsesOnlyFullSemVer) {
  EXPECT_EQ(parseSemVer("1.2.3"), (SemVer{1, 2, 3}));
  EXPECT_FALSE(parseSemVer("1.2"));
  EXPECT_FALSE(parseSemVer("1.2.3-beta"));
  EXPECT_FALSE(parseSemVer("v1.2.3"));
}

TEST(VersionRange, EveryComparisonMustHold) {
  std::string error;
  SemVer v{1, 4, 0};
  EXPECT_TRUE(versionSatisfies(v, "", error));
  EXPECT_TRUE(versionSatisfies(v, ">=1.0.0 <2.0.0", error));
  EXPECT_FALSE(versionSatisfies(v, ">=1.5.0 <2.0.0", error));
  EXPECT_FALSE(versionSatisfies(v, ">1.4.0", error));
  EXPECT_TRUE(versionSatisfies(v, "<=1.4.0", error));
  EXPECT_TRUE(versionSatisfies(v, "1.4.0", error));
  EXPECT_FALSE(versionSatisfies(v, "=1.4.1", error));
  EXPECT_TRUE(error.empty());
}

TEST(VersionRange, MalformedRangeExplains) {
  std::string error;
  EXPECT_FALSE(versionSatisfies({1, 0, 0}, "~>1.0", error));
  EXPECT_NE(error.find("~>1.0"), std::string::npos);
}
