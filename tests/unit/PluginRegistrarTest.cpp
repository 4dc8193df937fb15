#include <gtest/gtest.h>

#include "core/log/Logging.hpp"
#include "core/plugins/PluginRegistrar.hpp"

using namespace tabhost::core;
using namespace tabhost::sdk;

namespace {
Response ok(RequestContext&) { return Response::noContent(); }
}  // namespace

TEST(PluginRegistrar, DuplicateRouteShapeNamesBothPlugins) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar first("companies", committed, log);
  first.route(Method::Get, "/companies/{id}", Access::publicRoute(), ok);
  committed.absorb(std::move(first.staged()));

  PluginRegistrar second("rival", committed, log);
  try {
    second.route(Method::Get, "/companies/{company_id}", Access::publicRoute(), ok);
    FAIL() << "expected a refusal";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'companies'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'rival'"), std::string::npos) << e.what();
  }
  // Same path, other method: fine.
  second.route(Method::Post, "/companies/{id}", Access::publicRoute(), ok);
}

TEST(PluginRegistrar, RoutesMustNameTheirAccessAndHaveValidPaths) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar r("p", committed, log);
  EXPECT_THROW(r.route(Method::Get, "/x", Access{}, ok), std::invalid_argument);
  EXPECT_THROW(r.route(Method::Get, "no-slash", Access::publicRoute(), ok), std::invalid_argument);
  EXPECT_THROW(r.route(Method::Get, "/Upper", Access::publicRoute(), ok), std::invalid_argument);
  EXPECT_THROW(r.route(Method::Get, "/a/../b", Access::publicRoute(), ok), std::invalid_argument);
  EXPECT_THROW(r.route(Method::Get, "/a/{camelCase}", Access::publicRoute(), ok), std::invalid_argument);
  r.route(Method::Get, "/a/{id}/b.csv", Access::require("p.read"), ok);
}

TEST(PluginRegistrar, AuditActionsBelongToTheirPlugin) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar r("billing", committed, log);
  EXPECT_THROW(r.auditAction("users.delete", "not ours"), std::invalid_argument);
  r.auditAction("billing.plan.update", "ok");
  EXPECT_THROW(r.auditAction("billing.plan.update", "twice"), std::invalid_argument);
}

TEST(PluginRegistrar, MigrationVersionsArePositiveAndUnique) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar r("p", committed, log);
  EXPECT_THROW(r.migration(0, "zero", "CREATE TABLE t (x)"), std::invalid_argument);
  r.migration(1, "one", "CREATE TABLE t (x)");
  EXPECT_THROW(r.migration(1, "again", "CREATE TABLE u (x)"), std::invalid_argument);
}

TEST(PluginRegistrar, ReadOnlyExemptionsNameOwnMutatingRoutes) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar other("other", committed, log);
  other.route(Method::Delete, "/theirs", Access::authenticated(), ok);
  committed.absorb(std::move(other.staged()));

  PluginRegistrar r("p", committed, log);
  r.route(Method::Delete, "/session", Access::authenticated(), ok);
  r.route(Method::Get, "/session", Access::authenticated(), ok);
  EXPECT_THROW(r.allowWhileReadOnly(Method::Get, "/session"), std::invalid_argument);   // reads are open anyway
  EXPECT_THROW(r.allowWhileReadOnly(Method::Delete, "/theirs"), std::invalid_argument);  // not this plugin's
  EXPECT_THROW(r.allowWhileReadOnly(Method::Post, "/session"), std::invalid_argument);   // not registered
  r.allowWhileReadOnly(Method::Delete, "/session");
  for (const auto& route : r.staged().routes)
    EXPECT_EQ(route.openWhileReadOnly, route.spec.method == Method::Delete) << route.label;
}

TEST(PluginRegistrar, TabElementIsAValidNameOfAnOwnAssetAndUniqueAcrossPlugins) {
  Registrations committed;
  TaggedLogger log("test");
  PluginRegistrar first("orders", committed, log);
  first.asset("tab.js", "text/javascript", "export {}");
  EXPECT_THROW(first.addTabUi({"Orders-Tab", "tab.js"}), std::invalid_argument);  // upper case
  EXPECT_THROW(first.addTabUi({"orderstab", "tab.js"}), std::invalid_argument);   // no '-'
  EXPECT_THROW(first.addTabUi({"font-face", "tab.js"}), std::invalid_argument);   // SVG's
  EXPECT_THROW(first.addTabUi({"orders-tab", "missing.js"}), std::invalid_argument);
  first.addTabUi({"orders-tab", "tab.js"});
  EXPECT_THROW(first.addTabUi({"orders-other", "tab.js"}), std::invalid_argument);  // one per plugin
  committed.absorb(std::move(first.staged()));
  ASSERT_NE(committed.tabUiOf("orders"), nullptr);
  EXPECT_EQ(committed.tabUiOf("orders")->spec.module, "tab.js");

  PluginRegistrar second("rival", committed, log);
  second.asset("tab.js", "text/javascript", "export {}");
  try {
    second.addTabUi({"orders-tab", "tab.js"});
    FAIL() << "expected a refusal";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'orders'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'rival'"), std::string::npos) << e.what();
  }
}
