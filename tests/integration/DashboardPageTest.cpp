// The dashboard as HTTP sees it: one page for every dashboard URL of a
// tenant, locked down by its headers, and the UI modules it loads, cached
// for good under their version. What the page does in a browser is tested
// in tests/e2e.
#include <gtest/gtest.h>

#include <regex>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

class DashboardPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.addBuiltinPlugin("tokens");
    config_.writeHostConfig();
    config_.writeTenant("acme", "domains: [admin.acme.example]\nbranding: {product_name: \"Acme <Admin>\"}\n");
    config_.writeTenant("framed", "security:\n  frame_ancestors: [https://portal.partner.example]\n"
                                  "plugins:\n  tokens: {enabled: false}\n");
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  // The shell module's URL as the page names it.
  static std::string shellUrl(const std::string& page) {
    static const std::regex script(R"re(<script type="module" src="([^"]+)")re");
    std::smatch m;
    return std::regex_search(page, m, script) ? m[1].str() : std::string();
  }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
};

TEST_F(DashboardPageTest, EveryDashboardUrlIsThePageWithItsBaseAndAStrictPolicy) {
  for (const std::string path : {"/t/acme/", "/t/acme/tokens/new?from=link", "/t/acme/sign-in", "/t/acme/profile"}) {
    auto page = host_->get(path);
    ASSERT_EQ(page.status, 200) << path << " " << page.body;
    EXPECT_EQ(page.headers["Content-Type"], "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("<meta name=\"tabhost-base\" content=\"/t/acme/\">"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("<tabhost-shell></tabhost-shell>"), std::string::npos);
    // The title is the tenant's product name, as text.
    EXPECT_NE(page.body.find("<title>Acme &lt;Admin&gt;</title>"), std::string::npos) << page.body;
    EXPECT_TRUE(std::regex_match(shellUrl(page.body), std::regex("/t/acme/ui/tabhost/@[0-9a-f]{12}/shell\\.js")))
        << shellUrl(page.body);

    const std::string csp = page.headers["Content-Security-Policy"];
    for (const char* part : {"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                             "base-uri 'none'", "frame-ancestors 'none'"})
      EXPECT_NE(csp.find(part), std::string::npos) << part << " in " << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("http"), std::string::npos) << "no remote origin: " << csp;
    EXPECT_EQ(page.headers["X-Frame-Options"], "DENY");
    EXPECT_EQ(page.headers["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(page.headers["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(page.headers["Cross-Origin-Opener-Policy"], "same-origin");
  }
}

TEST_F(DashboardPageTest, ThePageStartsOnWhatTheShellWillAskForFirst) {
  // Who is signed in, always; the module of the tab the URL opens, when the tenant has it.
  const std::string me = "<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/t/acme/api/v1/auth/session\">";
  auto overview = host_->get("/t/acme/");
  EXPECT_NE(overview.body.find(me), std::string::npos) << overview.body;
  EXPECT_EQ(overview.body.find("/ui/tokens/"), std::string::npos);
  auto tab = host_->get("/t/acme/tokens/new");
  EXPECT_NE(tab.body.find(me), std::string::npos);
  EXPECT_TRUE(std::regex_search(tab.body, std::regex(R"re(<link rel="modulepreload" href="/t/acme/ui/tokens/@[0-9a-f]{12}/tab\.js">)re")))
      << tab.body;
  // Not for a tenant that disabled the plugin.
  EXPECT_EQ(host_->get("/t/framed/tokens").body.find("modulepreload"), std::string::npos);
}

TEST_F(DashboardPageTest, TheTenantRootWithoutItsSlashMovesThereAndOtherMethodsFindNothing) {
  auto moved = host_->get("/t/acme?next=x");
  EXPECT_EQ(moved.status, 308);
  EXPECT_EQ(moved.headers["Location"], "/t/acme/?next=x");
  EXPECT_EQ(host_->request("POST", "/t/acme/profile", "{}").status, 404);
  EXPECT_EQ(host_->request("POST", "/t/acme/ui/tabhost/shell.js", "{}").status, 404);
  EXPECT_EQ(host_->get("/t/nobody/").status, 404);
  // The host's prefixes are never pages: a client that mistyped gets JSON.
  for (const std::string path : {"/t/acme/api", "/t/acme/api/v2/me", "/t/acme/ui", "/t/acme/ui/"}) {
    auto answer = host_->get(path);
    EXPECT_EQ(answer.status, 404) << path;
    EXPECT_EQ(answer.text("error.code"), "not_found") << path << " " << answer.body;
  }
  // A link mailed before the set-password page joined the dashboard.
  auto old = host_->get("/t/acme/ui/tabhost/set-password.html");
  EXPECT_EQ(old.status, 308);
  EXPECT_EQ(old.headers["Location"], "/t/acme/set-password");
}

TEST_F(DashboardPageTest, ACustomDomainServesThePageAtItsRoot) {
  auto page = host_->get("/companies", {{"Host", "admin.acme.example"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("content=\"/\""), std::string::npos) << page.body;
  EXPECT_TRUE(std::regex_match(shellUrl(page.body), std::regex("/ui/tabhost/@[0-9a-f]{12}/shell\\.js")));
  auto module = host_->get(shellUrl(page.body), {{"Host", "admin.acme.example"}});
  EXPECT_EQ(module.status, 200);
}

TEST_F(DashboardPageTest, FrameAncestorsComeFromTheTenantFile) {
  auto page = host_->get("/t/framed/");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.headers["Content-Security-Policy"].find("frame-ancestors https://portal.partner.example"),
            std::string::npos)
      << page.headers["Content-Security-Policy"];
  // X-Frame-Options cannot name an origin: left out where framing is allowed.
  EXPECT_EQ(page.headers.count("X-Frame-Options"), 0u);
}

TEST_F(DashboardPageTest, AVersionedModuleIsCachedForGoodAndAnUnversionedOneIsRevalidated) {
  const std::string url = shellUrl(host_->get("/t/acme/").body);
  auto module = host_->get(url);
  ASSERT_EQ(module.status, 200) << module.body;
  EXPECT_EQ(module.headers["Content-Type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(module.headers["Cache-Control"], "public, max-age=31536000, immutable");
  EXPECT_NE(module.body.find("tabhost-shell"), std::string::npos);

  auto zipped = host_->get(url, {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(zipped.headers["Content-Encoding"], "gzip");
  EXPECT_EQ(zipped.headers["Vary"], "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), module.body.size() / 2);
  EXPECT_EQ(host_->get(url, {{"Accept-Encoding", "br, gzip;q=0"}}).headers.count("Content-Encoding"), 0u);

  auto plain = host_->get("/t/acme/ui/tabhost/shell.js");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.headers["Cache-Control"], "no-cache");
  const std::string etag = plain.headers["ETag"];
  EXPECT_TRUE(std::regex_match(etag, std::regex("\"[0-9a-f]{12}\""))) << etag;
  auto unchanged = host_->get("/t/acme/ui/tabhost/shell.js", {{"If-None-Match", "\"other\", W/" + etag}});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  // The gzipped bytes are another representation, with a tag of their own.
  auto zippedPlain = host_->get("/t/acme/ui/tabhost/shell.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zippedPlain.headers["ETag"], etag.substr(0, etag.size() - 1) + "-gz\"");
  EXPECT_EQ(host_->get("/t/acme/ui/tabhost/shell.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}}).status,
            200);
  // A version an upgrade replaced still answers, revalidated like the unversioned URL.
  auto stale = host_->get("/t/acme/ui/tabhost/@000000000000/shell.js");
  EXPECT_EQ(stale.status, 200);
  EXPECT_EQ(stale.headers["Cache-Control"], "no-cache");
  EXPECT_EQ(host_->get("/t/acme/ui/tabhost/nothing.js").status, 404);
}

TEST_F(DashboardPageTest, TabsNameTheirElementAndModuleAndADisabledPluginServesNone) {
  createUser(config_, "acme", "owner@acme.test", "owner");
  const std::string token = createToken(config_, "acme", "owner@acme.test");
  auto tabs = host_->get("/t/acme/api/v1/tabs", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(tabs.status, 200) << tabs.body;
  EXPECT_EQ(tabs.text("tabs.0.id"), "tokens");
  EXPECT_EQ(tabs.text("tabs.0.ui.element"), "tabhost-tokens");
  EXPECT_EQ(tabs.text("tabs.0.ui.contract"), "1");
  EXPECT_EQ(tabs.text("tabs.0.settings_pages"), "[]");
  const std::string module = tabs.text("tabs.0.ui.module_url");
  ASSERT_TRUE(std::regex_match(module, std::regex("/t/acme/ui/tokens/@[0-9a-f]{12}/tab\\.js"))) << module;
  auto script = host_->get(module);
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.headers["Cache-Control"], "public, max-age=31536000, immutable");
  // The kit rides beside every plugin's files.
  EXPECT_EQ(host_->get("/t/acme/ui/tokens/tabhost-ui.js").status, 200);
  // Tenant "framed" disabled the plugin: its files and routes do not exist
  // there, whatever the method (a 405 would tell that it is installed).
  EXPECT_EQ(host_->get("/t/framed/ui/tokens/tab.js").status, 404);
  EXPECT_EQ(host_->request("PUT", "/t/framed/api/v1/tokens", "{}").status, 404);
  EXPECT_EQ(host_->request("PUT", "/t/acme/api/v1/tokens", "{}").status, 405);
}

TEST_F(DashboardPageTest, TheSessionQuestionIsAnsweredSignedInOrNot) {
  auto out = host_->get("/t/acme/api/v1/auth/session", {{"Cookie", "tabhost_acme=not-a-session"}});
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.text("signed_in"), "false");
  EXPECT_EQ(out.text("branding.product_name"), "Acme <Admin>");
  EXPECT_EQ(out.text("user"), "null");
  createUser(config_, "acme", "owner@acme.test", "owner");
  const std::string token = createToken(config_, "acme", "owner@acme.test");
  auto in = host_->get("/t/acme/api/v1/auth/session", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(in.text("signed_in"), "true");
  EXPECT_EQ(in.text("user.email"), "owner@acme.test");
  EXPECT_EQ(in.text("tabs.0.id"), "tokens");
}

TEST_F(DashboardPageTest, AnApiAnswerCanNeitherRunNorBeFramed) {
  auto branding = host_->get("/t/acme/api/v1/branding");
  ASSERT_EQ(branding.status, 200);
  EXPECT_EQ(branding.headers["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'; sandbox");
  EXPECT_EQ(branding.headers["X-Frame-Options"], "DENY");
  EXPECT_EQ(branding.headers["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(branding.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(branding.headers["Cross-Origin-Opener-Policy"], "same-origin");
}

}  // namespace
}  // namespace tabhost::test
