// A running host with identity in play, on SQLite or PostgreSQL: the tokens
// plugin and the "basic" fixture plugin, tenants "a" and "b", and helpers to
// sign in like a browser does (cookie + CSRF token).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "HostProcess.hpp"

/// Starts the fixture's host and leaves the test when it was skipped (no
/// PostgreSQL server) or could not start.
#define START_HOST(...)                             \
  do {                                              \
    start(__VA_ARGS__);                             \
    if (IsSkipped() || HasFatalFailure()) return;   \
  } while (0)

namespace tabhost::test {

/// A signed-in browser: its session cookie and CSRF token.
struct Browser {
  std::string cookie;  // "name=value"
  std::string csrf;
  /// Headers for a request: the cookie, and the CSRF token unless `withCsrf` is false.
  std::map<std::string, std::string> headers(bool withCsrf = true) const {
    std::map<std::string, std::string> h{{"Cookie", cookie}};
    if (withCsrf) h["X-CSRF-Token"] = csrf;
    return h;
  }
};

class IdentityTest : public ::testing::TestWithParam<std::string> {
 protected:
  /// Starts the host; `security` holds lines of the security section and
  /// `tenantBody` more keys of tenant a's file.
  void start(const std::string& security = "", const std::string& tenantBody = "") {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
    HostYaml yaml;
    yaml.security = security;
    suffix_ = std::to_string(::getpid());
    if (GetParam() == "postgresql") {
      TABHOST_REQUIRE_POSTGRES(dsn_);
      yaml.storage = "storage:\n  driver: postgresql\n  dsn: \"" + dsn_ + "\"\n";
    }
    a_ = "a" + suffix_;
    b_ = "b" + suffix_;
    config_.addBuiltinPlugin("tokens");
    for (const auto& plugin : extraPlugins_) config_.addBuiltinPlugin(plugin);
    config_.addFixturePlugin("basic");
    for (const auto& fixture : extraFixtures_) config_.addFixturePlugin(fixture);
    config_.writeHostConfig(yaml);
    if (!extraHostYaml_.empty()) {
      std::ifstream in(config_.path("tabhost.yaml"));
      std::stringstream text;
      text << in.rdbuf();
      config_.write("tabhost.yaml", text.str() + extraHostYaml_);
    }
    config_.writeTenant(a_, tenantBody);
    config_.writeTenant(b_);
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  void TearDown() override {
    host_.reset();
    if (dsn_.empty()) return;
    Poco::Data::Session pg("PostgreSQL", dsn_);
    for (const auto& t : {a_, b_}) pg << "DROP SCHEMA IF EXISTS \"tenant_" + t + "\" CASCADE", Poco::Data::Keywords::now;
    pg << "DELETE FROM tabhost_system.audit_checkpoints WHERE tenant_id IN ('" + a_ + "', '" + b_ + "')",
        Poco::Data::Keywords::now;
  }

  std::string api(const std::string& tenant, const std::string& path) const { return "/t/" + tenant + "/api/v1" + path; }

  HttpResult loginAs(const std::string& tenant, const std::string& email, const std::string& password,
                     const std::string& extra = "") const {
    return host_->request("POST", api(tenant, "/auth/login"),
                          R"({"email":")" + email + R"(","password":")" + password + "\"" + extra + "}");
  }

  /// The browser a successful sign-in leaves behind.
  static Browser browserFrom(const HttpResult& login) {
    const std::string& setCookie = login.headers.at("Set-Cookie");
    return {setCookie.substr(0, setCookie.find(';')), login.text("csrf_token")};
  }

  /// A user of `type` who has replaced the temporary password with `kPassword`.
  Browser signedIn(const std::string& tenant, const std::string& email, const std::string& type) {
    return withOwnPassword(tenant, email, createUser(config_, tenant, email, type));
  }

  /// Signs in with a temporary password and replaces it with `kPassword`.
  Browser withOwnPassword(const std::string& tenant, const std::string& email, const std::string& temporary) {
    Browser first = browserFrom(loginAs(tenant, email, temporary));
    auto changed = host_->request("POST", api(tenant, "/auth/change-password"),
                                  R"({"current_password":")" + temporary + R"(","new_password":")" + kPassword + "\"}",
                                  first.headers());
    EXPECT_EQ(changed.status, 200) << changed.body;
    return browserFrom(changed);
  }

  /// Audit actions of the tenant (newest first), read with an owner's token.
  std::vector<std::string> auditActions(const std::string& tenant, const std::string& query = "") {
    if (ownerToken_.empty()) ownerToken_ = createToken(config_, tenant, ownerEmail(tenant));
    std::vector<std::string> actions;
    auto page = host_->get(api(tenant, "/audit?limit=200" + query), bearer(ownerToken_));
    EXPECT_EQ(page.status, 200) << page.body;
    for (const auto& e : jsonAt(page.json, "items").asArray()) actions.push_back(jsonAt(e, "action").asString());
    return actions;
  }
  std::string ownerEmail(const std::string& tenant) const { return "owner@" + tenant + ".test"; }

  static constexpr const char* kPassword = "plum orchard at dusk";

  /// More built-in plugins, and sections appended to tabhost.yaml (set before start()).
  std::vector<std::string> extraPlugins_;
  /// More fixture plugins (build/lib/tabhost/test-plugins/<name>.so).
  std::vector<std::string> extraFixtures_;
  std::string extraHostYaml_;

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
  std::string suffix_, a_, b_, dsn_, ownerToken_;
};

}  // namespace tabhost::test
