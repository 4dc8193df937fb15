// A plugin's failures — thrown in a handler, at start, or a file that is no
// plugin at all — stay contained: the client gets a clean error, the write is
// undone, the host and the other plugins carry on.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <sstream>
#include <thread>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

std::vector<std::string> linesContaining(const std::string& text, const std::string& needle) {
  std::vector<std::string> found;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(needle) != std::string::npos) found.push_back(line);
  return found;
}

// One host with the basic plugin and tenant "a"; `extra` tunes tabhost.yaml.
class PluginIsolationTest : public ::testing::Test {
 protected:
  void start(const HostYaml& extra = {}) {
    config_.addFixturePlugin("basic");
    config_.writeHostConfig(extra);
    config_.writeTenant("a");
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
};

TEST_F(PluginIsolationTest, ThrowingHandlerAnswers500WithRequestIdAndNoDetail) {
  start();
  auto boom = host_->get("/t/a/api/v1/basic/boom");
  EXPECT_EQ(boom.status, 500) << boom.body;
  EXPECT_EQ(boom.text("error.code"), "internal");
  ASSERT_FALSE(boom.headers["X-Request-Id"].empty());
  EXPECT_EQ(boom.text("error.request_id"), boom.headers["X-Request-Id"]);
  EXPECT_EQ(boom.body.find("secret detail"), std::string::npos) << boom.body;
  // The detail goes to the operator's log instead, findable by request id
  // (errors are flushed at once, so it is there already).
  auto logged =
      linesContaining(host_->output(), "request_id=" + boom.headers["X-Request-Id"] + " tenant=a plugin=basic");
  ASSERT_FALSE(logged.empty()) << host_->output();
  EXPECT_NE(logged[0].find("secret detail"), std::string::npos) << logged[0];

  EXPECT_EQ(host_->get("/t/a/api/v1/basic/ping").status, 200);
}

TEST_F(PluginIsolationTest, FailedWriteIsRolledBack) {
  start();
  auto failed = host_->post("/t/a/api/v1/basic/items", R"({"name":"fail-after-write"})");
  EXPECT_EQ(failed.status, 500) << failed.body;
  EXPECT_EQ(failed.text("error.code"), "internal");

  // The insert would have taken id 1; rolled back, it is free for the next one.
  EXPECT_EQ(host_->get("/t/a/api/v1/basic/items/1").status, 404);
  auto next = host_->post("/t/a/api/v1/basic/items", R"({"name":"kept"})");
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_EQ(next.text("id"), "1");
}

TEST_F(PluginIsolationTest, MalformedJsonIs400) {
  start();
  auto bad = host_->post("/t/a/api/v1/basic/items", R"({"name": )");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.text("error.code"), "invalid_json");
}

TEST_F(PluginIsolationTest, BodyOverTheLimitIs413) {
  start({.server = "  max_body_bytes: 64\n"});
  const std::string fits = R"({"name":"short"})";
  EXPECT_EQ(host_->post("/t/a/api/v1/basic/items", fits).status, 201);
  auto tooLarge = host_->post("/t/a/api/v1/basic/items", R"({"name":")" + std::string(100, 'x') + R"("})");
  EXPECT_EQ(tooLarge.status, 413) << tooLarge.body;
  EXPECT_EQ(tooLarge.text("error.code"), "payload_too_large");
}

// The status has gone out before the failure: only a chunked body left
// without its last chunk tells the client that the answer is incomplete.
TEST_F(PluginIsolationTest, AStreamThatFailsPartWayIsA500WithNothingOfItSent) {
  start();
  auto whole = host_->get("/t/a/api/v1/basic/lines");
  ASSERT_EQ(whole.status, 200);
  EXPECT_EQ(whole.headers["Content-Length"], std::to_string(whole.body.size()));
  EXPECT_EQ(whole.body.substr(whole.body.size() - 7), "line 9\n") << whole.body;
  // The body is complete before its first byte goes out: a failure is an answer of its own.
  auto cut = host_->get("/t/a/api/v1/basic/lines?fail_after=3");
  EXPECT_EQ(cut.status, 500) << cut.body;
  EXPECT_EQ(cut.text("error.code"), "internal");
  EXPECT_EQ(cut.body.find("line 0"), std::string::npos) << cut.body;
}

TEST_F(PluginIsolationTest, SlowReadersOfStreamedAnswersHoldNoDatabaseConnection) {
  start({.storage = "storage:\n  driver: sqlite\n  path: data\n  pool_size: 2\n  pool_wait_ms: 500\n"});
  // Three clients ask for 32 MiB each and read none of it: more than the
  // sockets' buffers hold, so each answer waits on its reader.
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> readers;
  for (int i = 0; i < 3; ++i) {
    readers.push_back(std::make_unique<Poco::Net::StreamSocket>(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(host_->port()))));
    const std::string ask = "GET /t/a/api/v1/basic/dump?kb=32768 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    readers.back()->sendBytes(ask.data(), static_cast<int>(ask.size()));
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  // The tenant's two pooled connections are free for everyone else.
  auto other = host_->get("/t/a/api/v1/basic/items");
  EXPECT_EQ(other.status, 200) << other.body;
}

TEST_F(PluginIsolationTest, PermissionRouteIs401ForAnonymousCaller) {
  start();
  auto secure = host_->get("/t/a/api/v1/basic/secure");
  EXPECT_EQ(secure.status, 401) << secure.body;
  EXPECT_EQ(secure.text("error.code"), "unauthorized");
}

TEST_F(PluginIsolationTest, WrongMethodOnExistingPathIs405) {
  start();
  auto wrong = host_->request("DELETE", "/t/a/api/v1/basic/ping");
  EXPECT_EQ(wrong.status, 405) << wrong.body;
  EXPECT_EQ(wrong.text("error.code"), "method_not_allowed");
}

// The bad neighbours of a good plugin, each refused for its own reason.
TEST(PluginFolderTest, HostServesDespiteRefusedPluginsAndLogsOneLineEach) {
  TempConfig config;
  for (const char* plugin : {"basic", "wrong_abi", "throwing", "needs_throwing"}) config.addFixturePlugin(plugin);
  config.write("plugins/garbage.so", "not an ELF file\n");
  config.writeHostConfig();
  config.writeTenant("a");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  EXPECT_EQ(host.get("/t/a/api/v1/basic/ping").status, 200);

  const std::string log = host.output();
  EXPECT_EQ(linesContaining(log, "plugin refused:").size(), 4u) << log;
  const std::pair<const char*, const char*> refusals[] = {
      {"wrong_abi.so", "built against SDK ABI 99.0"},
      {"garbage.so", "not a shared library"},
      {"throwing.so", "start failed: fixture refuses to start"},
      {"needs_throwing.so", "dependency 'throwing' failed to start"},
  };
  for (const auto& [file, reason] : refusals) {
    auto lines = linesContaining(log, "plugin refused: file=" + config.path("plugins/") + file + " ");
    ASSERT_EQ(lines.size(), 1u) << file << "\n" << log;
    EXPECT_NE(lines[0].find(reason), std::string::npos) << lines[0];
  }

  auto ready = host.get("/readyz");
  EXPECT_EQ(ready.text("plugins"), R"({"loaded":1,"refused":4})") << ready.body;
}

TEST(PluginFolderTest, MetricsCountRequestsByRouteAndStatus) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.addFixturePlugin("wrong_abi");
  config.writeHostConfig();
  config.writeTenant("a");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  ASSERT_EQ(host.get("/t/a/api/v1/basic/ping").status, 200);
  auto metrics = host.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tabhost_http_requests_total{route=\"GET /basic/ping\",status=\"200\"} 1\n"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("\ntabhost_plugins_loaded 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("\ntabhost_plugins_refused 1\n"), std::string::npos) << metrics.body;
}

TEST(PluginFolderTest, MetricsAreServedOnlyToTheAddressesListed) {
  TempConfig config;
  config.addFixturePlugin("basic");
  // This test's requests come from 127.0.0.1, which the list leaves out.
  config.writeHostConfig({.server = "  metrics_from: [10.0.0.0/8, \"::1\"]\n"});
  config.writeTenant("a");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();
  auto metrics = host.get("/metrics");
  EXPECT_EQ(metrics.status, 404);
  EXPECT_EQ(metrics.body.find("tabhost_"), std::string::npos) << metrics.body;
  EXPECT_EQ(host.get("/healthz").status, 200);
}

}  // namespace
}  // namespace tabhost::test
