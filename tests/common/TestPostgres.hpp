// The PostgreSQL server the test command starts (TABHOST_TEST_PG_DSN).
#pragma once

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace tabhost::test {

/// The DSN, or "" when there is no server. A local run without one skips
/// the PostgreSQL cases; CI (which always starts one) fails instead, so a
/// missing server can never pass as skipped tests.
inline std::string testPostgresDsn() {
  const char* dsn = std::getenv("TABHOST_TEST_PG_DSN");
  if (dsn && *dsn) return dsn;
  if (std::getenv("CI")) ADD_FAILURE() << "TABHOST_TEST_PG_DSN is not set";
  return "";
}

}  // namespace tabhost::test

/// Skips the current test (or fails it in CI) when no PostgreSQL server is set.
#define TABHOST_REQUIRE_POSTGRES(dsnVariable)                                                        \
  dsnVariable = ::tabhost::test::testPostgresDsn();                                                 \
  if (dsnVariable.empty()) GTEST_SKIP() << "TABHOST_TEST_PG_DSN is not set (scripts/test.sh starts a server)"
