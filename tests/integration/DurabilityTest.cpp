// What the storage promises when things go wrong: a broken tenant database
// stays that tenant's problem, and an acknowledged write survives a crash.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <csignal>
#include <fstream>
#include <thread>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

TEST(Durability, ACorruptTenantDatabaseAnswers503WhileOthersServe) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("broken");
  config.writeTenant("healthy");
  config.write("data/broken.db", std::string(8192, 'x'));  // not a SQLite file
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto broken = host.post("/t/broken/api/v1/basic/items", R"({"name":"x"})");
  EXPECT_EQ(broken.status, 503) << broken.body;
  EXPECT_EQ(broken.text("error.code"), "storage_unavailable");
  EXPECT_EQ(host.post("/t/healthy/api/v1/basic/items", R"({"name":"x"})").status, 201);
  // Routes that need no database still answer for the broken tenant.
  EXPECT_EQ(host.get("/t/broken/api/v1/basic/ping").status, 200);
  EXPECT_NE(host.output().find("tenant=broken unavailable"), std::string::npos) << host.output();
}

// Writers keep posting while the host is killed with SIGKILL mid-stream; after
// a restart every write that was answered 201 is there — on both drivers.
class Kill9 : public ::testing::TestWithParam<std::string> {};

TEST_P(Kill9, EveryAcknowledgedWriteSurvives) {
  TempConfig config;
  config.addFixturePlugin("basic");
  HostYaml yaml;
  const std::string tenant = "k9-" + std::to_string(::getpid());
  std::string dsn;
  if (GetParam() == "postgresql") {
    TABHOST_REQUIRE_POSTGRES(dsn);
    yaml.storage = "storage:\n  driver: postgresql\n  dsn: \"" + dsn + "\"\n";
  }
  config.writeHostConfig(yaml);
  config.writeTenant(tenant);
  std::vector<std::vector<std::int64_t>> acknowledged(4);
  {
    HostProcess host(config);
    ASSERT_TRUE(host.waitReady()) << host.output();
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledgedCount{0};  // read while writers write their own vectors
    std::vector<std::thread> writers;
    for (std::size_t w = 0; w < acknowledged.size(); ++w)
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i) {
          auto r = host.post("/t/" + tenant + "/api/v1/basic/items", R"({"name":"w)" + std::to_string(w) + "-" +
                                                            std::to_string(i) + R"("})");
          if (r.status != 201) break;  // the host is gone
          acknowledged[w].push_back(r.json.find("id")->asInt());
          ++acknowledgedCount;
        }
      });
    // Let a few hundred writes land, then kill without warning.
    waitUntil([&] { return acknowledgedCount > 200; }, std::chrono::seconds(20));
    host.signal(SIGKILL);
    stop = true;
    for (auto& t : writers) t.join();
    host.waitExit();
  }
  HostProcess restarted(config);
  ASSERT_TRUE(restarted.waitReady()) << restarted.output();
  std::size_t total = 0;
  for (const auto& ids : acknowledged)
    for (auto id : ids) {
      ++total;
      ASSERT_EQ(restarted.get("/t/" + tenant + "/api/v1/basic/items/" + std::to_string(id)).status, 200)
          << "lost id " << id;
    }
  EXPECT_GT(total, 200u);
  if (GetParam() == "postgresql") {
    Poco::Data::PostgreSQL::Connector::registerConnector();
    Poco::Data::Session pg("PostgreSQL", dsn);
    pg << "DROP SCHEMA IF EXISTS \"tenant_" + tenant + "\" CASCADE", Poco::Data::Keywords::now;
  }
}

INSTANTIATE_TEST_SUITE_P(Drivers, Kill9, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
