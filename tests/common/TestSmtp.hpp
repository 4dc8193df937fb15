// The SMTP listener the test command starts (TABHOST_TEST_SMTP, "host:port")
// and the Maildir it stores accepted messages in (TABHOST_TEST_SMTP_MAILDIR).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tabhost::test {

/// "host:port", or "" when there is no listener (a local run skips; CI fails).
inline std::string testSmtp() {
  const char* smtp = std::getenv("TABHOST_TEST_SMTP");
  if (smtp && *smtp) return smtp;
  if (std::getenv("CI")) ADD_FAILURE() << "TABHOST_TEST_SMTP is not set";
  return "";
}

/// Every message the listener accepted that is addressed to `to`, as raw text.
inline std::vector<std::string> deliveredTo(const std::string& to) {
  std::vector<std::string> messages;
  const char* maildir = std::getenv("TABHOST_TEST_SMTP_MAILDIR");
  if (!maildir) return messages;
  for (const char* sub : {"new", "cur"}) {
    const std::filesystem::path dir = std::filesystem::path(maildir) / sub;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::ifstream in(it->path());
      std::stringstream text;
      text << in.rdbuf();
      // aiosmtpd records the envelope recipient as X-RcptTo.
      if (text.str().find("X-RcptTo: " + to + "\n") != std::string::npos) messages.push_back(text.str());
    }
  }
  return messages;
}

}  // namespace tabhost::test

/// Skips the current test (or fails it in CI) when no SMTP listener is set.
#define TABHOST_REQUIRE_SMTP(variable)                \
  variable = ::tabhost::test::testSmtp();             \
  if (variable.empty()) GTEST_SKIP() << "TABHOST_TEST_SMTP is not set (scripts/test.sh starts a listener)"
