// tabctl, the operator's CLI, run as a real program against real files (and,
// for reload, a real running tabhost).
#include <gtest/gtest.h>

#include <sstream>

#include "HostProcess.hpp"
#include "tabhost/sdk/abi.hpp"

namespace tabhost::test {
namespace {

// `tabctl config check` on a folder with the basic plugin and tenant files
// each test writes; the expected diagnostics are whole lines of stderr.
class ConfigCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.addFixturePlugin("basic");
    config_.writeHostConfig();
  }

  ProgramResult check() const {
    return runProgram("tabctl", {"config", "check", "--config", config_.path("tabhost.yaml")});
  }

  // Asserts a refused check whose stderr holds `line` as one whole line.
  void expectRefusedWith(const std::string& line) const {
    auto run = check();
    EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
    EXPECT_NE(("\n" + run.err).find("\n" + line + "\n"), std::string::npos) << "expected: " << line << "\ngot:\n"
                                                                            << run.err;
  }

  TempConfig config_;
};

// Line numbers count the two lines (id, name) writeTenant puts first.

TEST_F(ConfigCheckTest, ValidConfigurationPasses) {
  config_.writeTenant("a", "domains:\n  - admin.a.example\nplugins:\n  basic:\n    settings:\n      label: Hi\n");
  config_.writeTenant("b");
  auto run = check();
  EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("configuration OK: 2 tenant(s), 1 plugin(s)"), std::string::npos) << run.out;
}

TEST_F(ConfigCheckTest, UnknownKey) {
  const auto file = config_.writeTenant("a", "colour: red\n");
  expectRefusedWith(file + ":3:1: unknown key 'colour' (expected: id, name, domains, branding, plugins, roles, security)");
}

TEST_F(ConfigCheckTest, RolesNameKnownPermissionsOnly) {
  const auto file = config_.writeTenant("a", "roles:\n  clerk: [audit.read, nope.write]\n  Bad Name: []\n");
  expectRefusedWith(file + ":4:23: roles.clerk[1]: unknown permission 'nope.write' (known: audit.read, impersonation.become)");
  expectRefusedWith(file + ":5:3: roles.Bad Name: a role name is lower-case letters, digits, '_' or '-', starting with a letter");
}

TEST_F(ConfigCheckTest, TokenPrefixIsChecked) {
  const auto file = config_.writeTenant("a", "security:\n  token_prefix: \"Bad_\"\n");
  expectRefusedWith(file + ":4:17: security.token_prefix: expected 2 to 16 lower-case letters or digits, starting "
                           "with a letter, got 'Bad_'");
}

TEST_F(ConfigCheckTest, MailAndSecuritySettingsAreChecked) {
  config_.writeTenant("a");
  config_.write("tabhost.yaml", "server:\n  listen: \"127.0.0.1:0\"\nplugins:\n  dir: plugins\n"
                                "security:\n  step_up_s: 0\n"
                                "mail:\n  smtp: \"mail.example\"\n  from: \"no address\"\n  max_attempts: 1000\n");
  const std::string file = config_.path("tabhost.yaml");
  auto run = check();
  EXPECT_EQ(run.exitCode, 1) << run.out << run.err;
  for (const std::string& expected :
       {file + ":6:14: security.step_up_s:", file + ":8:9: mail.smtp: expected host:port of the SMTP server",
        file + ":9:9: mail.from: expected an address or \"Name <address>\"", file + ":10:17: mail.max_attempts:"})
    EXPECT_NE(run.err.find(expected), std::string::npos) << expected << "\n" << run.err;
}

TEST_F(ConfigCheckTest, WrongType) {
  const auto file = config_.writeTenant("a", "plugins:\n  basic:\n    enabled: maybe\n");
  expectRefusedWith(file + ":5:14: plugins.basic.enabled: expected a boolean (true or false), got 'maybe'");
}

TEST_F(ConfigCheckTest, UnknownPlugin) {
  const auto file = config_.writeTenant("a", "plugins:\n  nope: {}\n");
  expectRefusedWith(file + ":4:3: unknown plugin 'nope' (installed: basic)");
}

TEST_F(ConfigCheckTest, DuplicateTenantIdAcrossFiles) {
  const auto first = config_.writeTenant("a");
  config_.write("tenants/b.yaml", "id: a\nname: Copy of a\n");
  expectRefusedWith(config_.path("tenants/b.yaml") + ":1:5: duplicate tenant id 'a' (also in " + first + ":1:5)");
}

TEST_F(ConfigCheckTest, DuplicateDomain) {
  const auto first = config_.writeTenant("a", "domains:\n  - admin.example\n");
  const auto second = config_.writeTenant("b", "domains:\n  - admin.example\n");
  expectRefusedWith(second + ":4:5: duplicate domain 'admin.example' (also in " + first + ":4:5)");
}

TEST_F(ConfigCheckTest, InvalidPluginSetting) {
  // The fixture plugins' `label` is a string.
  const auto file = config_.writeTenant("a", "plugins:\n  basic:\n    settings:\n      label: {text: hi}\n");
  // A map is read as {value: ..., locked: ...}: its own keys are checked.
  expectRefusedWith(file + ":6:15: unknown key 'text' in plugins.basic.settings.label (expected: locked, value)");
}

TEST(TabctlReloadTest, ReloadsTheRunningHostOrSaysWhyNot) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("a", "plugins:\n  basic:\n    settings:\n      label: one\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();
  const std::vector<std::string> reload{"reload", "--config", config.path("tabhost.yaml")};

  config.writeTenant("a", "plugins:\n  basic:\n    settings:\n      label: two\n");
  auto ok = runProgram("tabctl", reload);
  EXPECT_EQ(ok.exitCode, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("reloaded: configuration generation 2"), std::string::npos) << ok.out;
  EXPECT_EQ(host.get("/t/a/api/v1/basic/ping").text("label"), "two");

  const auto file = config.writeTenant("a", "colour: red\n");
  auto refused = runProgram("tabctl", reload);
  EXPECT_EQ(refused.exitCode, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find(file + ":3:1: unknown key 'colour'"), std::string::npos) << refused.err;
  EXPECT_EQ(host.get("/t/a/api/v1/basic/ping").text("label"), "two");
}

// One row of `tabctl plugins list`: FILE ID VERSION ABI, then STATUS (which has spaces).
struct PluginRow {
  std::string id, version, abi, status;
};

std::map<std::string, PluginRow> pluginRows(const std::string& table) {
  std::map<std::string, PluginRow> rows;
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream columns(line);
    std::string file;
    PluginRow row;
    columns >> file >> row.id >> row.version >> row.abi >> std::ws;
    std::getline(columns, row.status);
    rows[file] = row;
  }
  return rows;
}

TEST(TabctlPluginsTest, ListsEveryFileWithItsStatus) {
  TempConfig config;
  for (const char* plugin : {"basic", "basic_copy", "wrong_abi", "throwing", "needs_throwing"})
    config.addFixturePlugin(plugin);
  config.write("plugins/garbage.so", "not an ELF file\n");
  config.writeHostConfig();
  auto run = runProgram("tabctl", {"plugins", "list", "--config", config.path("tabhost.yaml")});
  ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
  auto rows = pluginRows(run.out);
  ASSERT_EQ(rows.size(), 7u) << run.out;  // the header and six files

  const std::string abi = std::to_string(TABHOST_SDK_ABI_MAJOR) + "." + std::to_string(TABHOST_SDK_ABI_MINOR);
  auto expectRow = [&](const std::string& file, const std::string& id, const std::string& version,
                       const std::string& expectedAbi, const std::string& statusStart) {
    const PluginRow& row = rows[file];
    EXPECT_EQ(row.id, id) << file << "\n" << run.out;
    EXPECT_EQ(row.version, version) << file;
    EXPECT_EQ(row.abi, expectedAbi) << file;
    EXPECT_EQ(row.status.rfind(statusStart, 0), 0u) << file << ": " << row.status;
  };
  expectRow("basic.so", "basic", "1.2.0", abi, "loaded");
  EXPECT_EQ(rows["basic.so"].status, "loaded");
  expectRow("basic_copy.so", "basic", "1.2.0", abi,
            "refused: duplicate plugin id 'basic' (also in " + config.path("plugins/basic.so") + ")");
  expectRow("wrong_abi.so", "-", "-", "99.0", "refused: built against SDK ABI 99.0");
  expectRow("garbage.so", "-", "-", "-", "refused: not a shared library");
  expectRow("throwing.so", "throwing", "1.2.0", abi, "refused: start failed: fixture refuses to start");
  expectRow("needs_throwing.so", "needsthrowing", "1.2.0", abi, "refused: dependency 'throwing' failed to start");
}

}  // namespace
}  // namespace tabhost::test
