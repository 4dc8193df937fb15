// Creating users over real HTTP: temporary passwords, invitations by email
// with single-use links, the rank rules, bad input changing nothing and
// sending nothing, and mail of a rolled-back request never leaving.
#include "UsersTestSupport.hpp"

namespace tabhost::test {
namespace {

using UsersOnboardingTest = UsersTest;

TEST_P(UsersOnboardingTest, TemporaryPasswordIsShownOnceAndMustBeReplaced) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string email = address("temp");
  auto made = createVia(owner, email, "agent", R"(,"phone":"+14155550123","timezone":"Europe/Paris","roles":["helper"])");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.text("user.status"), "active");
  EXPECT_EQ(made.text("user.roles"), R"(["helper"])");
  const std::string temporary = made.text("temporary_password");
  ASSERT_GE(temporary.size(), 16u);
  EXPECT_EQ(host_->get(api(a_, "/users/" + made.text("user.id")), owner.headers()).body.find(temporary),
            std::string::npos);

  auto first = loginAs(a_, email, temporary);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.text("password_change_required"), "true");
  EXPECT_EQ(host_->get(api(a_, "/users"), browserFrom(first).headers()).text("error.code"), "password_change_required");

  // The same email in another case is the same user.
  std::string upper = email;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto duplicate = createVia(owner, upper, "agent");
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.text("error.code"), "email_taken");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), "2");
}

TEST_P(UsersOnboardingTest, InvitationLinkWorksOnceAndResendingVoidsTheOldOne) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string email = address("invitee");
  auto made = createVia(owner, email, "member", R"(,"invite":true)");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.text("user.status"), "invited");
  EXPECT_EQ(made.json.find("temporary_password"), nullptr);
  const std::string id = made.text("user.id");

  auto mails = mailTo(email);
  ASSERT_EQ(mails.size(), 1u) << host_->output();
  const std::string& invitation = mails.front();
  EXPECT_NE(invitation.find("Reply-To: help@acme.test"), std::string::npos) << invitation;
  EXPECT_NE(invitation.find("multipart/alternative"), std::string::npos);
  const std::string decoded = decodedMail(invitation);
  EXPECT_NE(decoded.find("You are invited to Acme Desk"), std::string::npos) << decoded;
  EXPECT_NE(decoded.find("#ff6600"), std::string::npos);                    // the brand colour
  EXPECT_NE(decoded.find("https://acme.test/logo.svg"), std::string::npos);  // and logo
  const auto first = linkIn(invitation);
  ASSERT_TRUE(first) << decoded;
  EXPECT_EQ(first->purpose, "invite");
  // The link opens the dashboard on this host (its set-password page; the
  // browser tests in tests/e2e follow it to the end).
  auto page = host_->get(first->path);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.headers["Content-Type"].find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("<tabhost-shell>"), std::string::npos);
  EXPECT_NE(page.headers["Content-Security-Policy"].find("script-src 'self'"), std::string::npos);

  // An invited user cannot sign in yet.
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 401);

  ASSERT_EQ(call("POST", "/users/" + id + "/resend-invite", "", owner).status, 200);
  mails = mailTo(email, 2);
  ASSERT_EQ(mails.size(), 2u);
  std::optional<MailedLink> second;
  for (const auto& m : mails)
    if (auto l = linkIn(m); l && l->token != first->token) second = l;
  ASSERT_TRUE(second);

  auto old = host_->request("POST", api(a_, "/auth/accept-invite"),
                            R"({"token":")" + first->token + R"(","password":")" + kPassword + "\"}");
  EXPECT_EQ(old.status, 400);
  EXPECT_EQ(old.text("error.code"), "invalid_link");
  auto weak = host_->request("POST", api(a_, "/auth/accept-invite"),
                             R"({"token":")" + second->token + R"(","password":"password"})");
  EXPECT_EQ(weak.status, 422);  // and the link is not spent by a refused password
  auto accepted = host_->request("POST", api(a_, "/auth/accept-invite"),
                                 R"({"token":")" + second->token + R"(","password":")" + kPassword + "\"}");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(host_->get(api(a_, "/me"), browserFrom(accepted).headers()).text("user.email"), email);
  EXPECT_EQ(host_->get(api(a_, "/users/" + id), owner.headers()).text("user.status"), "active");
  auto again = host_->request("POST", api(a_, "/auth/accept-invite"),
                              R"({"token":")" + second->token + R"(","password":")" + kPassword + "\"}");
  EXPECT_EQ(again.text("error.code"), "invalid_link");
  EXPECT_EQ(loginAs(a_, email, kPassword).status, 200);
}

TEST_P(UsersOnboardingTest, OnlyTypesAndRolesBelowOnesRankMayBeGranted) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  std::string adminId, supervisorId;
  Browser admin = onboarded(owner, address("admin"), "admin", adminId);
  Browser supervisor = onboarded(owner, address("super"), "supervisor", supervisorId);

  for (const char* type : {"admin", "owner"}) {
    auto refused = createVia(admin, address(std::string("by-admin-") + type), type);
    EXPECT_EQ(refused.status, 403) << type;
    EXPECT_EQ(refused.text("error.code"), "rank_too_low");
    EXPECT_EQ(refused.text("error.field"), "type");
  }
  EXPECT_EQ(createVia(admin, address("agent-by-admin"), "agent", R"(,"roles":["helper"])").status, 201);
  auto role = createVia(admin, address("auditor-by-admin"), "agent", R"(,"roles":["auditor"])");
  EXPECT_EQ(role.status, 403);
  EXPECT_EQ(role.text("error.field"), "roles");
  // What a form may offer: every role the tenant defines, and which each caller may give.
  EXPECT_EQ(host_->get(api(a_, "/users/roles"), admin.headers()).text("items"),
            R"([{"name":"auditor","permissions":["audit.read"],"grantable":false},)"
            R"({"name":"helper","permissions":["users.read"],"grantable":true},)"
            R"({"name":"keyholder","permissions":["tokens.revoke"],"grantable":false}])");
  EXPECT_EQ(host_->get(api(a_, "/users/roles"), owner.headers()).text("items.0.grantable"), "true");
  EXPECT_EQ(createVia(owner, address("second-owner"), "owner").status, 201);
  EXPECT_EQ(createVia(owner, address("auditor-by-owner"), "agent", R"(,"roles":["auditor"])").status, 201);
  // Editing follows the same rule: an admin cannot touch another admin.
  auto edit = call("PATCH", "/users/" + adminId, R"({"first_name":"Eve"})", admin);
  EXPECT_EQ(edit.text("error.code"), "own_account");
  std::string otherAdminId;
  onboarded(owner, address("admin2"), "admin", otherAdminId);
  EXPECT_EQ(call("PATCH", "/users/" + otherAdminId, R"({"first_name":"Eve"})", admin).text("error.code"),
            "rank_too_low");
  // A token acts with its scopes, not its owner's rank: it cannot make
  // anyone who would hold more than it does.
  const auto scoped = bearer(createToken(config_, a_, ownerEmail(a_), "users.read,users.write"));
  auto escalated = host_->request("POST", api(a_, "/users"),
                                  R"({"first_name":"T","last_name":"K","email":")" + address("by-token") +
                                      R"(","type":"owner"})",
                                  scoped);
  EXPECT_EQ(escalated.status, 403) << escalated.body;
  EXPECT_EQ(escalated.text("error.code"), "permission_escalation");
  // A supervisor reads users but may not create them.
  EXPECT_EQ(host_->get(api(a_, "/users"), supervisor.headers()).status, 200);
  EXPECT_EQ(createVia(supervisor, address("by-super"), "member").status, 403);
}

TEST_P(UsersOnboardingTest, BadInputIsRefusedWithTheFieldAndChangesAndSendsNothing) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string email = address("bad");
  const std::string before = scalar("SELECT COUNT(*) FROM users");
  struct Case {
    std::string body;
    int status;
    std::string field;
  };
  const std::string longName(101, 'x');
  const std::vector<Case> cases{
      {R"({"first_name":"A","last_name":"B","email":"not-an-email","type":"agent","invite":true})", 422, "email"},
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"wizard","invite":true})", 422, "type"},
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"agent","roles":["nope"],"invite":true})", 422, "roles"},
      {R"({"last_name":"B","email":")" + email + R"(","type":"agent","invite":true})", 400, "first_name"},
      {R"({"first_name":")" + longName + R"(","last_name":"B","email":")" + email + R"(","type":"agent","invite":true})", 422, "first_name"},
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"agent","phone":"555-1234","invite":true})", 422, "phone"},
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"agent","timezone":"Mars/Base","invite":true})", 422, "timezone"},
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"agent","roles":"helper","invite":true})", 400, "roles"},
      // Fails after the account and its invitation were written: all of it rolls back.
      {R"({"first_name":"A","last_name":"B","email":")" + email + R"(","type":"agent","company_ids":["bad id!"],"invite":true})", 422, "company_ids"},
  };
  for (const auto& c : cases) {
    auto refused = call("POST", "/users", c.body, owner);
    EXPECT_EQ(refused.status, c.status) << c.body << "\n" << refused.body;
    EXPECT_EQ(refused.text("error.field"), c.field) << c.body;
  }
  EXPECT_EQ(call("PATCH", "/users/no-such-user", R"({"first_name":"X"})", owner).status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM users"), before);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM mail_outbox"), "0");
  // Mail sent after the refusals arrives; none of theirs ever does.
  const std::string later = address("later");
  ASSERT_EQ(createVia(owner, later, "agent", R"(,"invite":true)").status, 201);
  ASSERT_EQ(mailTo(later).size(), 1u);
  EXPECT_TRUE(deliveredTo(email).empty());
}

INSTANTIATE_TEST_SUITE_P(Drivers, UsersOnboardingTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
