// `tabctl migrate` and `tabctl tenant init` against real SQLite files.
#include <gtest/gtest.h>

#include <filesystem>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

class TabctlMigrate : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Data::SQLite::Connector::registerConnector();
    config_.addFixturePlugin("basic");
    config_.writeHostConfig();
    config_.writeTenant("alpha");
    config_.writeTenant("beta");
  }
  ProgramResult tabctl(std::vector<std::string> args) {
    args.push_back("--config");
    args.push_back(config_.path("tabhost.yaml"));
    return runProgram("tabctl", args);
  }
  long migrationsIn(const std::string& tenant) {
    Poco::Data::Session db("SQLite", config_.path("data/" + tenant + ".db"));
    long n = 0;
    db << "SELECT COUNT(*) FROM tabhost_migrations", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
  }
  TempConfig config_;
};

TEST_F(TabctlMigrate, MigratesEveryTenantOrOne) {
  auto one = tabctl({"tenant", "init", "--tenant", "alpha"});
  EXPECT_EQ(one.exitCode, 0) << one.err;
  EXPECT_EQ(one.out, "tenant alpha: up to date\n");
  EXPECT_TRUE(std::filesystem::exists(config_.path("data/alpha.db")));
  EXPECT_FALSE(std::filesystem::exists(config_.path("data/beta.db")));
  // The host's eight (audit log, identity, outbox, account links, user
  // indexes, user search, impersonations, plugin settings) and the plugin's table.
  EXPECT_EQ(migrationsIn("alpha"), 9);

  auto all = tabctl({"migrate"});
  EXPECT_EQ(all.exitCode, 0) << all.err;
  EXPECT_EQ(all.out, "tenant alpha: up to date\ntenant beta: up to date\n");
  EXPECT_EQ(migrationsIn("beta"), 9);
}

TEST_F(TabctlMigrate, UnknownTenantIsRefused) {
  auto r = tabctl({"migrate", "--tenant", "gamma"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("unknown tenant 'gamma'"), std::string::npos) << r.err;
}

TEST_F(TabctlMigrate, AnAppliedMigrationThatChangedIsReportedAndNothingRuns) {
  ASSERT_EQ(tabctl({"migrate"}).exitCode, 0);
  {
    Poco::Data::Session db("SQLite", config_.path("data/alpha.db"));
    db << "UPDATE tabhost_migrations SET checksum = 'edited' WHERE plugin = 'basic'", Poco::Data::Keywords::now;
  }
  auto r = tabctl({"migrate"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.out, "tenant beta: up to date\n");
  EXPECT_NE(r.err.find("tenant alpha: FAILED: cannot be migrated: migration basic #1 (create items) was changed"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace tabhost::test
