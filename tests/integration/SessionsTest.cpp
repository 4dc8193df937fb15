// Sign-in over real HTTP: temporary passwords, cookies, CSRF, timeouts,
// rotation, step-up and throttling — on SQLite and PostgreSQL.
#include <thread>

#include "IdentityFixture.hpp"

namespace tabhost::test {
namespace {

using SessionsTest = IdentityTest;

TEST_P(SessionsTest, TemporaryPasswordSignsInOnceToSetANewOne) {
  START_HOST();
  const std::string email = ownerEmail(a_);
  const std::string temporary = createUser(config_, a_, email, "owner");
  auto login = loginAs(a_, "  OWNER@" + a_ + ".TEST ", temporary);  // emails are case-insensitive
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.text("password_change_required"), "true");
  const std::string setCookie = login.headers["Set-Cookie"];
  EXPECT_EQ(setCookie.rfind("tabhost_" + a_ + "=", 0), 0u) << setCookie;
  for (const char* attribute : {"; Path=/", "; HttpOnly", "; SameSite=Strict"})
    EXPECT_NE(setCookie.find(attribute), std::string::npos) << setCookie;
  EXPECT_EQ(setCookie.find("Domain"), std::string::npos);
  // 256 bits: 64 hex characters.
  EXPECT_EQ(setCookie.substr(setCookie.find('=') + 1, setCookie.find(';') - setCookie.find('=') - 1).size(), 64u);
  Browser first = browserFrom(login);

  // Until the password changes, only me / change-password / logout are open.
  auto blocked = host_->get(api(a_, "/tokens"), first.headers());
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.text("error.code"), "password_change_required");
  EXPECT_EQ(host_->get(api(a_, "/me"), first.headers()).text("password_change_required"), "true");

  auto weak = host_->request("POST", api(a_, "/auth/change-password"),
                             R"({"current_password":")" + temporary + R"(","new_password":"password1"})",
                             first.headers());
  EXPECT_EQ(weak.status, 422) << weak.body;
  EXPECT_EQ(weak.text("error.field"), "new_password");
  auto changed = host_->request("POST", api(a_, "/auth/change-password"),
                                R"({"current_password":")" + temporary + R"(","new_password":")" + kPassword + "\"}",
                                first.headers());
  ASSERT_EQ(changed.status, 200) << changed.body;
  Browser second = browserFrom(changed);
  EXPECT_NE(second.cookie, first.cookie);  // every session ended; a new id
  EXPECT_EQ(host_->get(api(a_, "/me"), first.headers()).status, 401);
  auto me = host_->get(api(a_, "/me"), second.headers());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.text("user.email"), email);
  EXPECT_EQ(me.text("user.type"), "owner");
  EXPECT_EQ(me.text("password_change_required"), "false");
  EXPECT_NE(me.body.find("\"tokens.issue\""), std::string::npos) << me.body;
  EXPECT_EQ(me.text("branding.tenant"), a_);
  EXPECT_EQ(me.text("csrf_token"), second.csrf);

  // The temporary password was single-use.
  EXPECT_EQ(loginAs(a_, email, temporary).status, 401);
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 200);
}

TEST_P(SessionsTest, UnknownEmailAndWrongPasswordGetTheSameAnswerAndAreThrottled) {
  START_HOST();
  signedIn(a_, ownerEmail(a_), "owner");
  auto unknown = loginAs(a_, "nobody@" + a_ + ".test", "whatever123");
  auto wrong = loginAs(a_, ownerEmail(a_), "whatever123");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.text("error.code"), wrong.text("error.code"));
  EXPECT_EQ(unknown.text("error.message"), wrong.text("error.message"));
  EXPECT_EQ(unknown.headers.count("Set-Cookie"), 0u);

  // After five failures on this account each attempt must wait for the
  // back-off (1 s, then 2 s, ...): keep guessing until one is refused, so a
  // slow machine that outwaits the first step still sees it.
  HttpResult refused;
  for (int i = 0; i < 10 && refused.status != 429; ++i) refused = loginAs(a_, ownerEmail(a_), "whatever123");
  ASSERT_EQ(refused.status, 429) << refused.body;
  // Back-offs count whole seconds, so the first one (1 s) may be all but
  // over by the next attempt: outwait it and fail once more, which starts a
  // 2 s back-off now, before trying the right password.
  HttpResult failedAgain;
  for (int i = 0; i < 5 && failedAgain.status != 401; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    failedAgain = loginAs(a_, ownerEmail(a_), "whatever123");
  }
  ASSERT_EQ(failedAgain.status, 401) << failedAgain.body;
  auto throttled = loginAs(a_, ownerEmail(a_), kPassword);  // even the right password waits its turn
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(throttled.text("error.code"), "too_many_attempts");
  ASSERT_TRUE(throttled.headers.count("Retry-After"));
  const int wait = std::stoi(throttled.headers["Retry-After"]);
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 16);
  // After the back-off the real user gets in.
  std::this_thread::sleep_for(std::chrono::seconds(wait) + std::chrono::milliseconds(200));
  EXPECT_EQ(loginAs(a_, ownerEmail(a_), kPassword).status, 200);

  const auto actions = auditActions(a_, "&category=security");
  EXPECT_GE(std::count(actions.begin(), actions.end(), "auth.login_failed"), 5);
  EXPECT_GE(std::count(actions.begin(), actions.end(), "auth.throttled"), 1);
}

TEST_P(SessionsTest, CookieWritesNeedTheCsrfTokenFromTheSameOrigin) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string body = R"({"name":"ci","scopes":["tokens.read"]})";
  auto missing = host_->request("POST", api(a_, "/tokens"), body, owner.headers(false));
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.text("error.code"), "csrf_failed");
  auto forged = owner.headers();
  forged["X-CSRF-Token"] = std::string(64, '0');
  EXPECT_EQ(host_->request("POST", api(a_, "/tokens"), body, forged).text("error.code"), "csrf_failed");
  auto foreign = owner.headers();
  foreign["Origin"] = "https://evil.example";
  EXPECT_EQ(host_->request("POST", api(a_, "/tokens"), body, foreign).text("error.code"), "csrf_failed");
  auto listed = host_->get(api(a_, "/tokens"), bearer(createToken(config_, a_, ownerEmail(a_))));
  EXPECT_EQ(listed.body.find(R"("name":"ci")"), std::string::npos) << listed.body;

  auto ok = host_->request("POST", api(a_, "/tokens"), body, owner.headers());
  EXPECT_EQ(ok.status, 201) << ok.body;
  // Signing in is a write too: not from another origin's page.
  auto crossSiteLogin = host_->request("POST", api(a_, "/auth/login"),
                                       R"({"email":")" + ownerEmail(a_) + R"(","password":")" + kPassword + "\"}",
                                       {{"Origin", "https://evil.example"}});
  EXPECT_EQ(crossSiteLogin.status, 403);
  EXPECT_EQ(crossSiteLogin.text("error.code"), "csrf_failed");
  const auto actions = auditActions(a_, "&action=auth.csrf_refused");
  EXPECT_EQ(actions.size(), 4u);
}

TEST_P(SessionsTest, StepUpIsNeededForDestructiveActionsAfterTheWindow) {
  // Two seconds, compared in whole seconds: past it after 3.2 s, and a
  // request right after a re-entry has a second or more to spare.
  START_HOST("  step_up_s: 2\n");
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string body = R"({"name":"ci","scopes":["tokens.read"]})";
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));
  auto stale = host_->request("POST", api(a_, "/tokens"), body, owner.headers());
  EXPECT_EQ(stale.status, 403);
  EXPECT_EQ(stale.text("error.code"), "reauth_required");
  auto wrong = host_->request("POST", api(a_, "/auth/reauth"), R"({"password":"not it at all"})", owner.headers());
  EXPECT_EQ(wrong.status, 401);
  auto reauth = host_->request("POST", api(a_, "/auth/reauth"), std::string(R"({"password":")") + kPassword + "\"}",
                               owner.headers());
  ASSERT_EQ(reauth.status, 200) << reauth.body;
  EXPECT_EQ(host_->request("POST", api(a_, "/tokens"), body, owner.headers()).status, 201);
}

TEST_P(SessionsTest, IdleAndAbsoluteTimeoutsEndSessions) {
  START_HOST("  session_idle_timeout_s: 3\n  session_absolute_timeout_s: 6\n");
  Browser idle = signedIn(a_, ownerEmail(a_), "owner");
  std::this_thread::sleep_for(std::chrono::milliseconds(4200));
  auto expired = host_->get(api(a_, "/me"), idle.headers());
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.text("error.code"), "session_expired");

  // Kept busy, a session still ends at the absolute limit.
  Browser busy = browserFrom(loginAs(a_, ownerEmail(a_), kPassword));
  const auto signedInAt = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(host_->get(api(a_, "/me"), busy.headers()).status, 200) << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  // Whole seconds are compared: wait until 7.2 s after sign-in, past 6 s by
  // a full second whatever the start.
  std::this_thread::sleep_until(signedInAt + std::chrono::milliseconds(7200));
  EXPECT_EQ(host_->get(api(a_, "/me"), busy.headers()).text("error.code"), "session_expired");
}

TEST_P(SessionsTest, LoginRotatesTheSessionAndLogoutEndsIt) {
  START_HOST();
  Browser before = signedIn(a_, ownerEmail(a_), "owner");
  // Signing in again from the same browser replaces its session id.
  auto again = host_->request("POST", api(a_, "/auth/login"),
                              R"({"email":")" + ownerEmail(a_) + R"(","password":")" + kPassword + "\"}",
                              before.headers());
  ASSERT_EQ(again.status, 200) << again.body;
  Browser after = browserFrom(again);
  EXPECT_NE(after.cookie, before.cookie);
  EXPECT_EQ(host_->get(api(a_, "/me"), before.headers()).status, 401);

  auto logout = host_->request("POST", api(a_, "/auth/logout"), "", after.headers());
  EXPECT_EQ(logout.status, 204);
  EXPECT_NE(logout.headers["Set-Cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(host_->get(api(a_, "/me"), after.headers()).status, 401);
  const auto actions = auditActions(a_, "&category=security");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "auth.logout"), actions.end());
}

TEST_P(SessionsTest, ACookieOfOneTenantIsNothingInAnother) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  createUser(config_, b_, ownerEmail(b_), "owner");
  // The same cookie value under the other tenant's name.
  Browser replayed{"tabhost_" + b_ + owner.cookie.substr(owner.cookie.find('=')), owner.csrf};
  EXPECT_EQ(host_->get(api(b_, "/me"), replayed.headers()).status, 401);
  EXPECT_EQ(host_->get(api(b_, "/tokens"), replayed.headers()).status, 401);
  EXPECT_EQ(host_->get(api(b_, "/me"), owner.headers()).status, 401);
}

TEST_P(SessionsTest, APlatformOperatorEntersAnyTenantWithEveryPermission) {
  START_HOST();
  signedIn(a_, ownerEmail(a_), "owner");
  const std::string email = "ops" + suffix_ + "@platform.test";
  auto created = runProgram("tabctl", {"operator", "create", "--config", config_.path("tabhost.yaml"), "--email", email});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string password = lastOutputLine(created.out);
  // Not a tenant user: without the flag it is an unknown email.
  EXPECT_EQ(loginAs(a_, email, password).status, 401);
  for (const auto& tenant : {a_, b_}) {
    auto login = loginAs(tenant, email, password, R"(,"operator":true)");
    ASSERT_EQ(login.status, 200) << tenant << ": " << login.body;
    Browser op = browserFrom(login);
    auto me = host_->get(api(tenant, "/me"), op.headers());
    EXPECT_EQ(me.text("user.type"), "operator");
    EXPECT_NE(me.body.find("\"audit.read\""), std::string::npos);
    EXPECT_EQ(host_->get(api(tenant, "/audit"), op.headers()).status, 200);
    auto change = host_->request("POST", api(tenant, "/auth/change-password"),
                                 R"({"current_password":")" + password + R"(","new_password":"another long one"})",
                                 op.headers());
    EXPECT_EQ(change.text("error.code"), "operator_account");
  }
  auto entries = host_->get(api(a_, "/audit?action=auth.login&category=security"),
                            bearer(createToken(config_, a_, ownerEmail(a_))));
  EXPECT_NE(entries.body.find(R"("actor":{"type":"operator")"), std::string::npos) << entries.body;
}

TEST_P(SessionsTest, BadInputChangesNothing) {
  START_HOST();
  EXPECT_EQ(host_->post(api(a_, "/auth/login"), "{not json").status, 400);
  auto missing = host_->post(api(a_, "/auth/login"), R"({"email":"x@y.z"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.text("error.field"), "password");
  EXPECT_EQ(host_->post(api(a_, "/auth/login"), R"({"email":5,"password":"x"})").text("error.field"), "email");
  EXPECT_EQ(host_->get(api(a_, "/me"), {{"Cookie", "tabhost_" + a_ + "=garbage"}}).status, 401);
  EXPECT_EQ(host_->get(api(a_, "/me"), {{"Authorization", "Bearer nonsense"}}).text("error.code"), "invalid_token");
}

INSTANTIATE_TEST_SUITE_P(Drivers, SessionsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
