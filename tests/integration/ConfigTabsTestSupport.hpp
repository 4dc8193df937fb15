// The configuration tabs' tests (Voice, Voice AI, Billing, General): a host
// with the users, companies, voice, billing and settings plugins, tenant a's
// voice plugin pointed at an in-process fake provider, and tenant a's owner
// acting through an API token.
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include "FakeProvider.hpp"
#include "IdentityFixture.hpp"
#include "core/crypto/Secrets.hpp"

/// Starts the tabs fixture's host; leaves the test when skipped or failed.
#define START_TABS(...)                           \
  do {                                            \
    startTabs(__VA_ARGS__);                       \
    if (IsSkipped() || HasFatalFailure()) return; \
  } while (0)

namespace tabhost::test {

/// Tenant a's file. `voice`, `billing` and `general` are lines under
/// plugins.<id>.settings, each indented by 6 spaces.
struct TabsYaml {
  std::string voice, billing, general;
  /// false: plugins.billing.enabled: false (the General tab then takes any plan id).
  bool billingEnabled = true;
  /// More top-level keys (e.g. "branding:\n  primary_color: ...\n").
  std::string tenant;
};

class ConfigTabsTest : public IdentityTest {
 public:
  /// A response header by name, whatever its case ("" when absent).
  static std::string header(const HttpResult& r, const std::string& name) {
    const auto lower = [](std::string s) {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      return s;
    };
    for (const auto& [n, v] : r.headers)
      if (lower(n) == lower(name)) return v;
    return "";
  }

  /// The array at `dottedPath`, or none when it is not one (so that a wrong
  /// answer fails the assertions rather than throwing).
  static std::vector<sdk::Json> itemsAt(const sdk::Json& json, std::string_view dottedPath) {
    const auto& items = jsonAt(json, dottedPath);
    return items.isArray() ? items.asArray() : std::vector<sdk::Json>{};
  }

  /// A field's change in an audit entry ({field, before, after}), or null.
  static sdk::Json changeOf(const sdk::Json& entry, const std::string& field) {
    for (const auto& c : itemsAt(entry, "changes"))
      if (textAt(c, "field") == field) return c;
    return sdk::Json();
  }

 protected:
  /// provider_timeout_ms of tenant a: long enough for a loopback answer on a
  /// busy machine, well short of the fake's slow answer.
  static constexpr int kProviderTimeoutMs = 1000;
  static constexpr std::chrono::milliseconds kSlowAnswer{3000};

  void startTabs(const TabsYaml& yaml = {}) {
    fake_ = std::make_unique<FakeProvider>();
    extraPlugins_ = {"users", "companies", "voice", "billing", "settings"};
    start("", tenantYaml(yaml));
    if (IsSkipped() || HasFatalFailure()) return;
    owner_ = ownerAuth(config_, a_);
  }

  /// The operator-only base URLs point at the fake; the rest as given.
  std::string tenantYaml(const TabsYaml& y) const {
    std::string text = y.tenant + "plugins:\n  voice:\n    settings:\n" +
                       "      twilio_base_url: \"" + fake_->baseUrl() + "\"\n" +
                       "      elevenlabs_base_url: \"" + fake_->baseUrl() + "\"\n" +
                       "      provider_timeout_ms: " + std::to_string(kProviderTimeoutMs) + "\n" + y.voice;
    if (!y.billingEnabled) text += "  billing:\n    enabled: false\n";
    else if (!y.billing.empty()) text += "  billing:\n    settings:\n" + y.billing;
    if (!y.general.empty()) text += "  settings:\n    settings:\n" + y.general;
    return text;
  }

  /// Stops the host and starts a new one on the same folder and database
  /// (with tenant a's file rewritten when `yaml` is given). The new host's
  /// output replaces the old one's: read host_->output() before.
  void restartHost(const std::optional<TabsYaml>& yaml = std::nullopt) {
    host_.reset();
    if (yaml) config_.writeTenant(a_, tenantYaml(*yaml));
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  /// A request to tenant a as its owner, with `headers` added (If-Match).
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {}) const {
    auto all = owner_;
    for (const auto& [name, value] : headers) all[name] = value;
    return host_->request(method, api(a_, path), body, all);
  }

  /// A request to tenant a as its owner with a body of `contentType`, as a
  /// browser uploads a file.
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& contentType) const {
    return call(method, path, body, {{"Content-Type", contentType}});
  }

  /// The ETag a page's GET sends.
  std::string etagOf(const std::string& page) const {
    auto got = call("GET", page);
    EXPECT_EQ(got.status, 200) << page << ": " << got.body;
    EXPECT_FALSE(header(got, "ETag").empty()) << page;
    return header(got, "ETag");
  }

  /// A form's round trip: GET the page's ETag, PUT `body` with it.
  HttpResult putPage(const std::string& page, const std::string& body) const {
    return call("PUT", page, body, {{"If-Match", etagOf(page)}});
  }

  /// putPage that must succeed; a failure shows the answer.
  ::testing::AssertionResult saved(const std::string& page, const std::string& body) const {
    auto r = putPage(page, body);
    if (r.status == 200) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "PUT " << page << " " << body << " → " << r.status << " " << r.body;
  }

  /// Audit entries of tenant a (newest first) whose action starts with `action`.
  std::vector<sdk::Json> auditOf(const std::string& action) const {
    auto page = call("GET", "/audit?limit=200&action=" + action);
    EXPECT_EQ(page.status, 200) << page.body;
    return itemsAt(page.json, "items");
  }

  /// `count` random lower-case hex digits: unique secrets and SIDs per run,
  /// so that a find in a shared database cannot be left over from another run.
  static std::string randomHex(std::size_t count) {
    static std::mt19937_64 random{std::random_device{}()};
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < count; ++i) s += digits[random() % 16];
    return s;
  }
  /// A SID of the form Twilio uses: prefix (AC, SK, AP) and 32 hex digits.
  static std::string sid(const std::string& prefix) { return prefix + randomHex(32); }

  /// The masked form a page shows for a secret of 12 characters or more.
  static std::string masked(const std::string& secret) { return "••••" + secret.substr(secret.size() - 4); }

  /// Where `needle` (or its hex) is stored at rest: every file under the
  /// config folder (SQLite databases with their WAL, logs, state, keys) and,
  /// on PostgreSQL, every row of tenant a's schema and the system schema read
  /// as text. Empty when nowhere.
  std::vector<std::string> placesHolding(const std::string& needle) const {
    const std::string hex = core::toHex(needle);
    const auto holds = [&](const std::string& text) {
      return text.find(needle) != std::string::npos || text.find(hex) != std::string::npos;
    };
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(config_.dir())) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      if (holds(bytes.str())) found.push_back(entry.path().string());
    }
    if (!dsn_.empty()) {
      const auto tables = queryTenant(
          config_, dsn_, a_,
          "SELECT table_schema, table_name FROM information_schema.tables "
          "WHERE table_schema IN (current_schema(), 'tabhost_system') AND table_type = 'BASE TABLE'");
      for (const auto& t : tables)
        for (const auto& row : queryTenant(config_, dsn_, a_,
                                           "SELECT CAST(t AS text) FROM \"" + t[0] + "\".\"" + t[1] + "\" t"))
          if (holds(row[0])) found.push_back(t[0] + "." + t[1]);
    }
    return found;
  }

  std::unique_ptr<FakeProvider> fake_;
  /// Tenant a's owner's token headers.
  std::map<std::string, std::string> owner_;
};

}  // namespace tabhost::test
