// The users plugin's tests: a host with the users plugin, a branded tenant
// with roles, mail delivered to the real SMTP listener, and helpers to read
// the links in delivered mail.
#pragma once

#include <cctype>
#include <regex>
#include <thread>

#include "../common/TestSmtp.hpp"
#include "IdentityFixture.hpp"

/// Starts the users fixture's host; leaves the test when skipped or failed.
#define START_USERS()                             \
  do {                                            \
    startUsers();                                 \
    if (IsSkipped() || HasFatalFailure()) return; \
  } while (0)

namespace tabhost::test {

/// The body of a delivered message with quoted-printable undone (soft line
/// breaks joined, =XX decoded), so links and text read as written.
inline std::string decodedMail(const std::string& raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '=' && i + 1 < raw.size() && (raw[i + 1] == '\n' || raw[i + 1] == '\r')) {
      i += raw[i + 1] == '\r' ? 2 : 1;
      continue;
    }
    if (raw[i] == '=' && i + 2 < raw.size() && std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
      out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
      i += 2;
      continue;
    }
    out += raw[i];
  }
  return out;
}

/// A link the host emailed: its path and its token.
struct MailedLink {
  std::string url;
  std::string path;
  std::string purpose;
  std::string token;
};

/// The set-password link in `mail`, if any.
inline std::optional<MailedLink> linkIn(const std::string& mail) {
  static const std::regex link(R"((https?://[^/\s]+)(/t/[^\s#/]+/set-password)#(invite|reset)=([A-Za-z0-9]+))");
  std::smatch m;
  const std::string text = decodedMail(mail);
  if (!std::regex_search(text, m, link)) return std::nullopt;
  return MailedLink{m[0], m[2], m[3], m[4]};
}

class UsersTest : public IdentityTest {
 protected:
  /// Tenant a: branded, with a role an admin may grant ("helper") and
  /// two only an owner may ("auditor", "keyholder"), plus `tenantYaml`; mail goes to the
  /// test's SMTP listener. Plugins in extraPlugins_ load besides users.
  void startUsers(const std::string& tenantYaml = "") {
    TABHOST_REQUIRE_SMTP(smtp_);
    extraPlugins_.push_back("users");
    extraHostYaml_ = "mail:\n  smtp: \"" + smtp_ + "\"\n  from: \"Tabhost Tests <tests@tabhost.test>\"\n"
                     "  poll_interval_ms: 100\n";
    // Step-up lasts 2 s here, so that a test can let it lapse.
    start("  step_up_s: 2\n", "branding:\n  product_name: Acme Desk\n  logo_url: https://acme.test/logo.svg\n"
              "  primary_color: \"#ff6600\"\n  support_email: help@acme.test\n"
              "roles:\n  helper: [users.read]\n  auditor: [audit.read]\n  keyholder: [tokens.revoke]\n" + tenantYaml);
  }

  /// A unique address for this test run.
  std::string address(const std::string& who) const { return who + "." + a_ + "." + GetParam() + "@example.test"; }

  HttpResult call(const std::string& method, const std::string& path, const std::string& body, const Browser& as) {
    return host_->request(method, api(a_, path), body, as.headers());
  }

  /// POST /users as `as` with the usual fields and `extra` JSON members.
  HttpResult createVia(const Browser& as, const std::string& email, const std::string& type,
                       const std::string& extra = "") {
    return call("POST", "/users",
                R"({"first_name":"Ann","last_name":"Lee","email":")" + email + R"(","type":")" + type + "\"" + extra +
                    "}",
                as);
  }

  /// Creates a user of `type` through the API and signs them in with a
  /// password of their own; returns their browser and sets `id`.
  Browser onboarded(const Browser& owner, const std::string& email, const std::string& type, std::string& id) {
    auto made = createVia(owner, email, type);
    EXPECT_EQ(made.status, 201) << made.body;
    id = made.text("user.id");
    return withOwnPassword(a_, email, made.text("temporary_password"));
  }

  /// Waits until sessions that signed in or re-entered their password are stale
  /// (step-up is counted in whole seconds).
  static void letStepUpLapse() { std::this_thread::sleep_for(std::chrono::milliseconds(3100)); }

  void reauth(const Browser& as) {
    EXPECT_EQ(call("POST", "/auth/reauth", std::string(R"({"password":")") + kPassword + "\"}", as).status, 200);
  }

  /// Mail to `to`, waiting up to 10 s for `count` messages.
  std::vector<std::string> mailTo(const std::string& to, std::size_t count = 1) {
    waitUntil([&] { return deliveredTo(to).size() >= count; }, std::chrono::seconds(10));
    return deliveredTo(to);
  }

  /// Rows of tenant a's database.
  std::vector<std::vector<std::string>> rows(const std::string& sql) { return queryTenant(config_, dsn_, a_, sql); }
  std::string scalar(const std::string& sql) {
    const auto r = rows(sql);
    return r.empty() || r.front().empty() ? "" : r.front().front();
  }

  std::string smtp_;
};

}  // namespace tabhost::test
