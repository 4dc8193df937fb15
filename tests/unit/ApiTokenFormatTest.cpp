// The API token format: prefix, 32 random bytes in base62, CRC-32 checksum.
#include <gtest/gtest.h>

#include "core/identity/ApiTokens.hpp"

namespace tabhost::core {
namespace {

TEST(ApiTokenFormat, NewTokensAreWellFormedAndAMistypeIsCaughtByTheChecksum) {
  const std::string token = newTokenText("tle");
  ASSERT_EQ(token.size(), 3u + 1 + 43 + 6) << token;
  EXPECT_EQ(token.rfind("tle_", 0), 0u);
  EXPECT_TRUE(tokenWellFormed(token, "tle"));
  EXPECT_FALSE(tokenWellFormed(token, "acme"));  // another tenant's prefix
  for (std::size_t i = 4; i < token.size(); ++i) {
    std::string typo = token;
    typo[i] = typo[i] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(tokenWellFormed(typo, "tle")) << "typo at " << i;
  }
  EXPECT_FALSE(tokenWellFormed(token.substr(0, token.size() - 1), "tle"));
  EXPECT_FALSE(tokenWellFormed(token + "x", "tle"));
  EXPECT_NE(newTokenText("tle"), token);
  EXPECT_EQ(tokenHint(token, "tle"), "tle_…" + token.substr(token.size() - 4));
}

}  // namespace
}  // namespace tabhost::core
