// ConfigLoader against real files in a fresh temporary folder per test.
#include <gtest/gtest.h>

#include "SettingFieldBuilder.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/config/ConfigLoader.hpp"

namespace tabhost::core {
namespace {

namespace fs = std::filesystem;
using test::field;

std::vector<std::string> lines(const Diagnostics& errors) {
  std::vector<std::string> result;
  for (const auto& error : errors) result.push_back(error.str());
  return result;
}

class ConfigLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("tabhost-config-" + std::string(test->name()) + "-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_ / "etc" / "tenants");

    auto greeting = field("greeting", sdk::SettingType::String);
    greeting.defaultValue = "Hello";
    auto times = field("times", sdk::SettingType::Int);
    times.min = 1;
    times.max = 10;
    helloSchema_ = {greeting, times};
    auto key = field("api_key", sdk::SettingType::Secret);
    key.required = true;
    voiceSchema_ = {key};
    catalog_ = {{"hello", {true, &helloSchema_}}, {"voice", {true, &voiceSchema_}}, {"billing", {true, &noSettings_}}};
  }

  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` under etc/ and returns the file's path.
  std::string write(const std::string& relative, const std::string& text) {
    const fs::path path = dir_ / "etc" / relative;
    std::ofstream(path) << text;
    return path.string();
  }

  std::string hostFile() const { return (dir_ / "etc" / "tabhost.yaml").string(); }
  std::string tenantFile(const std::string& name) const { return (dir_ / "etc" / "tenants" / name).string(); }

  std::optional<HostConfig> loadHost(const std::string& text) {
    write("tabhost.yaml", text);
    return loadHostConfig(hostFile(), errors_);
  }

  // Loads a minimal valid host file, then the tenant files already written.
  std::shared_ptr<const ConfigSnapshot> loadTenants(const std::string& hostText = "plugins: {dir: plugins}\n") {
    const auto host = loadHost(hostText);
    if (!host) ADD_FAILURE() << ::testing::PrintToString(lines(errors_));
    return host ? loadConfig(*host, catalog_, 7, errors_) : nullptr;
  }

  fs::path dir_;
  Diagnostics errors_;
  sdk::SettingsSchema helloSchema_;
  sdk::SettingsSchema voiceSchema_;
  sdk::SettingsSchema noSettings_;
  PluginCatalog catalog_;
};

TEST_F(ConfigLoaderTest, LoadsAFullHostFileAndTwoTenants) {
  const auto host = loadHost(R"(# every key
server:
  listen: "0.0.0.0:9090"
  threads: 64
  workers: 3
  max_queued: 32
  keep_alive_timeout_s: 3
  max_keep_alive_requests: 50
  io_timeout_s: 7
  max_body_bytes: 2048
storage:
  driver: sqlite
  path: ../var/./data/
  pool_size: 4
  pool_wait_ms: 0
  cache_mb: 48
plugins:
  dir: ../build/lib/tabhost/plugins
  enabled_by_default: false
tenants_dir: tenants
state_dir: /srv/tabhost/../tabhost-state
logging:
  level: debug
  file: logs/tabhost.log
)");
  ASSERT_TRUE(host) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(host->file, hostFile());
  EXPECT_EQ(host->server.host, "0.0.0.0");
  EXPECT_EQ(host->server.port, 9090);
  EXPECT_EQ(host->server.threads, 64);
  EXPECT_EQ(host->server.workers, 3);
  EXPECT_EQ(host->server.maxQueued, 32);
  EXPECT_EQ(host->server.keepAliveTimeoutSeconds, 3);
  EXPECT_EQ(host->server.maxKeepAliveRequests, 50);
  EXPECT_EQ(host->server.ioTimeoutSeconds, 7);
  EXPECT_EQ(host->server.maxBodyBytes, 2048u);
  EXPECT_EQ(host->storage.driver, "sqlite");
  EXPECT_EQ(host->storage.path, (dir_ / "var" / "data").string());
  EXPECT_EQ(host->storage.poolSize, 4);
  EXPECT_EQ(host->storage.poolWaitMilliseconds, 0);
  EXPECT_EQ(host->storage.cacheMebibytes, 48);
  EXPECT_EQ(host->plugins.dir, (dir_ / "build" / "lib" / "tabhost" / "plugins").string());
  EXPECT_FALSE(host->plugins.enabledByDefault);
  EXPECT_EQ(host->tenantsDir, (dir_ / "etc" / "tenants").string());
  EXPECT_EQ(host->stateDir, "/srv/tabhost-state");
  EXPECT_EQ(host->logging.level, "debug");
  EXPECT_EQ(host->logging.file, (dir_ / "etc" / "logs" / "tabhost.log").string());

  write("tenants/b-second.yaml", "id: beta\nname: Beta Ltd\ndomains: [Admin.Beta.Example, beta.test]\n");
  write("tenants/a-first.yaml", "id: alpha\nname: Alpha Inc\n");
  write("tenants/notes.txt", "not a tenant");
  const auto snapshot = loadConfig(*host, catalog_, 3, errors_);
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(snapshot->generation, 3u);
  EXPECT_EQ(snapshot->host.file, hostFile());
  ASSERT_EQ(snapshot->tenants.size(), 2u);
  EXPECT_EQ(snapshot->tenants[0].id, "alpha");
  EXPECT_EQ(snapshot->tenants[0].file, tenantFile("a-first.yaml"));
  EXPECT_EQ(snapshot->tenants[1].id, "beta");
  EXPECT_EQ(snapshot->tenants[1].name, "Beta Ltd");
  EXPECT_EQ(snapshot->tenants[1].domains, (std::vector<std::string>{"admin.beta.example", "beta.test"}));
  EXPECT_EQ(snapshot->findTenant("alpha"), &snapshot->tenants[0]);
  EXPECT_EQ(snapshot->findTenant("beta"), &snapshot->tenants[1]);
  EXPECT_EQ(snapshot->findTenant("gamma"), nullptr);
  EXPECT_EQ(snapshot->findTenantByDomain("admin.beta.example"), &snapshot->tenants[1]);
  EXPECT_EQ(snapshot->findTenantByDomain("beta.test"), &snapshot->tenants[1]);
  EXPECT_EQ(snapshot->tenantByDomain.size(), 2u);
}

TEST_F(ConfigLoaderTest, AppliesDefaultsWhenKeysAreAbsent) {
  const auto host = loadHost("plugins:\n  dir: plugins\nserver:\nlogging: {}\n");
  ASSERT_TRUE(host) << ::testing::PrintToString(lines(errors_));
  const ServerConfig server;
  EXPECT_EQ(host->server.host, "127.0.0.1");
  EXPECT_EQ(host->server.port, 8080);
  EXPECT_EQ(host->server.threads, server.threads);
  EXPECT_EQ(host->server.maxBodyBytes, server.maxBodyBytes);
  EXPECT_EQ(host->storage.driver, "sqlite");
  EXPECT_EQ(host->storage.path, (dir_ / "etc" / "var" / "data").string());
  EXPECT_EQ(host->storage.poolSize, 8);
  EXPECT_EQ(host->storage.poolWaitMilliseconds, 2000);
  EXPECT_TRUE(host->plugins.enabledByDefault);
  EXPECT_EQ(host->tenantsDir, (dir_ / "etc" / "tenants").string());
  EXPECT_EQ(host->stateDir, (dir_ / "etc" / "var").string());
  EXPECT_EQ(host->logging.level, "info");
  EXPECT_EQ(host->logging.file, "");
}

TEST_F(ConfigLoaderTest, StoragePathDefaultsInsideStateDir) {
  const auto host = loadHost("plugins: {dir: plugins}\nstate_dir: /var/lib/tabhost/\n");
  ASSERT_TRUE(host) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(host->stateDir, "/var/lib/tabhost");
  EXPECT_EQ(host->storage.path, "/var/lib/tabhost/data");
}

TEST_F(ConfigLoaderTest, MetricsAreForLoopbackUnlessAddressesAreListed) {
  const auto loopback = loadHost("plugins: {dir: p}\n");
  ASSERT_TRUE(loopback) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(loopback->server.metricsFrom, (std::vector<std::string>{"127.0.0.1", "::1"}));
  const auto listed = loadHost("plugins: {dir: p}\nserver:\n  metrics_from: [10.1.0.0/16, \"fd00::/8\"]\n");
  ASSERT_TRUE(listed) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(listed->server.metricsFrom, (std::vector<std::string>{"10.1.0.0/16", "fd00::/8"}));
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nserver:\n  metrics_from: [10.1.0.0/33, monitor.local]\n"));
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                hostFile() + ":3:18: server.metrics_from[0]: expected an IP address or a CIDR network such as "
                             "10.0.0.0/8, got '10.1.0.0/33'",
                hostFile() + ":3:31: server.metrics_from[1]: expected an IP address or a CIDR network such as "
                             "10.0.0.0/8, got 'monitor.local'",
            }));
}

TEST_F(ConfigLoaderTest, UnknownKeyIsReportedAtTheKey) {
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nserver:\n  threads: 4\n  listn: x\nlogs: 1\n"));
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                hostFile() + ":4:3: unknown key 'listn' in server (expected: listen, threads, workers, max_queued, "
                             "keep_alive_timeout_s, max_keep_alive_requests, io_timeout_s, head_timeout_s, "
                             "max_connections, max_connections_per_address, max_body_bytes, public_url, metrics_from)",
                hostFile() + ":5:1: unknown key 'logs' (expected: server, storage, plugins, tenants_dir, "
                             "state_dir, logging, security, mail)",
            }));
}

TEST_F(ConfigLoaderTest, WrongTypesAndRangesAreReportedAtTheValue) {
  EXPECT_FALSE(loadHost(R"(plugins:
  dir: [a, b]
  enabled_by_default: maybe
server:
  threads: abc
  max_queued: 0
  max_body_bytes: 1.5
storage:
  driver: mysql
  pool_size: 2000
  pool_wait_ms: -1
logging:
  level: verbose
)"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{
                                hostFile() + ":5:12: server.threads: expected an integer, got 'abc'",
                                hostFile() + ":6:15: server.max_queued: must be between 1 and 2147483647, got 0",
                                hostFile() + ":7:19: server.max_body_bytes: expected an integer, got '1.5'",
                                hostFile() + ":9:11: storage.driver: expected one of sqlite, postgresql, got 'mysql'",
                                hostFile() + ":10:14: storage.pool_size: must be between 1 and 1024, got 2000",
                                hostFile() + ":11:17: storage.pool_wait_ms: must be between 0 and 2147483647, got -1",
                                hostFile() + ":2:8: plugins.dir: expected a string, got a list",
                                hostFile() + ":3:23: plugins.enabled_by_default: expected a boolean (true or "
                                             "false), got 'maybe'",
                                hostFile() + ":13:10: logging.level: expected one of trace, debug, info, warn, "
                                             "error, got 'verbose'",
                            }));
}

TEST_F(ConfigLoaderTest, SectionThatIsNotAMapIsReported) {
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nserver: 8080\n"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{hostFile() + ":2:9: server: expected a map, got '8080'"}));
}

TEST_F(ConfigLoaderTest, ListenMustBeHostColonPort) {
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nserver:\n  listen: 8080\n"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{hostFile() + ":3:11: server.listen: expected host:port with a "
                                                                   "port from 0 to 65535, got '8080'"}));
  errors_.clear();
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nserver: {listen: 'localhost:65536'}\n"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].line, 2);
  EXPECT_EQ(errors_[0].column, 18);

  errors_.clear();
  const auto host = loadHost("plugins: {dir: p}\nserver: {listen: '[::1]:0'}\n");
  ASSERT_TRUE(host) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(host->server.host, "::1");
  EXPECT_EQ(host->server.port, 0);
}

TEST_F(ConfigLoaderTest, PluginsDirIsRequired) {
  EXPECT_FALSE(loadHost("server:\n  threads: 4\n"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{hostFile() + ":1:1: missing required key 'dir' in plugins"}));
  errors_.clear();
  EXPECT_FALSE(loadHost("server: {}\nplugins:\n  enabled_by_default: true\n"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{hostFile() + ":3:3: missing required key 'dir' in plugins"}));
}

TEST_F(ConfigLoaderTest, PostgresqlNeedsADsn) {
  EXPECT_FALSE(loadHost("plugins: {dir: p}\nstorage:\n  driver: postgresql\n"));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{hostFile() + ":3:3: missing required key 'dsn' in storage"}));
  errors_.clear();
  const auto host = loadHost("plugins: {dir: p}\nstorage:\n  driver: postgresql\n  dsn: host=db dbname=tabhost\n");
  ASSERT_TRUE(host) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(host->storage.driver, "postgresql");
  EXPECT_EQ(host->storage.dsn, "host=db dbname=tabhost");
}

TEST_F(ConfigLoaderTest, SyntaxErrorIsReportedWhereTheParserStopped) {
  EXPECT_FALSE(loadHost("plugins:\n  dir: p\nserver:\n  threads: [1, 2\n"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].file, hostFile());
  EXPECT_EQ(errors_[0].line, 5);
  EXPECT_EQ(errors_[0].column, 1);
  EXPECT_EQ(errors_[0].message, "end of sequence flow not found");
}

TEST_F(ConfigLoaderTest, MissingHostFileIsReported) {
  EXPECT_FALSE(loadHostConfig((dir_ / "nope.yaml").string(), errors_));
  EXPECT_EQ(lines(errors_), (std::vector<std::string>{(dir_ / "nope.yaml").string() + ": cannot read the file"}));
}

TEST_F(ConfigLoaderTest, MissingTenantsDirIsReportedWithItsPath) {
  const auto host = loadHost("plugins: {dir: p}\ntenants_dir: elsewhere\n");
  ASSERT_TRUE(host);
  EXPECT_FALSE(loadConfig(*host, catalog_, 1, errors_));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].file, (dir_ / "etc" / "elsewhere").string());
  EXPECT_NE(errors_[0].message.find("tenants_dir in " + hostFile()), std::string::npos) << errors_[0].message;
}

TEST_F(ConfigLoaderTest, NoTenantFilesGivesAnEmptySnapshot) {
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot);
  EXPECT_TRUE(snapshot->tenants.empty());
  EXPECT_EQ(snapshot->generation, 7u);
}

TEST_F(ConfigLoaderTest, DuplicateTenantIdNamesBothFiles) {
  write("tenants/a.yaml", "id: demo\nname: A\n");
  write("tenants/b.yaml", "name: B\nid: demo\n");
  EXPECT_FALSE(loadTenants());
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{tenantFile("b.yaml") + ":2:5: duplicate tenant id 'demo' (also in " +
                                      tenantFile("a.yaml") + ":1:5)"}));
}

TEST_F(ConfigLoaderTest, DuplicateDomainNamesBothFiles) {
  write("tenants/a.yaml", "id: a\nname: A\ndomains: [admin.shared.example]\n");
  write("tenants/b.yaml", "id: b\nname: B\ndomains:\n  - b.example\n  - ADMIN.shared.example\n");
  EXPECT_FALSE(loadTenants());
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{tenantFile("b.yaml") + ":5:5: duplicate domain 'admin.shared.example' (also in " +
                                      tenantFile("a.yaml") + ":3:11)"}));
}

// "system" names the host's own database, so no tenant may take it.
TEST_F(ConfigLoaderTest, TheSystemTenantIdIsReserved) {
  write("tenants/s.yaml", "id: system\nname: Sneaky\n");
  EXPECT_FALSE(loadTenants());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].line, 1);
  EXPECT_NE(errors_[0].message.find("'system' is reserved"), std::string::npos) << errors_[0].message;
}

TEST_F(ConfigLoaderTest, TenantIdNameAndDomainsAreChecked) {
  write("tenants/t.yaml", "id: Demo_1\nname: '  '\ndomains: [admin.demo.example:8443, ok.example, -bad.example]\n");
  write("tenants/u.yaml", "domains: admin.u.example\n");
  EXPECT_FALSE(loadTenants());
  const auto t = tenantFile("t.yaml");
  const auto u = tenantFile("u.yaml");
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                t + ":1:5: id: expected a tenant id (1 to 63 lower-case letters, digits or '-', not starting with "
                    "'-'; 'system' is reserved), got 'Demo_1'",
                t + ":2:7: name: expected a non-empty name, got '  '",
                t + ":3:11: domains[0]: expected a host name (letters, digits, '-' and '.', no port), got "
                    "'admin.demo.example:8443'",
                t + ":3:48: domains[2]: expected a host name (letters, digits, '-' and '.', no port), got "
                    "'-bad.example'",
                u + ":1:1: missing required key 'id'",
                u + ":1:1: missing required key 'name'",
                u + ":1:10: domains: expected a list of strings, got 'admin.u.example'",
            }));
}

TEST_F(ConfigLoaderTest, BrandingIsParsedAndChecked) {
  write("tenants/a.yaml", R"(id: a
name: A
branding:
  product_name: A Admin
  logo_url: https://cdn.a.example/logo.svg
  primary_color: "#1A2b3c"
  support_email: help@a.example
)");
  write("tenants/b.yaml", R"(id: b
name: B
branding:
  logo_url: ftp://b.example/logo.png
  primary_color: red
  support_email: help.b.example
  font: serif
)");
  EXPECT_FALSE(loadTenants());
  const auto b = tenantFile("b.yaml");
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                b + ":4:13: branding.logo_url: expected an http:// or https:// URL, got 'ftp://b.example/logo.png'",
                b + ":5:18: branding.primary_color: 'red' does not match #([0-9a-fA-F]{3}|[0-9a-fA-F]{6}) (#rgb or "
                    "#rrggbb)",
                b + ":6:18: branding.support_email: expected an email address, got 'help.b.example'",
                b + ":7:3: unknown key 'font' in branding (expected: product_name, logo_url, primary_color, "
                    "support_email)",
            }));

  errors_.clear();
  fs::remove(tenantFile("b.yaml"));
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  const Branding& branding = snapshot->tenants[0].branding;
  EXPECT_EQ(branding.productName, "A Admin");
  EXPECT_EQ(branding.logoUrl, "https://cdn.a.example/logo.svg");
  EXPECT_EQ(branding.primaryColor, "#1A2b3c");
  EXPECT_EQ(branding.supportEmail, "help@a.example");
}

TEST_F(ConfigLoaderTest, UnknownPluginListsTheInstalledOnes) {
  write("tenants/a.yaml", "id: a\nname: A\nplugins:\n  hello: {}\n  helo:\n    title: Hi\n");
  EXPECT_FALSE(loadTenants());
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{tenantFile("a.yaml") +
                                      ":5:3: unknown plugin 'helo' (installed: billing, hello, voice)"}));
}

TEST_F(ConfigLoaderTest, PluginEntriesKeepTheirOrderAndOverrides) {
  write("tenants/a.yaml", R"(id: a
name: A
plugins:
  voice:
    enabled: false
  hello:
    title: Greetings
    icon: wave
  billing:
)");
  const auto snapshot = loadTenants("plugins: {dir: p, enabled_by_default: true}\n");
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  const auto& plugins = snapshot->tenants[0].plugins;
  ASSERT_EQ(plugins.size(), 3u);
  EXPECT_EQ(plugins[0].id, "voice");
  EXPECT_FALSE(plugins[0].enabled);
  EXPECT_EQ(plugins[1].id, "hello");
  EXPECT_TRUE(plugins[1].enabled);
  EXPECT_EQ(plugins[1].title, "Greetings");
  EXPECT_EQ(plugins[1].icon, "wave");
  EXPECT_EQ(plugins[2].id, "billing");
  EXPECT_EQ(plugins[2].title, std::nullopt);
  EXPECT_EQ(plugins[2].icon, std::nullopt);
  EXPECT_EQ(plugins[2].settings, sdk::Json::object());
}

TEST_F(ConfigLoaderTest, EnabledDefaultsToTheHostSettingAndUnmentionedPluginsAreNotAdded) {
  write("tenants/a.yaml", "id: a\nname: A\nplugins:\n  hello: {title: Hi}\n  billing: {enabled: yes}\n");
  const auto snapshot = loadTenants("plugins: {dir: p, enabled_by_default: false}\n");
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  const TenantConfig& tenant = snapshot->tenants[0];
  ASSERT_EQ(tenant.plugins.size(), 2u);
  EXPECT_FALSE(tenant.plugin("hello")->enabled);
  EXPECT_TRUE(tenant.plugin("billing")->enabled);
  EXPECT_EQ(tenant.plugin("voice"), nullptr);
}

TEST_F(ConfigLoaderTest, PluginSettingsAreValidatedWithDefaults) {
  write("tenants/a.yaml", "id: a\nname: A\nplugins:\n  hello:\n    settings: {times: 3}\n");
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(snapshot->tenants[0].plugins[0].settings, sdk::Json::object({{"greeting", "Hello"}, {"times", 3}}));
}

TEST_F(ConfigLoaderTest, PluginEntryErrorsAreLocated) {
  write("tenants/a.yaml", R"(id: a
name: A
plugins:
  hello:
    enabled: perhaps
    colour: red
    settings:
      times: 11
      greting: Hi
  voice:
    title: Calls
)");
  EXPECT_FALSE(loadTenants());
  const auto a = tenantFile("a.yaml");
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                a + ":5:14: plugins.hello.enabled: expected a boolean (true or false), got 'perhaps'",
                a + ":8:14: plugins.hello.settings.times: must be between 1 and 10, got 11",
                a + ":9:7: unknown key 'greting' in plugins.hello.settings (expected: greeting, times)",
                a + ":6:5: unknown key 'colour' in plugins.hello (expected: enabled, title, icon, settings)",
                a + ":10:3: missing required key 'api_key' in plugins.voice.settings",
            }));
}

TEST_F(ConfigLoaderTest, RequiredSettingIsReportedAtTheSettingsMapWhenThereIsOne) {
  write("tenants/a.yaml", "id: a\nname: A\nplugins:\n  voice:\n    settings:\n      other: 1\n");
  EXPECT_FALSE(loadTenants());
  ASSERT_FALSE(errors_.empty());
  EXPECT_EQ(errors_[0].str(), tenantFile("a.yaml") + ":6:7: missing required key 'api_key' in plugins.voice.settings");
}

TEST_F(ConfigLoaderTest, DisabledPluginNeedsNoRequiredSettings) {
  write("tenants/a.yaml", "id: a\nname: A\nplugins:\n  voice: {enabled: false}\n");
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(snapshot->tenants[0].plugins[0].settings, sdk::Json::object());
}

TEST_F(ConfigLoaderTest, RefusedPluginKeepsItsSettingsUnchecked) {
  catalog_["legacy"] = PluginCatalogEntry{false, nullptr};
  write("tenants/a.yaml",
        "id: a\nname: A\nplugins:\n  legacy:\n    settings: {anything: [1, two], n: 5, flag: true, code: 'no'}\n");
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  const auto& legacy = snapshot->tenants[0].plugins[0];
  EXPECT_EQ(legacy.id, "legacy");
  EXPECT_EQ(legacy.settings,
            sdk::Json::object({{"anything", sdk::Json::array({1, "two"})}, {"n", 5}, {"flag", true}, {"code", "no"}}));
}

TEST_F(ConfigLoaderTest, CollectsEveryErrorOfEveryFile) {
  write("tenants/a.yaml", "id: a\nname: A\nextra: 1\nplugins: {nope: {}}\n");
  write("tenants/b.yaml", "id: b\nname: [B]\n");
  write("tenants/c.yaml", "id: c\nname: C\ndomains: [c.example\n");
  EXPECT_FALSE(loadTenants());
  ASSERT_EQ(errors_.size(), 4u) << ::testing::PrintToString(lines(errors_));
  EXPECT_EQ(errors_[0].file, tenantFile("a.yaml"));
  EXPECT_EQ(errors_[0].line, 4);
  EXPECT_EQ(errors_[1].file, tenantFile("a.yaml"));
  EXPECT_EQ(errors_[1].line, 3);
  EXPECT_EQ(errors_[2].str(), tenantFile("b.yaml") + ":2:7: name: expected a string, got a list");
  EXPECT_EQ(errors_[3].file, tenantFile("c.yaml"));
}

TEST_F(ConfigLoaderTest, KeepsEarlierDiagnosticsAndStillSucceeds) {
  errors_.push_back({"elsewhere", 0, 0, "an earlier problem"});
  write("tenants/a.yaml", "id: a\nname: A\n");
  EXPECT_TRUE(loadTenants());
  EXPECT_EQ(errors_.size(), 1u);
}

TEST_F(ConfigLoaderTest, FrameAncestorsAreOriginsAndNoneByDefault) {
  write("tenants/a.yaml", "id: alpha\nname: Alpha\n");
  write("tenants/b.yaml",
        "id: beta\nname: Beta\nsecurity:\n  frame_ancestors: [https://portal.beta.example:8443, "
        "chrome-extension://abcdefghijklmnop]\n");
  const auto snapshot = loadTenants();
  ASSERT_TRUE(snapshot) << ::testing::PrintToString(lines(errors_));
  EXPECT_TRUE(snapshot->findTenant("alpha")->frameAncestors.empty());
  EXPECT_EQ(snapshot->findTenant("beta")->frameAncestors,
            (std::vector<std::string>{"https://portal.beta.example:8443", "chrome-extension://abcdefghijklmnop"}));
}

TEST_F(ConfigLoaderTest, AFrameAncestorThatIsNoOriginIsReportedWhereItIs) {
  // A path, a wildcard or a keyword would widen or break the policy: refused.
  write("tenants/a.yaml",
        "id: alpha\nname: Alpha\nsecurity:\n  frame_ancestors:\n    - https://ok.example\n    - https://x.example/path\n"
        "    - \"*\"\n");
  EXPECT_FALSE(loadTenants());
  EXPECT_EQ(lines(errors_),
            (std::vector<std::string>{
                tenantFile("a.yaml") + ":6:7: security.frame_ancestors[1]: expected an origin such as "
                                       "https://portal.example.com or chrome-extension://<id>, got "
                                       "'https://x.example/path'",
                tenantFile("a.yaml") + ":7:7: security.frame_ancestors[2]: expected an origin such as "
                                       "https://portal.example.com or chrome-extension://<id>, got '*'",
            }));
}

}  // namespace
}  // namespace tabhost::core
