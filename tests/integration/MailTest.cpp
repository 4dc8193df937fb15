// The outbox and its delivery, against a real SMTP listener (aiosmtpd): mail
// queued in a request's transaction is delivered once it commits, never when
// it rolls back, and never twice after a restart — on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "../common/TestSmtp.hpp"
#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

class MailTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
    TABHOST_REQUIRE_SMTP(smtp_);
    HostYaml yaml;
    tenant_ = "mail" + std::to_string(::getpid());
    if (GetParam() == "postgresql") {
      TABHOST_REQUIRE_POSTGRES(dsn_);
      yaml.storage = "storage:\n  driver: postgresql\n  dsn: \"" + dsn_ + "\"\n";
    }
    config_.addFixturePlugin("basic");
    config_.writeHostConfig(yaml);
    const std::string base = config_.path("tabhost.yaml");
    // Mail settings go after the generated sections.
    config_.write("tabhost.yaml", readAll(base) + "mail:\n  smtp: \"" + smtp_ +
                                      "\"\n  from: \"Tabhost Tests <tests@tabhost.test>\"\n  poll_interval_ms: 100\n");
    config_.writeTenant(tenant_);
  }
  void TearDown() override {
    host_.reset();
    if (dsn_.empty()) return;
    Poco::Data::Session pg("PostgreSQL", dsn_);
    pg << "DROP SCHEMA IF EXISTS \"tenant_" + tenant_ + "\" CASCADE", Poco::Data::Keywords::now;
  }
  static std::string readAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  void startHost() {
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }
  HttpResult queue(const std::string& to, const std::string& extra = "") {
    return host_->post("/t/" + tenant_ + "/api/v1/basic/mail",
                       R"({"to":")" + to + R"(","subject":"Hello Ünïcode","text":"Line one\nLine two","reply_to":"support@acme.test")" +
                           extra + "}");
  }
  // Runs SQL on the tenant's database directly.
  void sql(const std::string& statement) { runTenantSql(config_, dsn_, tenant_, statement); }
  std::string address(const std::string& who) const { return who + "." + tenant_ + "." + GetParam() + "@example.test"; }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
  std::string smtp_, dsn_, tenant_;
};

TEST_P(MailTest, CommittedMailIsDeliveredWithItsHeaders) {
  startHost();
  const std::string to = address("ann");
  auto queued = queue(to);
  ASSERT_EQ(queued.status, 201) << queued.body;
  ASSERT_TRUE(waitUntil([&] { return deliveredTo(to).size() == 1; }, std::chrono::seconds(10))) << host_->output();
  const std::string message = deliveredTo(to).front();
  EXPECT_NE(message.find("Reply-To: support@acme.test"), std::string::npos) << message;
  EXPECT_NE(message.find("From: Tabhost Tests <tests@tabhost.test>"), std::string::npos) << message;
  EXPECT_NE(message.find("Subject: =?UTF-8?"), std::string::npos) << message;  // encoded, not raw bytes
  EXPECT_NE(message.find("Line one"), std::string::npos) << message;
  EXPECT_NE(message.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos) << message;
}

TEST_P(MailTest, MailOfARolledBackRequestIsNeverSent) {
  startHost();
  const std::string lost = address("rolledback"), kept = address("after");
  EXPECT_EQ(queue(lost, R"(,"fail":true)").status, 500);
  ASSERT_EQ(queue(kept).status, 201);
  // Once the later mail arrived, the earlier one would have too.
  ASSERT_TRUE(waitUntil([&] { return deliveredTo(kept).size() == 1; }, std::chrono::seconds(10)));
  EXPECT_TRUE(deliveredTo(lost).empty());
}

TEST_P(MailTest, BadAddressesAndHeaderInjectionAreRefusedAndNothingIsQueued) {
  startHost();
  auto invalid = host_->post("/t/" + tenant_ + "/api/v1/basic/mail", R"({"to":"not-an-address","subject":"s","text":"t"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.text("error.field"), "to");
  auto injected = host_->post("/t/" + tenant_ + "/api/v1/basic/mail",
                              R"({"to":")" + address("x") + R"(","subject":"s\nBcc: victim@example.test","text":"t"})");
  EXPECT_EQ(injected.status, 422);
  EXPECT_EQ(injected.text("error.field"), "subject");
}

TEST_P(MailTest, MailInterruptedMidDeliveryIsNotSentTwiceAfterARestart) {
  startHost();
  host_.reset();  // migrated, then stopped
  // A row a previous process claimed and may have handed to the server.
  const std::string to = address("interrupted");
  sql("INSERT INTO mail_outbox (id, to_address, subject, body_text, reply_to, status, attempts, next_attempt_s, "
      "created_at) VALUES ('m1', '" + to + "', 's', 't', '', 'sending', 1, 0, '2026-01-01T00:00:00Z')");
  startHost();
  const std::string later = address("later");
  ASSERT_EQ(queue(later).status, 201);
  ASSERT_TRUE(waitUntil([&] { return deliveredTo(later).size() == 1; }, std::chrono::seconds(10)));
  EXPECT_TRUE(deliveredTo(to).empty());
  EXPECT_NE(host_->output().find("interrupted mid-delivery"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Drivers, MailTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
