// A tenant's stored data over its life: removed from YAML (kept), dropped
// (audited), backed up and restored — on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

namespace fs = std::filesystem;

class TenantLifecycleTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
    tenant_ = "life-" + std::to_string(::getpid());
    HostYaml yaml;
    if (GetParam() == "postgresql") {
      TABHOST_REQUIRE_POSTGRES(dsn_);
      yaml.storage = "storage:\n  driver: postgresql\n  dsn: \"" + dsn_ + "\"\n";
    }
    config_.addFixturePlugin("basic");
    config_.writeHostConfig(yaml);
    tenantFile_ = config_.writeTenant(tenant_);
  }
  void TearDown() override {
    if (dsn_.empty()) return;
    Poco::Data::Session pg("PostgreSQL", dsn_);
    pg << "DROP SCHEMA IF EXISTS \"tenant_" + tenant_ + "\" CASCADE", Poco::Data::Keywords::now;
  }
  ProgramResult tabctl(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config_.path("tabhost.yaml"));
    return runProgram("tabctl", args);
  }
  // The system database's audit entries for this tenant, as "action" lines.
  std::vector<std::string> operatorActions() {
    Poco::Data::Session db = dsn_.empty() ? Poco::Data::Session("SQLite", config_.path("data/system.db"))
                                          : Poco::Data::Session("PostgreSQL", dsn_);
    std::vector<std::string> actions;
    std::string table = dsn_.empty() ? "audit_log" : "tabhost_system.audit_log";
    db << "SELECT action FROM " + table + " WHERE target_id = '" + tenant_ + "' ORDER BY seq",
        Poco::Data::Keywords::into(actions), Poco::Data::Keywords::now;
    return actions;
  }
  std::string itemUrl(const std::string& id) const { return "/t/" + tenant_ + "/api/v1/basic/items/" + id; }

  TempConfig config_;
  std::string tenant_, tenantFile_, dsn_;
};

TEST_P(TenantLifecycleTest, BackupRestoreRemoveKeepAndDrop) {
  std::string kept, lost;
  {
    HostProcess host(config_);
    ASSERT_TRUE(host.waitReady()) << host.output();
    kept = std::to_string(host.post("/t/" + tenant_ + "/api/v1/basic/items", R"({"name":"before backup"})")
                              .json.find("id")->asInt());
    auto backup = tabctl({"backup", "--tenant", tenant_, "--out", config_.path("backup.bin")});
    ASSERT_EQ(backup.exitCode, 0) << backup.err;
    lost = std::to_string(host.post("/t/" + tenant_ + "/api/v1/basic/items", R"({"name":"after backup"})")
                              .json.find("id")->asInt());

    // Restoring over live data needs --yes; then the backup's state is back.
    auto refused = tabctl({"restore", "--tenant", tenant_, "--in", config_.path("backup.bin")});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("repeat with --yes"), std::string::npos) << refused.err;
    auto restored = tabctl({"restore", "--tenant", tenant_, "--in", config_.path("backup.bin"), "--yes"});
    ASSERT_EQ(restored.exitCode, 0) << restored.err;
    EXPECT_EQ(host.get(itemUrl(kept)).status, 200);
    EXPECT_EQ(host.get(itemUrl(lost)).status, 404);

    // Dropping a configured tenant is refused.
    auto configured = tabctl({"tenant", "drop", "--tenant", tenant_, "--yes"});
    EXPECT_EQ(configured.exitCode, 1);
    EXPECT_NE(configured.err.find("still configured"), std::string::npos) << configured.err;

    // Removed from YAML: no longer served, data kept.
    fs::remove(tenantFile_);
    config_.writeTenant("other");  // a host needs at least its other tenants to keep serving
    host.signal(SIGHUP);
    ASSERT_TRUE(waitUntil([&] { return host.get(itemUrl(kept)).status == 404; })) << host.output();
  }
  EXPECT_EQ(tabctl({"tenant", "drop", "--tenant", tenant_}).exitCode, 1);  // no --yes
  auto dropped = tabctl({"tenant", "drop", "--tenant", tenant_, "--yes"});
  ASSERT_EQ(dropped.exitCode, 0) << dropped.err;
  EXPECT_EQ(dropped.out, "tenant " + tenant_ + ": dropped\n");
  if (dsn_.empty()) EXPECT_FALSE(fs::exists(config_.path("data/" + tenant_ + ".db")));
  EXPECT_EQ(tabctl({"tenant", "drop", "--tenant", tenant_, "--yes"}).exitCode, 1);  // nothing left
  EXPECT_EQ(operatorActions(), (std::vector<std::string>{"tenant.backup", "tenant.restore", "tenant.drop"}));
}

INSTANTIATE_TEST_SUITE_P(Drivers, TenantLifecycleTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
