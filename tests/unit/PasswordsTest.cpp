// The password policy and Argon2id hashing.
#include <gtest/gtest.h>

#include <set>

#include "core/identity/Passwords.hpp"

namespace tabhost::core {
namespace {

TEST(Passwords, PolicyCountsCharactersNotBytesAndRefusesCommonOnes) {
  EXPECT_TRUE(passwordProblem("short").has_value());
  EXPECT_TRUE(passwordProblem("sevench").has_value());
  EXPECT_FALSE(passwordProblem("eight ch").has_value());
  // Seven characters of two bytes each: still too short.
  EXPECT_TRUE(passwordProblem("ééééééé").has_value());
  EXPECT_FALSE(passwordProblem(std::string(64, 'x') + "yz").has_value());
  EXPECT_FALSE(passwordProblem(std::string(1024, 'q')).has_value());
  EXPECT_TRUE(passwordProblem(std::string(1025, 'q')).has_value());
  // No composition rules: lower-case words are fine when not common.
  EXPECT_FALSE(passwordProblem("correct horse battery staple").has_value());
  // Common ones, case-insensitively.
  for (const char* common : {"password", "12345678", "PASSWORD1", "baseball", "iloveyou"})
    EXPECT_TRUE(isCommonPassword(common)) << common;
  EXPECT_EQ(*passwordProblem("password1"), "is one of the most common passwords; choose another");
}

TEST(Passwords, HashesAreArgon2idWithAtLeast19MiBAndTwoPassesAndSalted) {
  const std::string hash = hashPassword("a good passphrase");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
  EXPECT_NE(hashPassword("a good passphrase"), hash);  // a fresh salt each time
  EXPECT_TRUE(verifyPassword("a good passphrase", hash));
  EXPECT_FALSE(verifyPassword("a good passphrasE", hash));
  EXPECT_FALSE(verifyPassword("", ""));
  EXPECT_FALSE(passwordNeedsRehash(hash));
}

TEST(Passwords, TemporaryPasswordsAreRandomAndPassThePolicy) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const std::string p = temporaryPassword();
    EXPECT_EQ(p.size(), 20u);
    EXPECT_FALSE(passwordProblem(p).has_value());
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 20u);
}

}  // namespace
}  // namespace tabhost::core
