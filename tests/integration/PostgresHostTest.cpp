// The whole host on PostgreSQL: tenants in their own schemas of one database.
#include <gtest/gtest.h>

#include <cstdlib>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

// Unique per process, so parallel or repeated runs never share schemas.
std::string tenantId(const std::string& name) { return name + "-" + std::to_string(::getpid()); }

class PostgresHost : public ::testing::Test {
 protected:
  void SetUp() override {
    TABHOST_REQUIRE_POSTGRES(dsn_);
    Poco::Data::PostgreSQL::Connector::registerConnector();
  }
  void TearDown() override {
    if (dsn_.empty()) return;
    Poco::Data::Session session("PostgreSQL", dsn_);
    for (const auto& id : {tenantId("pga"), tenantId("pgb")})
      session << "DROP SCHEMA IF EXISTS \"tenant_" + id + "\" CASCADE", Poco::Data::Keywords::now;
  }
  std::string storageYaml() const { return "storage:\n  driver: postgresql\n  dsn: \"" + dsn_ + "\"\n"; }
  std::string dsn_;
};

TEST_F(PostgresHost, ServesTenantsFromTheirOwnSchemas) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig({.storage = storageYaml()});
  const std::string a = tenantId("pga"), b = tenantId("pgb");
  config.writeTenant(a);
  config.writeTenant(b);
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto created = host.post("/t/" + a + "/api/v1/basic/items", R"({"name":"in a"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json.find("id")->asInt());
  EXPECT_EQ(host.get("/t/" + a + "/api/v1/basic/items/" + id).text("name"), "in a");
  EXPECT_EQ(host.get("/t/" + b + "/api/v1/basic/items/" + id).status, 404);

  // A failing handler's insert is rolled back on PostgreSQL too.
  EXPECT_EQ(host.post("/t/" + a + "/api/v1/basic/items", R"({"name":"fail-after-write"})").status, 500);
  Poco::Data::Session session("PostgreSQL", dsn_);
  long items = 0, audits = 0;
  session << "SELECT COUNT(*) FROM \"tenant_" + a + "\".basic_items", Poco::Data::Keywords::into(items),
      Poco::Data::Keywords::now;
  session << "SELECT COUNT(*) FROM \"tenant_" + a + "\".audit_log", Poco::Data::Keywords::into(audits),
      Poco::Data::Keywords::now;
  EXPECT_EQ(items, 1);
  // The plugin's entry of the one successful write (the host's route-level
  // entry stands in only for handlers that record none).
  EXPECT_EQ(audits, 1);
}

TEST_F(PostgresHost, ADsnThatDoesNotConnectRefusesToStart) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig({.storage = "storage:\n  driver: postgresql\n  dsn: \"host=127.0.0.1 port=1 dbname=none "
                                     "connect_timeout=2\"\n"});
  config.writeTenant("x");
  HostProcess host(config);
  EXPECT_EQ(host.waitExit(), 1);
  EXPECT_NE(host.output().find("refusing to start: storage.dsn: cannot connect to PostgreSQL"), std::string::npos)
      << host.output();
}

}  // namespace
}  // namespace tabhost::test
