// TOTP two-factor sign-in over real HTTP: enrol, confirm, codes once only,
// recovery codes once only, regeneration voids old ones, failures throttled.
#include <ctime>

#include "IdentityFixture.hpp"
#include "core/identity/Totp.hpp"

namespace tabhost::test {
namespace {

using TwoFactorTest = IdentityTest;

std::string secretOf(const HttpResult& enrolled) { return *core::base32Decode(enrolled.text("secret")); }

std::string codeNow(const std::string& secret) { return core::totp(secret, std::time(nullptr)); }

TEST_P(TwoFactorTest, EnrolConfirmAndSignInWithACodeOnlyOnce) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  auto enrolled = host_->request("POST", api(a_, "/auth/2fa/enroll"), "", owner.headers());
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  EXPECT_EQ(enrolled.text("otpauth_uri").rfind("otpauth://totp/", 0), 0u);
  const std::string secret = secretOf(enrolled);
  ASSERT_EQ(secret.size(), 20u);

  EXPECT_EQ(host_->request("POST", api(a_, "/auth/2fa/confirm"), R"({"code":"000000"})", owner.headers()).status, 422);
  // Confirmed with the previous step's code (one step of delay is allowed),
  // so that the current step's code is still unused for the sign-in below.
  const std::string previous = core::hotp(secret, core::totpStep(std::time(nullptr)) - 1);
  auto confirmed =
      host_->request("POST", api(a_, "/auth/2fa/confirm"), R"({"code":")" + previous + "\"}", owner.headers());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  ASSERT_EQ(jsonAt(confirmed.json, "recovery_codes").size(), 10u);

  auto noCode = loginAs(a_, ownerEmail(a_), kPassword);
  EXPECT_EQ(noCode.status, 401);
  EXPECT_EQ(noCode.text("error.code"), "totp_required");

  EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword, R"(,"totp":")" + previous + "\"").text("error.code"),
            "invalid_totp");  // the confirming code was used
  const std::string code = codeNow(secret);
  auto withCode = loginAs(a_, ownerEmail(a_), kPassword, R"(,"totp":")" + code + "\"");
  ASSERT_EQ(withCode.status, 200) << withCode.body;
  auto replay = loginAs(a_, ownerEmail(a_), kPassword, R"(,"totp":")" + code + "\"");
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.text("error.code"), "invalid_totp");
  const auto actions = auditActions(a_, "&category=security");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "auth.totp_replayed"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "auth.2fa_enabled"), actions.end());
}

TEST_P(TwoFactorTest, RecoveryCodesWorkOnceAndRegenerationVoidsTheOldOnes) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string secret = secretOf(host_->request("POST", api(a_, "/auth/2fa/enroll"), "", owner.headers()));
  auto confirmed = host_->request("POST", api(a_, "/auth/2fa/confirm"), R"({"code":")" + codeNow(secret) + "\"}",
                                  owner.headers());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto& codes = jsonAt(confirmed.json, "recovery_codes").asArray();
  const std::string first = codes[0].asString(), second = codes[1].asString();

  auto recovered = loginAs(a_, ownerEmail(a_), kPassword, R"(,"recovery_code":")" + first + "\"");
  ASSERT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword, R"(,"recovery_code":")" + first + "\"").status, 401);

  Browser again = browserFrom(recovered);
  auto regenerated = host_->request("POST", api(a_, "/auth/2fa/recovery-codes"), "", again.headers());
  ASSERT_EQ(regenerated.status, 200) << regenerated.body;
  EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword, R"(,"recovery_code":")" + second + "\"").status, 401);
  const std::string fresh = jsonAt(regenerated.json, "recovery_codes").asArray()[0].asString();
  EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword, R"(,"recovery_code":")" + fresh + "\"").status, 200);
}

TEST_P(TwoFactorTest, WrongCodesAreThrottledAfterFive) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string secret = secretOf(host_->request("POST", api(a_, "/auth/2fa/enroll"), "", owner.headers()));
  ASSERT_EQ(host_->request("POST", api(a_, "/auth/2fa/confirm"), R"({"code":")" + codeNow(secret) + "\"}",
                           owner.headers())
                .status,
            200);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword, R"(,"totp":"000000")").text("error.code"), "invalid_totp") << i;
  auto throttled = loginAs(a_, ownerEmail(a_), kPassword, R"(,"totp":")" + codeNow(secret) + "\"");
  EXPECT_EQ(throttled.status, 429);
  EXPECT_TRUE(throttled.headers.count("Retry-After"));
}

INSTANTIATE_TEST_SUITE_P(Drivers, TwoFactorTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
