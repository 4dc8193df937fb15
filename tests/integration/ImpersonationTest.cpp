// The impersonation plugin over real HTTP: becoming a user switches the
// session to theirs (rotated id), every write of any plugin names both the
// user and the impersonator, stopping restores the admin's own session;
// every rule refuses with its code and changes nothing; read-only mode
// closes every mutating route of the route table; the time box and the
// user's suspension end it; the tenant may have the user told by email.
#include <csignal>
#include <fstream>
#include <iterator>

#include "UsersTestSupport.hpp"
#include "tabhost/sdk/time.hpp"

namespace tabhost::test {
namespace {

class ImpersonationTest : public UsersTest {
 protected:
  /// The users fixture with the impersonation plugin and `settings` (YAML
  /// lines under plugins.impersonation.settings) for tenant a; `roles`
  /// (lines "  name: [...]") extend the fixture's roles mapping.
  void startImpersonation(const std::string& settings = "", const std::string& roles = "") {
    extraPlugins_ = {"impersonation"};
    startUsers(roles + (settings.empty() ? "" : "plugins:\n  impersonation:\n    settings:\n" + settings));
  }

  /// POST /impersonation as `admin`, after a fresh password confirmation.
  HttpResult become(const Browser& admin, const std::string& userId,
                    const std::string& extra = R"(,"reason":"ticket 42")") {
    reauth(admin);
    return call("POST", "/impersonation", R"({"user_id":")" + userId + "\"" + extra + "}", admin);
  }

  /// The newest audit entry with `action` (and `query`), read with the owner's token.
  sdk::Json newestEntry(const std::string& action, const std::string& query = "") {
    if (ownerToken_.empty()) ownerToken_ = createToken(config_, a_, ownerEmail(a_));
    auto page = host_->get(api(a_, "/audit?action=" + action + query), bearer(ownerToken_));
    EXPECT_EQ(page.status, 200) << page.body;
    const auto& items = jsonAt(page.json, "items");
    return items.isArray() && !items.asArray().empty() ? items.asArray().front() : sdk::Json();
  }

  std::string count(const std::string& table) { return scalar("SELECT COUNT(*) FROM " + table); }

  /// An owner, an admin and an agent, all signed in with their own passwords.
  void cast() {
    owner_ = signedIn(a_, ownerEmail(a_), "owner");
    admin_ = onboarded(owner_, address("admin"), "admin", adminId_);
    agent_ = onboarded(owner_, address("agent"), "agent", agentId_);
    EXPECT_EQ(call("PATCH", "/users/" + adminId_, R"({"first_name":"Ada","last_name":"Admin"})", owner_).status, 200);
    EXPECT_EQ(call("PATCH", "/users/" + agentId_, R"({"first_name":"Gus","last_name":"Agent"})", owner_).status, 200);
  }

  Browser owner_, admin_, agent_;
  std::string adminId_, agentId_;
};

// "403 rank_too_low": an answer's status and error code.
std::string code(const HttpResult& r) { return std::to_string(r.status) + " " + r.text("error.code"); }

TEST_P(ImpersonationTest, ActsAsTheUserNamesBothOnEveryWriteAndStopRestoresTheAdmin) {
  startImpersonation();
  if (IsSkipped() || HasFatalFailure()) return;
  cast();
  const std::string agentPermissions = host_->get(api(a_, "/me"), agent_.headers()).text("permissions");

  auto started = become(admin_, agentId_);
  ASSERT_EQ(started.status, 201) << started.body;
  const Browser asAgent = browserFrom(started);
  EXPECT_NE(asAgent.cookie, admin_.cookie);
  EXPECT_EQ(host_->get(api(a_, "/me"), admin_.headers()).status, 401) << "the admin's session id rotates";

  auto me = host_->get(api(a_, "/me"), asAgent.headers());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.text("user.id"), agentId_);
  EXPECT_EQ(me.text("permissions"), agentPermissions);
  EXPECT_EQ(me.text("impersonation.impersonating"), "true");
  EXPECT_EQ(me.text("impersonation.by.id"), adminId_);
  EXPECT_EQ(me.text("impersonation.by.name"), "Ada Admin");
  EXPECT_EQ(me.text("impersonation.read_only"), "false");
  EXPECT_EQ(me.text("impersonation.reason"), "ticket 42");
  // The default time box: 60 minutes.
  const auto since = sdk::parseUtc(me.text("impersonation.since"));
  const auto until = sdk::parseUtc(me.text("impersonation.expires_at"));
  ASSERT_TRUE(since && until) << me.body;
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::minutes>(*until - *since).count(), 60);
  // Acting as the agent: an admin's read is closed, the agent's own is open.
  EXPECT_EQ(call("GET", "/users", "", asAgent).status, 403);

  // A plugin that knows nothing of impersonation (the fixture's) writes;
  // its entry names the agent as actor and the admin as impersonator.
  auto made = call("POST", "/basic/items", R"({"name":"made while impersonating"})", asAgent);
  ASSERT_EQ(made.status, 201) << made.body;
  const sdk::Json write = newestEntry("basic.item.create");
  EXPECT_EQ(textAt(write, "actor.id"), agentId_);
  EXPECT_EQ(textAt(write, "impersonator_id"), adminId_);
  EXPECT_EQ(textAt(write, "via"), "impersonation");
  // So does the host's route-level entry of a route that records nothing.
  ASSERT_EQ(call("POST", "/basic/mail", R"({"to":"x@example.test","subject":"s","text":"t"})", asAgent).status, 201);
  const sdk::Json routeEntry = newestEntry("tabhost.route", "&target_id=POST%20/basic/mail");
  EXPECT_EQ(textAt(routeEntry, "actor.id"), agentId_);
  EXPECT_EQ(textAt(routeEntry, "impersonator_id"), adminId_);

  const sdk::Json start = newestEntry("impersonation.start");
  EXPECT_EQ(textAt(start, "category"), "security");
  EXPECT_EQ(textAt(start, "actor.id"), adminId_);
  EXPECT_EQ(textAt(start, "target.id"), agentId_);
  EXPECT_EQ(textAt(start, "metadata.reason"), "ticket 42");

  auto stopped = call("DELETE", "/impersonation", "", asAgent);
  ASSERT_EQ(stopped.status, 200) << stopped.body;
  EXPECT_EQ(stopped.text("impersonation.actions"), "2");
  EXPECT_EQ(stopped.text("impersonation.end_reason"), "stopped");
  const Browser back = browserFrom(stopped);
  EXPECT_NE(back.cookie, asAgent.cookie);
  EXPECT_EQ(host_->get(api(a_, "/me"), asAgent.headers()).status, 401) << "the impersonation's id rotates too";
  auto mine = host_->get(api(a_, "/me"), back.headers());
  EXPECT_EQ(mine.text("user.id"), adminId_);
  EXPECT_EQ(mine.text("impersonation.impersonating"), "false");
  EXPECT_EQ(call("GET", "/users", "", back).status, 200) << "the admin's own permissions are back";
  // Back as the admin, who acts directly again.
  ASSERT_EQ(call("POST", "/basic/items", R"({"name":"mine"})", back).status, 201);
  EXPECT_EQ(textAt(newestEntry("basic.item.create"), "via"), "direct");

  const sdk::Json stop = newestEntry("impersonation.stop");
  EXPECT_EQ(textAt(stop, "actor.id"), adminId_);
  EXPECT_EQ(textAt(stop, "metadata.actions"), "2");
  EXPECT_EQ(textAt(stop, "metadata.ended_by"), "stopped");
  EXPECT_TRUE(jsonAt(stop, "metadata.duration_s").isInt());

  // Listed for those who read the audit log, and only for them.
  EXPECT_EQ(call("GET", "/impersonation/sessions", "", agent_).status, 403);
  auto listed = call("GET", "/impersonation/sessions", "", back);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(jsonAt(listed.json, "items").asArray().size(), 1u) << listed.body;
  const sdk::Json item = jsonAt(listed.json, "items").asArray().front();
  EXPECT_EQ(textAt(item, "user.id"), agentId_);
  EXPECT_EQ(textAt(item, "user.name"), "Gus Agent");
  EXPECT_EQ(textAt(item, "impersonator.name"), "Ada Admin");
  EXPECT_EQ(textAt(item, "impersonator.id"), adminId_);
  EXPECT_EQ(textAt(item, "reason"), "ticket 42");
  EXPECT_EQ(textAt(item, "actions"), "2");
  EXPECT_EQ(textAt(item, "active"), "false");
  EXPECT_EQ(textAt(item, "end_reason"), "stopped");
  EXPECT_EQ(call("GET", "/impersonation/sessions?status=active", "", back).text("items"), "[]");
  EXPECT_EQ(call("GET", "/impersonation/sessions?status=bogus", "", back).status, 400);
  EXPECT_EQ(call("DELETE", "/impersonation", "", back).text("error.code"), "not_impersonating");
}

TEST_P(ImpersonationTest, EveryRuleRefusesWithItsCodeAndChangesNothing) {
  startImpersonation();
  if (IsSkipped() || HasFatalFailure()) return;
  cast();
  std::string otherAdmin, suspended, invited, supervisor;
  onboarded(owner_, address("admin2"), "admin", otherAdmin);
  onboarded(owner_, address("suspended"), "agent", suspended);
  ASSERT_EQ(call("POST", "/users/" + suspended + "/suspend", "", owner_).status, 200);
  auto invitation = createVia(owner_, address("invited"), "agent", R"(,"invite":true)");
  invited = invitation.text("user.id");
  const Browser super = onboarded(owner_, address("super"), "supervisor", supervisor);
  const std::string ownerId = host_->get(api(a_, "/me"), owner_.headers()).text("user.id");

  EXPECT_EQ(code(become(admin_, "no-such-user")), "404 user_not_found");
  EXPECT_EQ(code(become(admin_, adminId_)), "403 cannot_impersonate_self");
  EXPECT_EQ(code(become(admin_, ownerId)), "403 target_protected");
  EXPECT_EQ(code(become(admin_, "op:" + adminId_)), "403 target_protected");
  EXPECT_EQ(code(become(admin_, otherAdmin)), "403 rank_too_low");
  EXPECT_EQ(code(become(admin_, suspended)), "409 user_not_active");
  EXPECT_EQ(code(become(admin_, invited)), "409 user_not_active");
  EXPECT_EQ(code(become(admin_, agentId_, "")), "422 reason_required");
  EXPECT_EQ(code(become(admin_, agentId_, R"(,"reason":"   ")")), "422 reason_required");
  EXPECT_EQ(code(become(admin_, agentId_, R"(,"reason":"x","minutes":61)")), "422 invalid_minutes");
  EXPECT_EQ(code(become(super, agentId_)), "403 forbidden");
  // Session-only, and only right after a password confirmation.
  const auto adminToken = bearer(createToken(config_, a_, address("admin")));
  EXPECT_EQ(code(host_->request("POST", api(a_, "/impersonation"), R"({"user_id":")" + agentId_ + R"(","reason":"r"})",
                                adminToken)),
            "403 session_only");
  letStepUpLapse();
  EXPECT_EQ(code(call("POST", "/impersonation", R"({"user_id":")" + agentId_ + R"(","reason":"r"})", admin_)),
            "403 reauth_required");
  // Nothing happened: no record, no entry, the admin's session untouched.
  EXPECT_EQ(count("impersonations"), "0");
  EXPECT_TRUE(newestEntry("impersonation.start").isNull());
  EXPECT_EQ(host_->get(api(a_, "/me"), admin_.headers()).text("user.id"), adminId_);

  // Once inside: no nesting, and none of the user's own credentials.
  auto made = createVia(owner_, address("keys"), "supervisor", R"(,"roles":["keyholder"])");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string keyholder = made.text("user.id");
  auto started = become(admin_, keyholder);
  ASSERT_EQ(started.status, 201) << started.body;
  const Browser inside = browserFrom(started);
  EXPECT_EQ(code(call("POST", "/impersonation", R"({"user_id":")" + agentId_ + R"(","reason":"r"})", inside)),
            "409 impersonation_nested");
  EXPECT_EQ(code(call("POST", "/auth/change-password",
                      R"({"current_password":"x","new_password":"a whole new phrase"})", inside)),
            "403 impersonation_forbidden");
  EXPECT_EQ(code(call("POST", "/auth/reauth", R"({"password":"x"})", inside)), "403 impersonation_forbidden");
  EXPECT_EQ(code(call("POST", "/auth/2fa/enroll", "", inside)), "403 impersonation_forbidden");
  EXPECT_EQ(code(call("POST", "/auth/2fa/disable", "", inside)), "403 impersonation_forbidden");
  const std::string token = createToken(config_, a_, address("keys"), "tokens.revoke");
  const std::string tokenId = scalar("SELECT id FROM api_tokens WHERE user_id = '" + keyholder + "'");
  EXPECT_EQ(code(call("DELETE", "/tokens/" + tokenId, "", inside)), "403 impersonation_forbidden");
  EXPECT_EQ(host_->get(api(a_, "/me"), bearer(token)).status, 200) << "the token still works";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM users WHERE id = '" + keyholder + "' AND totp_secret = ''"), "1");
  EXPECT_EQ(scalar("SELECT actions FROM impersonations"), "0");
}

TEST_P(ImpersonationTest, ReadOnlyModeClosesEveryMutatingRouteButStopAndSignOut) {
  startImpersonation("      read_only: true\n");
  if (IsSkipped() || HasFatalFailure()) return;
  cast();
  auto started = become(admin_, agentId_, R"(,"reason":"look only","read_only":false)");
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(started.text("impersonation.read_only"), "true") << "the body cannot lift the tenant's policy";
  const Browser inside = browserFrom(started);
  EXPECT_EQ(host_->get(api(a_, "/me"), inside.headers()).text("impersonation.read_only"), "true");

  std::vector<std::string> open;
  int refused = 0;
  for (const auto& r : routeTable(config_)) {
    if (r.method == "GET") continue;
    const std::string label = r.method + " " + r.path;
    if (r.flags.find("open-while-read-only") != std::string::npos) {
      open.push_back(label);
      continue;
    }
    auto answer = host_->request(r.method, api(a_, concrete(r.path)), "{}", inside.headers());
    EXPECT_EQ(answer.status, 403) << label << ": " << answer.body;
    EXPECT_EQ(answer.text("error.code"), "impersonation_read_only") << label;
    ++refused;
  }
  EXPECT_GE(refused, 20);
  std::sort(open.begin(), open.end());
  EXPECT_EQ(open, (std::vector<std::string>{"DELETE /impersonation", "POST /auth/logout"}));
  EXPECT_EQ(count("basic_items"), "0");
  EXPECT_EQ(scalar("SELECT actions FROM impersonations"), "0");
  // Reads still work, and stopping does.
  EXPECT_EQ(host_->get(api(a_, "/basic/items"), inside.headers()).status, 200);
  EXPECT_EQ(call("DELETE", "/impersonation", "", inside).status, 200);
}

TEST_P(ImpersonationTest, TheTimeBoxAndTheUsersSuspensionEndIt) {
  startImpersonation("      max_minutes: 5\n");
  if (IsSkipped() || HasFatalFailure()) return;
  cast();
  // The form asks only what the policy leaves open: it reads the policy first.
  auto policy = host_->get(api(a_, "/impersonation/policy"), admin_.headers());
  ASSERT_EQ(policy.status, 200) << policy.body;
  EXPECT_EQ(policy.text("max_minutes"), "5");
  EXPECT_EQ(policy.text("read_only"), "false");
  EXPECT_EQ(host_->get(api(a_, "/impersonation/policy"), agent_.headers()).status, 403);
  auto started = become(admin_, agentId_);
  ASSERT_EQ(started.status, 201) << started.body;
  const auto since = sdk::parseUtc(started.text("impersonation.started_at"));
  const auto until = sdk::parseUtc(started.text("impersonation.expires_at"));
  ASSERT_TRUE(since && until);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::minutes>(*until - *since).count(), 5);
  const Browser inside = browserFrom(started);
  ASSERT_EQ(host_->get(api(a_, "/me"), inside.headers()).status, 200);

  // Five minutes pass (the stored deadline moves into the past).
  runTenantSql(config_, dsn_, a_, "UPDATE impersonations SET expires_s = started_s - 1");
  auto expired = call("POST", "/auth/logout", "", inside);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.text("error.code"), "impersonation_expired");
  EXPECT_NE(expired.headers["Set-Cookie"].find("Max-Age=0"), std::string::npos);
  // The session went with it, though the request that noticed failed.
  EXPECT_EQ(host_->get(api(a_, "/me"), inside.headers()).text("error.code"), "unauthorized");
  EXPECT_EQ(rows("SELECT end_reason, ended_s - started_s FROM impersonations"),
            (std::vector<std::vector<std::string>>{{"expired", "-1"}}));
  EXPECT_EQ(textAt(newestEntry("impersonation.stop"), "metadata.ended_by"), "expired");

  // A user suspended meanwhile ends it too. (The admin's own session went
  // with the impersonation: they sign in again.)
  const Browser admin = browserFrom(loginAs(a_, address("admin"), kPassword));
  auto again = become(admin, agentId_);
  ASSERT_EQ(again.status, 201) << again.body;
  ASSERT_EQ(call("POST", "/users/" + agentId_ + "/suspend", "", owner_).status, 200);
  EXPECT_EQ(host_->get(api(a_, "/me"), browserFrom(again).headers()).status, 401);
  EXPECT_EQ(scalar("SELECT end_reason FROM impersonations WHERE id = '" + again.text("impersonation.id") + "'"),
            "access_cut");
  const sdk::Json stop = newestEntry("impersonation.stop");
  EXPECT_EQ(textAt(stop, "metadata.ended_by"), "access_cut");
  EXPECT_EQ(textAt(stop, "metadata.impersonation_id"), again.text("impersonation.id"));
}

TEST_P(ImpersonationTest, RightsAreCheckedAtTheStartAndOnEveryRequestAfter) {
  // Admins here lack tokens.revoke, which the "keyholder" role grants; and
  // the tenant wants three ranks between impersonator and user.
  startImpersonation("      minimum_rank_gap: 3\n",
                     "  admin: [impersonation.become, users.read, audit.read]\n");
  if (IsSkipped() || HasFatalFailure()) return;
  owner_ = signedIn(a_, ownerEmail(a_), "owner");
  admin_ = onboarded(owner_, address("admin"), "admin", adminId_);
  std::string supervisor, analyst;
  onboarded(owner_, address("super"), "supervisor", supervisor);
  onboarded(owner_, address("analyst"), "analyst", analyst);
  auto made = createVia(owner_, address("keys"), "analyst", R"(,"roles":["keyholder"])");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string keyholder = made.text("user.id");
  EXPECT_EQ(code(become(admin_, supervisor)), "403 rank_too_low") << "one rank below, the tenant asks for three";
  EXPECT_EQ(code(become(admin_, keyholder)), "403 permission_escalation");
  EXPECT_EQ(count("impersonations"), "0");

  auto started = become(admin_, analyst);
  ASSERT_EQ(started.status, 201) << started.body;
  const Browser inside = browserFrom(started);
  ASSERT_EQ(host_->get(api(a_, "/me"), inside.headers()).status, 200);
  // The partner takes the permission from admins (a reload, no session is
  // touched): the impersonation ends at its next request.
  const std::string file = "tenants/" + a_ + ".yaml";
  std::ifstream in(config_.path(file));
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string before = "admin: [impersonation.become, users.read, audit.read]";
  ASSERT_NE(yaml.find(before), std::string::npos);
  config_.write(file, yaml.replace(yaml.find(before), before.size(), "admin: [users.read, audit.read]"));
  host_->signal(SIGHUP);
  ASSERT_TRUE(waitUntil([&] { return host_->get("/readyz").text("config_generation") == "2"; }));
  auto refused = host_->get(api(a_, "/me"), inside.headers());
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(refused.text("error.code"), "impersonation_ended");
  EXPECT_EQ(scalar("SELECT end_reason FROM impersonations"), "rights_changed");
  EXPECT_EQ(textAt(newestEntry("impersonation.stop"), "metadata.ended_by"), "rights_changed");
}

TEST_P(ImpersonationTest, TheTenantMayHaveTheUserToldAndSigningOutEndsIt) {
  startImpersonation("      notify_user: true\n      reason_required: false\n");
  if (IsSkipped() || HasFatalFailure()) return;
  cast();
  auto started = become(admin_, agentId_, "");
  ASSERT_EQ(started.status, 201) << started.body;
  const auto mail = mailTo(address("agent"));
  ASSERT_EQ(mail.size(), 1u);
  const std::string body = decodedMail(mail.front());
  EXPECT_NE(body.find("Ada Admin"), std::string::npos) << body;
  EXPECT_NE(body.find("Reason given: none"), std::string::npos) << body;
  EXPECT_NE(body.find(started.text("impersonation.started_at")), std::string::npos) << body;

  const Browser inside = browserFrom(started);
  ASSERT_EQ(call("POST", "/auth/logout", "", inside).status, 204);
  EXPECT_EQ(scalar("SELECT end_reason FROM impersonations"), "signed_out");
  EXPECT_EQ(textAt(newestEntry("impersonation.stop"), "metadata.ended_by"), "signed_out");
  EXPECT_EQ(host_->get(api(a_, "/me"), inside.headers()).status, 401);

}

INSTANTIATE_TEST_SUITE_P(Drivers, ImpersonationTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
