// The tamper-evident audit log over real HTTP and tabctl, on SQLite and
// PostgreSQL: every successful write leaves an entry in its transaction, and
// verification finds an edited, deleted, reordered or truncated history.
#include <algorithm>

#include <Poco/Data/Session.h>

#include "IdentityFixture.hpp"

namespace tabhost::test {
namespace {

class AuditChainTest : public IdentityTest {
 protected:
  // Runs SQL on tenant a's database directly, as someone with file access would.
  void tamper(const std::string& sql) { runTenantSql(config_, dsn_, a_, sql); }
  void dropGuards() {
    for (const char* trigger : {"audit_log_no_update ON audit_log", "audit_log_no_delete ON audit_log",
                                "audit_head_forward ON audit_head"}) {
      const std::string t = trigger;
      tamper("DROP TRIGGER " + (dsn_.empty() ? t.substr(0, t.find(' ')) : t));
    }
  }
  // Some history: a sign-in, a password change, items and a token.
  void writeHistory() {
    owner_ = signedIn(a_, ownerEmail(a_), "owner");
    for (int i = 0; i < 3; ++i) {
      auto created = host_->request("POST", api(a_, "/basic/items"), R"({"name":"item)" + std::to_string(i) + "\"}");
      ASSERT_EQ(created.status, 201) << created.body;
    }
    token_ = createToken(config_, a_, ownerEmail(a_));
  }
  HttpResult verify() { return host_->get(api(a_, "/audit/verify"), bearer(token_)); }
  ProgramResult tabctlVerify() {
    return runProgram("tabctl", {"audit", "verify", "--config", config_.path("tabhost.yaml"), "--tenant", a_});
  }
  std::int64_t entries() { return jsonAt(verify().json, "entries").asInt(); }

  Browser owner_;
  std::string token_;
};

TEST_P(AuditChainTest, EverySuccessfulWriteHasItsEntryAndTheChainVerifies) {
  START_HOST();
  writeHistory();
  std::vector<std::string> requestIds;
  for (int i = 0; i < 3; ++i) {
    auto r = host_->request("POST", api(a_, "/tokens"), R"({"name":"t)" + std::to_string(i) + R"(","scopes":["audit.read"]})",
                            owner_.headers());
    ASSERT_EQ(r.status, 201) << r.body;
    requestIds.push_back(r.headers["X-Request-Id"]);
  }
  auto failed = host_->request("POST", api(a_, "/tokens"), R"({"name":"bad","scopes":["nope"]})", owner_.headers());
  ASSERT_EQ(failed.status, 422);

  auto list = host_->get(api(a_, "/audit?limit=200"), bearer(token_));
  ASSERT_EQ(list.status, 200) << list.body;
  for (const auto& id : requestIds) EXPECT_NE(list.body.find("\"request_id\":\"" + id + "\""), std::string::npos) << id;
  // A refused write leaves nothing but... nothing: no entry carries its id.
  EXPECT_EQ(list.body.find(failed.headers["X-Request-Id"]), std::string::npos);
  // Newest first, with actor, via and the plugin's own diff.
  const auto& items = jsonAt(list.json, "items").asArray();
  ASSERT_GE(items.size(), 8u);
  EXPECT_GT(jsonAt(items[0], "seq").asInt(), jsonAt(items[1], "seq").asInt());
  EXPECT_EQ(jsonAt(items[0], "action").asString(), "tokens.issue");
  EXPECT_EQ(jsonAt(items[0], "category").asString(), "security");
  EXPECT_EQ(jsonAt(items[0], "via").asString(), "direct");

  auto ok = verify();
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.text("ok"), "true") << ok.body;
  auto cli = tabctlVerify();
  EXPECT_EQ(cli.exitCode, 0) << cli.out << cli.err;
  EXPECT_NE(cli.out.find(": OK, "), std::string::npos) << cli.out;

  // Pagination walks the same entries without gaps.
  auto first = host_->get(api(a_, "/audit?limit=3"), bearer(token_));
  auto second = host_->get(api(a_, "/audit?limit=3&cursor=" + first.text("next_cursor")), bearer(token_));
  EXPECT_EQ(jsonAt(jsonAt(second.json, "items").asArray()[0], "seq").asInt(),
            jsonAt(jsonAt(first.json, "items").asArray()[2], "seq").asInt() - 1);
  // Filters: action prefix and category.
  auto security = host_->get(api(a_, "/audit?category=security&action=auth."), bearer(token_));
  for (const auto& e : jsonAt(security.json, "items").asArray())
    EXPECT_EQ(jsonAt(e, "action").asString().rfind("auth.", 0), 0u);
}

TEST_P(AuditChainTest, ExportStreamsTheFilteredLogAndHistoryShowsOneResource) {
  START_HOST();
  writeHistory();
  auto hostile = host_->request("POST", api(a_, "/tokens"), R"({"name":"x","scopes":["audit.read"]})",
                                [&] {
                                  auto h = owner_.headers();
                                  h["User-Agent"] = "=HYPERLINK(\"http://evil\")";
                                  return h;
                                }());
  ASSERT_EQ(hostile.status, 201) << hostile.body;
  const std::int64_t total = entries();

  auto ndjson = host_->get(api(a_, "/audit/export?format=ndjson"), bearer(token_));
  ASSERT_EQ(ndjson.status, 200) << ndjson.body;
  // Spooled, then sent with its length: a client can tell a cut-off export.
  EXPECT_EQ(ndjson.headers["Content-Length"], std::to_string(ndjson.body.size()));
  EXPECT_EQ(std::count(ndjson.body.begin(), ndjson.body.end(), '\n'), total);
  auto csv = host_->get(api(a_, "/audit/export?format=csv&category=security"), bearer(token_));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("seq,at,category,action,", 0), 0u) << csv.body.substr(0, 200);
  EXPECT_EQ(csv.body.find(",=HYPERLINK"), std::string::npos);
  EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"http://evil\"\")\""), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find(",basic.item.create,"), std::string::npos);  // only the security category
  EXPECT_EQ(host_->get(api(a_, "/audit/export?format=xml"), bearer(token_)).status, 400);

  const std::string ownerId = host_->get(api(a_, "/me"), owner_.headers()).text("user.id");
  auto history = host_->get(api(a_, "/users/" + ownerId + "/history"), bearer(token_));
  ASSERT_EQ(history.status, 200) << history.body;
  const auto& items = jsonAt(history.json, "items").asArray();
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(jsonAt(items[0], "action").asString(), "users.create");  // oldest first
  EXPECT_EQ(jsonAt(items[0], "changes").asArray().size(), 1u);
  for (const auto& e : items) EXPECT_EQ(jsonAt(e, "target.id").asString(), ownerId);
}

TEST_P(AuditChainTest, AWriteWhoseEntryCannotBeAppendedChangesNothing) {
  START_HOST();
  writeHistory();
  const std::int64_t before = entries();
  // Make every append fail, as a full or broken audit table would.
  if (dsn_.empty()) {
    tamper("CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'broken'); END");
  } else {
    tamper("CREATE FUNCTION audit_broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'broken'; END $$");
    tamper("CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_broken()");
  }
  auto refused = host_->request("POST", api(a_, "/basic/items"), R"({"name":"unrecorded"})");
  EXPECT_GE(refused.status, 400) << refused.body;
  auto items = host_->get(api(a_, "/basic/items"));
  EXPECT_EQ(items.body.find("unrecorded"), std::string::npos) << items.body;
  tamper(dsn_.empty() ? "DROP TRIGGER audit_log_broken" : "DROP TRIGGER audit_log_broken ON audit_log");
  EXPECT_EQ(entries(), before);
  EXPECT_EQ(verify().text("ok"), "true");
}

TEST_P(AuditChainTest, TheLogRefusesUpdatesAndDeletes) {
  START_HOST();
  writeHistory();
  EXPECT_ANY_THROW(tamper("UPDATE audit_log SET action = 'x' WHERE seq = 1"));
  EXPECT_ANY_THROW(tamper("DELETE FROM audit_log WHERE seq = 1"));
  EXPECT_ANY_THROW(tamper("UPDATE audit_head SET seq = 1"));
  EXPECT_ANY_THROW(tamper("DELETE FROM audit_head"));
  if (!dsn_.empty()) EXPECT_ANY_THROW(tamper("TRUNCATE audit_log"));
  EXPECT_EQ(verify().text("ok"), "true");
}

TEST_P(AuditChainTest, AnEditedEntryIsFound) {
  START_HOST();
  writeHistory();
  dropGuards();
  tamper("UPDATE audit_log SET actor_id = 'someone else' WHERE seq = 3");
  auto v = verify();
  EXPECT_EQ(v.text("ok"), "false");
  EXPECT_EQ(v.text("first_bad_seq"), "3");
  auto cli = tabctlVerify();
  EXPECT_EQ(cli.exitCode, 1);
  EXPECT_NE(cli.out.find("FAILED at entry 3"), std::string::npos) << cli.out;
}

TEST_P(AuditChainTest, ADeletedEntryIsFound) {
  START_HOST();
  writeHistory();
  dropGuards();
  tamper("DELETE FROM audit_log WHERE seq = 4");
  EXPECT_EQ(verify().text("first_bad_seq"), "4");
}

TEST_P(AuditChainTest, ReorderedEntriesAreFound) {
  START_HOST();
  writeHistory();
  dropGuards();
  // Swap entries 2 and 3 but keep their sequence numbers.
  tamper("UPDATE audit_log SET seq = -2 WHERE seq = 2");
  tamper("UPDATE audit_log SET seq = 2 WHERE seq = 3");
  tamper("UPDATE audit_log SET seq = 3 WHERE seq = -2");
  EXPECT_EQ(verify().text("first_bad_seq"), "2");
}

TEST_P(AuditChainTest, ATruncatedTailIsFoundAgainstTheSignedCheckpoint) {
  START_HOST();
  writeHistory();
  auto checkpoint = runProgram("tabctl", {"audit", "checkpoint", "--config", config_.path("tabhost.yaml"), "--tenant", a_});
  ASSERT_EQ(checkpoint.exitCode, 0) << checkpoint.err;
  const std::int64_t last = entries();
  dropGuards();
  // Cut the last two entries and make the head agree, as a careful intruder would.
  tamper("DELETE FROM audit_log WHERE seq > " + std::to_string(last - 2));
  tamper("UPDATE audit_head SET seq = " + std::to_string(last - 2) +
         ", hash = (SELECT hash FROM audit_log WHERE seq = " + std::to_string(last - 2) + ")");
  auto v = verify();
  EXPECT_EQ(v.text("ok"), "false") << v.body;
  EXPECT_NE(v.text("problem").find("tail truncated"), std::string::npos) << v.body;
}

TEST_P(AuditChainTest, ACheckpointIsNeverSignedOverARewrittenHistory) {
  START_HOST();
  writeHistory();
  const auto checkpoint = [&] {
    return runProgram("tabctl", {"audit", "checkpoint", "--config", config_.path("tabhost.yaml"), "--tenant", a_});
  };
  ASSERT_EQ(checkpoint().exitCode, 0);
  const std::int64_t signedAt = entries();
  dropGuards();
  // A rewrite that recomputed hashes changes the signed entry's hash.
  tamper("UPDATE audit_log SET hash = 'rewritten' WHERE seq = " + std::to_string(signedAt));
  ASSERT_EQ(host_->request("POST", api(a_, "/basic/items"), R"({"name":"later"})").status, 201);
  auto refused = checkpoint();
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.out.find("NOT SIGNED"), std::string::npos) << refused.out;
  EXPECT_EQ(verify().text("ok"), "false");
}

TEST_P(AuditChainTest, RefusalRecordsFromOneAddressAreBounded) {
  START_HOST();
  writeHistory();
  for (int i = 0; i < 25; ++i) host_->get(api(a_, "/me"), bearer("tle_" + std::string(49, 'x')));
  auto refused = host_->get(api(a_, "/audit?action=auth.credential_refused&limit=200"), bearer(token_));
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(jsonAt(refused.json, "items").size(), 10u);
}

TEST_P(AuditChainTest, ErasingPersonalDataKeepsTheChainButAlteringItDoesNot) {
  START_HOST();
  writeHistory();
  createUser(config_, a_, "second@" + a_ + ".test", "agent");
  dropGuards();
  // User creations carry the email as a change, outside the hashed payload.
  tamper("UPDATE audit_log SET changes = NULL, changes_salt = NULL WHERE action = 'users.create' AND seq = "
         "(SELECT MIN(seq) FROM audit_log WHERE action = 'users.create')");
  EXPECT_EQ(verify().text("ok"), "true");
  auto erased = host_->get(api(a_, "/audit?action=users.create"), bearer(token_));
  const auto& items = jsonAt(erased.json, "items").asArray();
  ASSERT_EQ(items.size(), 2u) << erased.body;
  EXPECT_EQ(jsonAt(items[1], "changes").asString(), "erased");
  EXPECT_EQ(jsonAt(items[0], "changes").isArray(), true);

  tamper("UPDATE audit_log SET changes = '[{\"field\":\"email\",\"before\":null,\"after\":\"forged@x.test\"}]' "
         "WHERE seq = (SELECT MAX(seq) FROM audit_log WHERE action = 'users.create')");
  auto altered = verify();
  EXPECT_EQ(altered.text("ok"), "false");
  EXPECT_NE(altered.text("problem").find("changes"), std::string::npos) << altered.body;
}

INSTANTIATE_TEST_SUITE_P(Drivers, AuditChainTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
