// Which tenant a request reaches, and that each tenant sees only its own
// data, branding and tabs.
#include <gtest/gtest.h>

#include <filesystem>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

// Tenant "acme" answers on a custom domain as well as under /t/acme/.
TEST(TenancyTest, ResolvesTenantByPathPrefixAndByListedDomain) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("acme", "domains:\n  - admin.acme.example\n");
  config.writeTenant("other");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto byPath = host.get("/t/acme/api/v1/basic/ping");
  EXPECT_EQ(byPath.status, 200) << byPath.body;
  EXPECT_EQ(byPath.text("tenant"), "acme");

  // The port is not part of the domain.
  auto byHost = host.get("/api/v1/basic/ping", {{"Host", "admin.acme.example:1234"}});
  EXPECT_EQ(byHost.status, 200) << byHost.body;
  EXPECT_EQ(byHost.text("tenant"), "acme");
}

TEST(TenancyTest, UnknownTenantOrUnlistedHostIs404) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("acme", "domains:\n  - admin.acme.example\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto unknown = host.get("/t/nobody/api/v1/basic/ping");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.text("error.code"), "tenant_not_found");

  // A Host no tenant lists must never fall back to some tenant.
  auto unlisted = host.get("/api/v1/basic/ping", {{"Host", "admin.evil.example"}});
  EXPECT_EQ(unlisted.status, 404) << unlisted.body;
  EXPECT_EQ(unlisted.text("error.code"), "tenant_not_found");
}

TEST(TenancyTest, EachTenantSeesOnlyItsOwnData) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("a");
  config.writeTenant("b");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto created = host.post("/t/a/api/v1/basic/items", R"({"name":"x"})");
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.text("id"), "1");

  auto own = host.get("/t/a/api/v1/basic/items/1");
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.text("name"), "x");
  auto foreign = host.get("/t/b/api/v1/basic/items/1");
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(foreign.text("error.code"), "item_not_found");

  // Isolation by construction: one SQLite file per tenant.
  EXPECT_TRUE(std::filesystem::is_regular_file(config.path("data/a.db")));
  EXPECT_TRUE(std::filesystem::is_regular_file(config.path("data/b.db")));
}

TEST(TenancyTest, BrandingIsTheTenantsOwnAndProductNameFallsBackToName) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("a",
                     "branding:\n"
                     "  logo_url: https://a.example/logo.svg\n"
                     "  primary_color: \"#123456\"\n"
                     "  support_email: help@a.example\n");
  config.writeTenant("b", "branding:\n  product_name: B Console\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto a = host.get("/t/a/api/v1/branding");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.text("tenant"), "a");
  EXPECT_EQ(a.text("product_name"), "Tenant a");
  EXPECT_EQ(a.text("logo_url"), "https://a.example/logo.svg");
  EXPECT_EQ(a.text("primary_color"), "#123456");
  EXPECT_EQ(a.text("support_email"), "help@a.example");

  auto b = host.get("/t/b/api/v1/branding");
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(b.text("product_name"), "B Console");
  EXPECT_EQ(b.text("logo_url"), "null");
}

// Ids of /tabs, in order, for comparing whole lists at once.
std::vector<std::string> tabIds(const HttpResult& tabs) {
  std::vector<std::string> ids;
  const sdk::Json& list = jsonAt(tabs.json, "tabs");
  if (list.isArray())
    for (const auto& tab : list.asArray()) ids.push_back(jsonAt(tab, "id").asString());
  return ids;
}

TEST(TenancyTest, TabsFollowTheTenantFileOrderWithOverrides) {
  TempConfig config;
  for (const char* plugin : {"basic", "gamma", "other"}) config.addFixturePlugin(plugin);
  config.writeHostConfig();
  // Listed against file-name order; gamma is not listed and comes after.
  config.writeTenant("a",
                     "plugins:\n"
                     "  other:\n    title: Others\n    icon: star\n"
                     "  basic:\n    title: Basics\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto tabs = host.get("/t/a/api/v1/tabs", ownerAuth(config, "a"));
  ASSERT_EQ(tabs.status, 200) << tabs.body;
  EXPECT_EQ(tabIds(tabs), (std::vector<std::string>{"other", "basic", "gamma"})) << tabs.body;
  const auto& list = jsonAt(tabs.json, "tabs").asArray();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(jsonAt(list[0], "title").asString(), "Others");
  EXPECT_EQ(jsonAt(list[0], "icon").asString(), "star");
  EXPECT_EQ(jsonAt(list[1], "title").asString(), "Basics");
  EXPECT_EQ(jsonAt(list[1], "icon").asString(), "puzzle");  // no icon override: the plugin's own
  EXPECT_EQ(jsonAt(list[2], "title").asString(), "Tab gamma");
}

TEST(TenancyTest, DisabledPluginHasNoTabAndNoRoutesForThatTenantOnly) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.addFixturePlugin("other");
  config.writeHostConfig();
  config.writeTenant("a", "plugins:\n  other:\n    enabled: false\n");
  config.writeTenant("b");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto tabs = host.get("/t/a/api/v1/tabs", ownerAuth(config, "a"));
  ASSERT_EQ(tabs.status, 200) << tabs.body;
  EXPECT_EQ(tabIds(tabs), std::vector<std::string>{"basic"}) << tabs.body;
  auto hidden = host.get("/t/a/api/v1/other/ping");
  EXPECT_EQ(hidden.status, 404) << hidden.body;
  EXPECT_EQ(hidden.text("error.code"), "not_found");

  EXPECT_EQ(host.get("/t/b/api/v1/other/ping").status, 200);
  EXPECT_EQ(tabIds(host.get("/t/b/api/v1/tabs", ownerAuth(config, "b"))), (std::vector<std::string>{"basic", "other"}));
}

// UI files a plugin embedded are served per tenant, like its routes.
TEST(TenancyTest, EmbeddedUiAssetsAreServedOnlyWherePluginIsEnabled) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.addFixturePlugin("other");
  config.writeHostConfig();
  config.writeTenant("a", "plugins:\n  other:\n    enabled: false\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  auto page = host.get("/t/a/ui/basic/index.html");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<h1>fixture</h1>");
  EXPECT_EQ(page.headers["Content-Type"], "text/html; charset=utf-8");
  EXPECT_EQ(host.get("/t/a/ui/other/index.html").status, 404);
  EXPECT_EQ(host.get("/t/a/ui/basic/missing.html").status, 404);
  EXPECT_EQ(host.get("/t/a/ui/basic/../other/index.html").status, 404);
}

TEST(TenancyTest, EnabledByDefaultFalseHidesUnlistedPlugins) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.addFixturePlugin("other");
  config.writeHostConfig({.plugins = "  enabled_by_default: false\n"});
  config.writeTenant("a", "plugins:\n  basic:\n    enabled: true\n");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();

  EXPECT_EQ(tabIds(host.get("/t/a/api/v1/tabs", ownerAuth(config, "a"))), std::vector<std::string>{"basic"});
  EXPECT_EQ(host.get("/t/a/api/v1/basic/ping").status, 200);
  EXPECT_EQ(host.get("/t/a/api/v1/other/ping").status, 404);
}

}  // namespace
}  // namespace tabhost::test
