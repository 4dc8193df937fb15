// HOTP (RFC 4226 appendix D) and TOTP (RFC 6238 appendix B) test vectors, and
// the replay and window rules built on them.
#include <gtest/gtest.h>

#include "core/identity/Totp.hpp"

namespace tabhost::core {
namespace {

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Hotp, Rfc4226Vectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter)
    EXPECT_EQ(hotp(kSeed20, counter), expected[counter]) << "counter " << counter;
}

struct TotpVector {
  std::int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

TEST(Totp, Rfc6238Vectors) {
  const TotpVector vectors[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const auto& v : vectors) {
    EXPECT_EQ(totp(kSeed20, v.time, 8, OtpHash::Sha1), v.sha1) << v.time;
    EXPECT_EQ(totp(kSeed32, v.time, 8, OtpHash::Sha256), v.sha256) << v.time;
    EXPECT_EQ(totp(kSeed64, v.time, 8, OtpHash::Sha512), v.sha512) << v.time;
  }
}

TEST(Totp, AcceptsTheCurrentAndPreviousStepOnlyAndEachCodeOnce) {
  const std::int64_t now = 1'700'000'000;
  const std::uint64_t step = totpStep(now);
  const std::string current = hotp(kSeed20, step), previous = hotp(kSeed20, step - 1);

  auto ok = matchTotp(kSeed20, current, now, 0);
  EXPECT_EQ(ok.result, TotpMatch::Result::Valid);
  EXPECT_EQ(ok.step, step);
  EXPECT_EQ(matchTotp(kSeed20, previous, now, 0).result, TotpMatch::Result::Valid);
  EXPECT_EQ(matchTotp(kSeed20, hotp(kSeed20, step - 2), now, 0).result, TotpMatch::Result::Wrong);
  EXPECT_EQ(matchTotp(kSeed20, hotp(kSeed20, step + 1), now, 0).result, TotpMatch::Result::Wrong);
  // Once a step was used, its code (and any earlier one) is a replay.
  EXPECT_EQ(matchTotp(kSeed20, current, now, step).result, TotpMatch::Result::Replayed);
  EXPECT_EQ(matchTotp(kSeed20, previous, now, step).result, TotpMatch::Result::Replayed);
  EXPECT_EQ(matchTotp(kSeed20, "12345", now, 0).result, TotpMatch::Result::Wrong);
}

TEST(Totp, Base32RoundTripsAndTheUriCarriesTheSecret) {
  EXPECT_EQ(base32Encode("foobar"), "MZXW6YTBOI");  // RFC 4648 §10, without padding
  EXPECT_EQ(base32Decode("mzxw6ytboi======"), "foobar");
  EXPECT_FALSE(base32Decode("MZ1W").has_value());
  EXPECT_EQ(base32Decode(base32Encode(kSeed20)), kSeed20);
  const std::string uri = otpauthUri("Demo Admin", "ann@example.com", kSeed20);
  EXPECT_EQ(uri.rfind("otpauth://totp/Demo%20Admin:ann@example.com?secret=" + base32Encode(kSeed20), 0), 0u) << uri;
  EXPECT_NE(uri.find("&algorithm=SHA1&digits=6&period=30"), std::string::npos);
}

}  // namespace
}  // namespace tabhost::core
