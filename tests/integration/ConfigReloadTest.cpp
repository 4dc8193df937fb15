// Configuration at start and on SIGHUP: a bad file stops a start with
// file:line:col, and a bad reload keeps the previous configuration serving.
#include <gtest/gtest.h>

#include <csignal>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

TEST(ConfigStartTest, UnknownKeyRefusesStartWithLocation) {
  TempConfig config;
  config.addFixturePlugin("basic");
  // Written out in full so that the reported line and column can be read off.
  config.write("tabhost.yaml",
               "plugins:\n"
               "  dir: plugins\n"
               "server:\n"
               "  listen: \"127.0.0.1:0\"\n"
               "  colour: blue\n");
  auto run = runProgram("tabhost", {"--config", config.path("tabhost.yaml")});
  EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
  EXPECT_NE(run.err.find(config.path("tabhost.yaml") + ":5:3: unknown key 'colour' in server"), std::string::npos)
      << run.err;
}

// The tenant file the reload tests edit: the basic tab's title and label.
std::string basicTab(const std::string& title, const std::string& label) {
  return "plugins:\n  basic:\n    title: " + title + "\n    settings:\n      label: " + label + "\n";
}

class ConfigReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.addFixturePlugin("basic");
    config_.writeHostConfig();
    config_.writeTenant("a", basicTab("Before", "one"));
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
    auth_ = ownerAuth(config_, "a");
    ASSERT_EQ(label(), "one");
  }

  std::string label() const { return host_->get("/t/a/api/v1/basic/ping").text("label"); }
  std::string tabs() const { return host_->get("/t/a/api/v1/tabs", auth_).text("tabs"); }
  HttpResult ready() const { return host_->get("/readyz"); }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
  std::map<std::string, std::string> auth_;
};

TEST_F(ConfigReloadTest, SighupSwapsInTheEditedTenantFile) {
  EXPECT_EQ(ready().text("config_generation"), "1");
  config_.writeTenant("a", basicTab("After", "two"));
  host_->signal(SIGHUP);

  ASSERT_TRUE(waitUntil([&] { return ready().text("config_generation") == "2"; })) << ready().body;
  EXPECT_EQ(ready().text("last_reload.ok"), "true");
  EXPECT_EQ(label(), "two");
  EXPECT_EQ(tabs(), R"([{"id":"basic","title":"After","icon":"puzzle","ui":null,"settings_pages":[]}])");
}

TEST_F(ConfigReloadTest, InvalidFileKeepsThePreviousConfiguration) {
  // A good reload first, so that "unchanged" means generation 2, not the start.
  config_.writeTenant("a", basicTab("After", "two"));
  host_->signal(SIGHUP);
  ASSERT_TRUE(waitUntil([&] { return ready().text("config_generation") == "2"; })) << ready().body;

  // "colour" is on line 8: writeTenant puts two lines first.
  const std::string file = config_.writeTenant("a", basicTab("Broken", "three") + "    colour: red\n");
  host_->signal(SIGHUP);
  ASSERT_TRUE(waitUntil([&] { return ready().text("last_reload.ok") == "false"; })) << ready().body;

  auto status = ready();
  EXPECT_EQ(status.text("config_generation"), "2");
  const sdk::Json& errors = jsonAt(status.json, "last_reload.errors");
  ASSERT_TRUE(errors.isArray() && errors.size() == 1) << status.body;
  EXPECT_EQ(errors.asArray()[0].asString().rfind(file + ":8:5: unknown key 'colour' in plugins.basic", 0), 0u)
      << status.body;
  EXPECT_EQ(label(), "two");
  EXPECT_EQ(tabs(), R"([{"id":"basic","title":"After","icon":"puzzle","ui":null,"settings_pages":[]}])");
}

}  // namespace
}  // namespace tabhost::test
