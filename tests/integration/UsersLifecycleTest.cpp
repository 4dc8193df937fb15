// Managing existing users over real HTTP: edits audited field by field,
// password resets in both modes, turning off a locked-out user's 2FA, and
// suspension and discarding cutting sessions and tokens at once.
#include "core/identity/Totp.hpp"
#include "UsersTestSupport.hpp"

namespace tabhost::test {
namespace {

using UsersLifecycleTest = UsersTest;

// The changes of the newest audit entry with `action` about user `id`.
sdk::Json changesOf(HostProcess& host, const std::string& tenant, const std::map<std::string, std::string>& auth,
                    const std::string& action, const std::string& id) {
  auto page = host.get("/t/" + tenant + "/api/v1/audit?action=" + action + "&target_id=" + id, auth);
  EXPECT_EQ(page.status, 200) << page.body;
  const auto& items = jsonAt(page.json, "items");
  return items.isArray() && !items.asArray().empty() ? *items.asArray().front().find("changes") : sdk::Json();
}

std::string changeText(const sdk::Json& changes, const std::string& field) {
  if (!changes.isArray()) return "";
  for (const auto& c : changes.asArray())
    if (c.find("field")->asString() == field)
      return jsonAt(c, "before").isString() ? jsonAt(c, "before").asString() + "->" + jsonAt(c, "after").asString()
                                            : "";
  return "";
}

TEST_P(UsersLifecycleTest, EditsAreAuditedBeforeAndAfterAndTheTypeNeverChanges) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  auto made = createVia(owner, address("edit"), "agent");
  const std::string id = made.text("user.id");
  auto edited = call("PATCH", "/users/" + id,
                     R"({"first_name":"Bea","email":")" + address("edit2") +
                         R"(","phone":"+442071838750","timezone":"Asia/Tokyo","external_id":"crm-7","roles":["helper"],"company_ids":["acme","globex"]})",
                     owner);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.text("changed"), "7");
  EXPECT_EQ(edited.text("user.companies"),
            R"([{"company_id":"acme","team":"","role":"member"},{"company_id":"globex","team":"","role":"member"}])");
  // One user's answer carries what an edit form shows (the list does not).
  const auto one = host_->get(api(a_, "/users/" + id), owner.headers());
  EXPECT_EQ(one.text("user.phone"), "+442071838750");
  EXPECT_EQ(one.text("user.timezone"), "Asia/Tokyo");
  EXPECT_EQ(one.text("user.external_id"), "crm-7");
  const auto auth = bearer(createToken(config_, a_, ownerEmail(a_)));
  const sdk::Json changes = changesOf(*host_, a_, auth, "users.update", id);
  EXPECT_EQ(changeText(changes, "first_name"), "Ann->Bea");
  EXPECT_EQ(changeText(changes, "email"), address("edit") + "->" + address("edit2"));
  EXPECT_EQ(changeText(changes, "timezone"), "UTC->Asia/Tokyo");
  EXPECT_EQ(changeText(changes, "external_id"), "->crm-7");
  EXPECT_EQ(changes.asArray().size(), 7u);
  // Search follows the new name and email, and forgets the old ones.
  EXPECT_NE(host_->get(api(a_, "/users?q=bea"), owner.headers()).body.find(id), std::string::npos);
  EXPECT_NE(host_->get(api(a_, "/users?q=edit2"), owner.headers()).body.find(id), std::string::npos);
  EXPECT_EQ(host_->get(api(a_, "/users?q=ann"), owner.headers()).body.find(id), std::string::npos);

  auto typed = call("PATCH", "/users/" + id, R"({"type":"admin","first_name":"Cy"})", owner);
  EXPECT_EQ(typed.status, 422);
  EXPECT_EQ(typed.text("error.code"), "type_immutable");
  EXPECT_EQ(host_->get(api(a_, "/users/" + id), owner.headers()).text("user.first_name"), "Bea");
  auto taken = call("PATCH", "/users/" + id, R"({"email":")" + ownerEmail(a_) + "\"}", owner);
  EXPECT_EQ(taken.status, 409);
}

TEST_P(UsersLifecycleTest, ResetPasswordEndsSessionsInBothModes) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  std::string id;
  const std::string email = address("reset");
  Browser user = onboarded(owner, email, "supervisor", id);
  const auto token = bearer(createToken(config_, a_, email));
  ASSERT_EQ(host_->get(api(a_, "/me"), token).status, 200);

  auto temporary = call("POST", "/users/" + id + "/reset-password", R"({"mode":"temporary"})", owner);
  ASSERT_EQ(temporary.status, 200) << temporary.body;
  EXPECT_EQ(host_->get(api(a_, "/me"), user.headers()).status, 401);  // the session ended
  EXPECT_EQ(host_->get(api(a_, "/me"), token).status, 401);           // and the token was revoked
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 401);
  auto withTemporary = loginAs(a_, email, temporary.text("temporary_password"));
  ASSERT_EQ(withTemporary.status, 200);
  EXPECT_EQ(withTemporary.text("password_change_required"), "true");
  Browser again = browserFrom(withTemporary);

  auto emailed = call("POST", "/users/" + id + "/reset-password", R"({"mode":"email"})", owner);
  ASSERT_EQ(emailed.status, 200) << emailed.body;
  EXPECT_EQ(emailed.json.find("temporary_password"), nullptr);
  EXPECT_EQ(host_->get(api(a_, "/me"), again.headers()).status, 401);
  EXPECT_EQ(loginAs(a_, email, temporary.text("temporary_password")).status, 401);  // the old one is void
  const auto mails = mailTo(email);
  ASSERT_EQ(mails.size(), 1u);
  const auto link = linkIn(mails.front());
  ASSERT_TRUE(link);
  EXPECT_EQ(link->purpose, "reset");
  const std::string fresh = "a new plum orchard";
  EXPECT_EQ(host_->request("POST", api(a_, "/auth/reset-password"),
                           R"({"token":")" + link->token + R"(","password":")" + fresh + "\"}")
                .status,
            204);
  EXPECT_EQ(loginAs(a_, email, fresh).status, 200);
  EXPECT_EQ(host_->request("POST", api(a_, "/auth/reset-password"),
                           R"({"token":")" + link->token + R"(","password":"yet another phrase"})")
                .text("error.code"),
            "invalid_link");
  EXPECT_EQ(call("POST", "/users/" + id + "/reset-password", R"({"mode":"sms"})", owner).status, 400);
  // Someone who signed in before never goes back to "invited", even with
  // their password emptied by a pending reset (an invitation skips 2FA).
  ASSERT_EQ(call("POST", "/users/" + id + "/reset-password", R"({"mode":"email"})", owner).status, 200);
  ASSERT_EQ(call("POST", "/users/" + id + "/suspend", "", owner).status, 200);
  EXPECT_EQ(call("POST", "/users/" + id + "/reactivate", "", owner).text("user.status"), "active");
  EXPECT_EQ(call("POST", "/users/" + id + "/resend-invite", "", owner).text("error.code"), "invalid_status");
}

TEST_P(UsersLifecycleTest, DisablingTwoFactorNeedsStepUpAndAReasonAndTellsTheUser) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  std::string id;
  const std::string email = address("locked");
  Browser user = onboarded(owner, email, "agent", id);
  auto enrolled = call("POST", "/auth/2fa/enroll", "", user);
  const std::string secret = *core::base32Decode(enrolled.text("secret"));
  const std::string code = core::hotp(secret, core::totpStep(std::time(nullptr)) - 1);
  ASSERT_EQ(call("POST", "/auth/2fa/confirm", R"({"code":")" + code + "\"}", user).status, 200);

  // Signed in a while ago: a password re-entry is needed first.
  letStepUpLapse();
  auto stale = call("POST", "/users/" + id + "/disable-2fa", R"({"reason":"lost phone"})", owner);
  EXPECT_EQ(stale.text("error.code"), "reauth_required");
  reauth(owner);
  EXPECT_EQ(call("POST", "/users/" + id + "/disable-2fa", "{}", owner).text("error.field"), "reason");
  auto done = call("POST", "/users/" + id + "/disable-2fa", R"({"reason":"lost phone, ticket 42"})", owner);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.text("user.two_factor"), "false");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = '" + id + "'"), "0");
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 200);  // no code needed now
  const auto mails = mailTo(email);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(decodedMail(mails.front()).find("turned off two-factor authentication"), std::string::npos);
  const auto actions = auditActions(a_, "&target_id=" + id);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "auth.2fa_disabled"), actions.end());
  EXPECT_EQ(call("POST", "/users/" + id + "/disable-2fa", R"({"reason":"again"})", owner).text("error.code"),
            "two_factor_off");
}

TEST_P(UsersLifecycleTest, SuspendAndDiscardStopSessionsAndTokensAtOnce) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  std::string id;
  const std::string email = address("suspendee");
  Browser user = onboarded(owner, email, "supervisor", id);
  const auto token = bearer(createToken(config_, a_, email));
  ASSERT_EQ(host_->get(api(a_, "/users"), token).status, 200);

  ASSERT_EQ(call("POST", "/users/" + id + "/suspend", "", owner).text("user.status"), "suspended");
  EXPECT_EQ(host_->get(api(a_, "/me"), user.headers()).status, 401);
  EXPECT_EQ(host_->get(api(a_, "/users"), token).status, 401);
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 401);
  EXPECT_EQ(call("POST", "/users/" + id + "/suspend", "", owner).text("error.code"), "invalid_status");
  ASSERT_EQ(call("POST", "/users/" + id + "/reactivate", "", owner).text("user.status"), "active");
  EXPECT_EQ(host_->get(api(a_, "/users"), token).status, 200);  // tokens live on; sessions do not
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 200);

  ASSERT_EQ(call("POST", "/users/" + id + "/discard", "", owner).text("user.status"), "discarded");
  EXPECT_EQ(host_->get(api(a_, "/users"), token).status, 401);
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 401);
  auto listed = host_->get(api(a_, "/users"), owner.headers());
  EXPECT_EQ(listed.body.find(id), std::string::npos);  // hidden unless asked
  EXPECT_NE(host_->get(api(a_, "/users?status=discarded"), owner.headers()).body.find(id), std::string::npos);
  ASSERT_EQ(call("POST", "/users/" + id + "/undiscard", "", owner).text("user.status"), "active");
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 200);
  const auto actions = auditActions(a_, "&target_id=" + id);
  for (const char* action : {"users.suspend", "users.reactivate", "users.discard", "users.undiscard"})
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
}

INSTANTIATE_TEST_SUITE_P(Drivers, UsersLifecycleTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
