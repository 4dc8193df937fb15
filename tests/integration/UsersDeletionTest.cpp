// Deleting users for good over real HTTP: every safety rule with its own
// code, the preview, anonymization before removal, no row of the user left
// in any table of any plugin, and the audit entry holding only the email's
// hash — the chain still verifying afterwards.
#include "core/crypto/Secrets.hpp"
#include "UsersTestSupport.hpp"

namespace tabhost::test {
namespace {

using UsersDeletionTest = UsersTest;

TEST_P(UsersDeletionTest, EachSafetyRuleHasItsOwnRefusal) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string ownerId = host_->get(api(a_, "/me"), owner.headers()).text("user.id");
  std::string adminId, otherAdminId, agentId;
  Browser admin = onboarded(owner, address("admin"), "admin", adminId);
  onboarded(owner, address("admin2"), "admin", otherAdminId);
  onboarded(owner, address("agent"), "agent", agentId);

  // Step-up first.
  letStepUpLapse();
  EXPECT_EQ(call("DELETE", "/users/" + agentId, "", admin).text("error.code"), "reauth_required");
  reauth(admin);
  reauth(owner);
  EXPECT_EQ(call("DELETE", "/users/" + adminId, "", admin).text("error.code"), "cannot_delete_self");
  EXPECT_EQ(call("DELETE", "/users/" + otherAdminId, R"({"acknowledge":true})", admin).text("error.code"),
            "owner_required");
  EXPECT_EQ(call("DELETE", "/users/" + ownerId, R"({"acknowledge":true})", admin).text("error.code"),
            "owner_required");
  EXPECT_EQ(call("DELETE", "/users/" + otherAdminId, "", owner).text("error.code"), "acknowledge_required");
  EXPECT_EQ(call("DELETE", "/users/no-such-user", "", owner).status, 404);
  EXPECT_EQ(call("DELETE", "/users/" + otherAdminId, R"({"acknowledge":true})", owner).status, 204);
  EXPECT_EQ(call("DELETE", "/users/" + agentId, "", admin).status, 204);  // below an admin: no acknowledgement

  // The last owner stays, even for a platform operator.
  const std::string ops = "ops-del" + suffix_ + GetParam() + "@platform.test";
  auto created = runProgram("tabctl", {"operator", "create", "--config", config_.path("tabhost.yaml"), "--email", ops});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  auto opLogin = loginAs(a_, ops, lastOutputLine(created.out), R"(,"operator":true)");
  ASSERT_EQ(opLogin.status, 200) << opLogin.body;
  Browser op = browserFrom(opLogin);
  auto last = call("DELETE", "/users/" + ownerId, R"({"acknowledge":true})", op);
  EXPECT_EQ(last.status, 403);
  EXPECT_EQ(last.text("error.code"), "last_owner");
  EXPECT_EQ(call("POST", "/users/" + ownerId + "/suspend", "", op).text("error.code"), "last_owner");
  EXPECT_EQ(scalar("SELECT status FROM users WHERE id = '" + ownerId + "'"), "active");
}

// Every table of tenant a but the audit log, with its columns.
std::map<std::string, std::vector<std::string>> tablesOf(
    const std::string& dsn, const std::string& tenant,
    const std::function<std::vector<std::vector<std::string>>(const std::string&)>& rows) {
  std::map<std::string, std::vector<std::string>> tables;
  if (dsn.empty()) {
    for (const auto& table : rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
      for (const auto& column : rows("SELECT name FROM pragma_table_info('" + table[0] + "')"))
        tables[table[0]].push_back(column[0]);
  } else {
    for (const auto& r : rows("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                              "'tenant_" + tenant + "'"))
      tables[r[0]].push_back(r[1]);
  }
  return tables;
}

TEST_P(UsersDeletionTest, DeletionAnonymizesThenRemovesEveryRowOfTheUserAndKeepsOnlyTheEmailsHash) {
  extraPlugins_ = {"impersonation"};
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  std::string id;
  const std::string email = address("leaver");
  Browser user = onboarded(owner, email, "supervisor", id);
  createToken(config_, a_, email);
  // Someone once acted as the user: that record goes too (the log keeps its start and stop).
  reauth(owner);
  auto impersonated = call("POST", "/impersonation", R"({"user_id":")" + id + R"(","reason":"support call"})", owner);
  ASSERT_EQ(impersonated.status, 201) << impersonated.body;
  auto stopped = call("DELETE", "/impersonation", "", browserFrom(impersonated));
  ASSERT_EQ(stopped.status, 200) << stopped.body;
  owner = browserFrom(stopped);
  ASSERT_EQ(call("PATCH", "/users/" + id, R"({"phone":"+14155550199","company_ids":["acme","globex"]})", owner).status,
            200);
  ASSERT_EQ(call("POST", "/users/" + id + "/message", R"({"body":"Welcome aboard"})", owner).status, 201);
  ASSERT_EQ(mailTo(email).size(), 1u);
  // What sees the row on its way out must see it anonymized.
  const std::vector<std::string> probe =
      dsn_.empty()
          ? std::vector<std::string>{"CREATE TABLE probe (email TEXT, first_name TEXT, phone TEXT)",
                                     "CREATE TRIGGER probe_users BEFORE DELETE ON users BEGIN "
                                     "INSERT INTO probe VALUES (OLD.email, OLD.first_name, OLD.phone); END"}
          : std::vector<std::string>{
                "CREATE TABLE probe (email TEXT, first_name TEXT, phone TEXT)",
                "CREATE FUNCTION probe_users() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "INSERT INTO probe VALUES (OLD.email, OLD.first_name, OLD.phone); RETURN OLD; END $$",
                "CREATE TRIGGER probe_users BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION probe_users()"};
  for (const auto& statement : probe) runTenantSql(config_, dsn_, a_, statement);

  auto preview = host_->get(api(a_, "/users/" + id + "/delete-preview"), owner.headers());
  ASSERT_EQ(preview.status, 200) << preview.body;
  std::map<std::string, std::int64_t> counts;
  for (const auto& item : jsonAt(preview.json, "items").asArray())
    counts[item.find("kind")->asString()] = item.find("count")->asInt();
  EXPECT_EQ(counts["user"], 1);
  EXPECT_GE(counts["sessions"], 1);
  EXPECT_EQ(counts["api_tokens"], 1);
  EXPECT_EQ(counts["impersonations"], 1);
  EXPECT_EQ(counts["company_memberships"], 2);
  EXPECT_EQ(counts["admin_messages"], 1);
  EXPECT_EQ(counts["mail"], 1);
  EXPECT_GE(counts["audit_personal_details"], 2);  // created, edited

  reauth(owner);
  ASSERT_EQ(call("DELETE", "/users/" + id, "", owner).status, 204);
  EXPECT_EQ(host_->get(api(a_, "/me"), user.headers()).status, 401);
  EXPECT_EQ(host_->get(api(a_, "/users/" + id), owner.headers()).status, 404);
  EXPECT_EQ(rows("SELECT email, first_name, phone FROM probe"),
            (std::vector<std::vector<std::string>>{{"", "Deleted User", ""}}));

  // No row of any table (host's or any plugin's) holds the id or the email.
  auto tables = tablesOf(dsn_, a_, [this](const std::string& sql) { return rows(sql); });
  for (const auto& [table, columns] : tables) {
    if (table == "audit_log" || table == "probe") continue;
    std::string where;
    for (const auto& c : columns)
      where += (where.empty() ? "" : " OR ") + ("CAST(" + c + " AS TEXT) LIKE '%" + id + "%' OR lower(CAST(" + c +
                                                " AS TEXT)) LIKE '%" + email + "%'");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM " + table + " WHERE " + where), "0") << table;
  }
  // The log keeps its entries about the user, never the email itself.
  std::string anyColumn;
  for (const auto& c : tables["audit_log"])
    anyColumn += (anyColumn.empty() ? "" : " OR ") + ("lower(CAST(" + c + " AS TEXT)) LIKE '%" + email + "%'");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE " + anyColumn), "0");
  const auto auth = bearer(createToken(config_, a_, ownerEmail(a_)));
  auto entry = host_->get(api(a_, "/audit?action=users.delete&target_id=" + id), auth);
  ASSERT_EQ(entry.status, 200);
  const auto& deleted = jsonAt(entry.json, "items").asArray().front();
  EXPECT_EQ(jsonAt(deleted, "metadata.email_sha256").asString(), core::sha256Hex(email));
  EXPECT_EQ(jsonAt(deleted, "metadata.target_type").asString(), "supervisor");
  // The history stays: created, edited, messaged, deleted (and more).
  EXPECT_GE(jsonAt(host_->get(api(a_, "/audit?target_type=user&target_id=" + id), auth).json, "items").size(), 4u);
  auto verified = host_->get(api(a_, "/audit/verify"), auth);
  EXPECT_EQ(verified.text("ok"), "true") << verified.body;
}

INSTANTIATE_TEST_SUITE_P(Drivers, UsersDeletionTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
