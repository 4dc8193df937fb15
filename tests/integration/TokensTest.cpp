// API tokens and access control over real HTTP: issue once, list without the
// secret, scopes, typo rejection, revocation and owner suspension felt at
// once, cross-tenant refusal, and deny-by-default on every route.
#include <algorithm>
#include <sstream>
#include <thread>

#include <Poco/Data/Session.h>

#include "IdentityFixture.hpp"

namespace tabhost::test {
namespace {

using TokensTest = IdentityTest;

TEST_P(TokensTest, IssuedOnceListedWithoutTheSecretAndScoped) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  auto issued = host_->request("POST", api(a_, "/tokens"),
                               R"({"name":"reporting","scopes":["tokens.read"],"expires_in_days":30})",
                               owner.headers());
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token = issued.text("token");
  EXPECT_EQ(token.rfind("tle_", 0), 0u);
  EXPECT_EQ(issued.text("hint"), "tle_…" + token.substr(token.size() - 4));

  auto list = host_->get(api(a_, "/tokens"), owner.headers());
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(token), std::string::npos);  // never the secret again
  EXPECT_NE(list.body.find(R"("name":"reporting")"), std::string::npos) << list.body;

  // The token carries its scopes only.
  EXPECT_EQ(host_->get(api(a_, "/tokens"), bearer(token)).status, 200);
  auto outOfScope = host_->request("POST", api(a_, "/tokens"), R"({"name":"x","scopes":["tokens.read"]})", bearer(token));
  EXPECT_EQ(outOfScope.status, 403);
  EXPECT_EQ(outOfScope.text("error.code"), "forbidden");
  EXPECT_EQ(host_->get(api(a_, "/me"), bearer(token)).text("permissions"), R"(["tokens.read"])");

  // Scopes must be the issuer's own; expiry within a year.
  auto tooWide = host_->request("POST", api(a_, "/tokens"), R"({"name":"x","scopes":["nope.read"]})", owner.headers());
  EXPECT_EQ(tooWide.status, 422);
  EXPECT_EQ(tooWide.text("error.field"), "scopes");
  auto tooLong = host_->request("POST", api(a_, "/tokens"),
                                R"({"name":"x","scopes":["tokens.read"],"expires_in_days":366})", owner.headers());
  EXPECT_EQ(tooLong.status, 422);
  EXPECT_EQ(tooLong.text("error.field"), "expires_in_days");
  EXPECT_EQ(host_->request("POST", api(a_, "/tokens"), R"({"scopes":["tokens.read"]})", owner.headers()).status, 400);

  // The database holds a digest, not the token.
  if (dsn_.empty()) {
    Poco::Data::Session db("SQLite", config_.path("data/" + a_ + ".db"));
    int plain = -1;
    db << "SELECT COUNT(*) FROM api_tokens WHERE hash = ? OR hint = ?", Poco::Data::Keywords::useRef(token),
        Poco::Data::Keywords::useRef(token), Poco::Data::Keywords::into(plain), Poco::Data::Keywords::now;
    EXPECT_EQ(plain, 0);
  }
  const auto actions = auditActions(a_, "&action=tokens.");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "tokens.issue"), actions.end());
}

TEST_P(TokensTest, MistypedRevokedAndForeignTokensAreRefused) {
  START_HOST();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  auto issued = host_->request("POST", api(a_, "/tokens"), R"({"name":"ci","scopes":["tokens.read"]})", owner.headers());
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token = issued.text("token");
  ASSERT_EQ(host_->get(api(a_, "/tokens"), bearer(token)).status, 200);  // now cached

  std::string typo = token;
  typo[10] = typo[10] == 'x' ? 'y' : 'x';
  auto mistyped = host_->get(api(a_, "/tokens"), bearer(typo));
  EXPECT_EQ(mistyped.status, 401);
  EXPECT_EQ(mistyped.text("error.code"), "invalid_token");

  // Another tenant never knows it, cached or not.
  createUser(config_, b_, ownerEmail(b_), "owner");
  EXPECT_EQ(host_->get(api(b_, "/tokens"), bearer(token)).status, 401);
  EXPECT_EQ(host_->get(api(b_, "/me"), bearer(token)).status, 401);

  // Revocation is felt by the very next request.
  auto revoked = host_->request("DELETE", api(a_, "/tokens/" + issued.text("id")), "", owner.headers());
  EXPECT_EQ(revoked.status, 204) << revoked.body;
  auto after = host_->get(api(a_, "/tokens"), bearer(token));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(host_->request("DELETE", api(a_, "/tokens/" + issued.text("id")), "", owner.headers()).status, 404);
}

TEST_P(TokensTest, AnExpiredTokenAndOneOfASuspendedUserStopWorking) {
  START_HOST();
  signedIn(a_, ownerEmail(a_), "owner");
  createUser(config_, a_, "admin@" + a_ + ".test", "admin");
  const std::string expiring = createToken(config_, a_, ownerEmail(a_));
  const std::string adminToken = createToken(config_, a_, "admin@" + a_ + ".test");
  ASSERT_EQ(host_->get(api(a_, "/me"), bearer(expiring)).status, 200);
  ASSERT_EQ(host_->get(api(a_, "/me"), bearer(adminToken)).status, 200);

  // Edit the store as a clock moving on would: expiry passed, user suspended.
  const std::string expire = "UPDATE api_tokens SET expires_s = 1 WHERE user_id = (SELECT id FROM users WHERE email = '" +
                             ownerEmail(a_) + "')";
  const std::string suspend = "UPDATE users SET status = 'suspended' WHERE email = 'admin@" + a_ + ".test'";
  runTenantSql(config_, dsn_, a_, expire);
  runTenantSql(config_, dsn_, a_, suspend);
  // Another host's change (this edit) is seen within the cache's second.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto expired = host_->get(api(a_, "/me"), bearer(expiring));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.text("error.code"), "token_expired");
  EXPECT_EQ(host_->get(api(a_, "/me"), bearer(adminToken)).status, 401);
}

TEST_P(TokensTest, TenantRolesGrantAndReplacePermissionSets) {
  // Viewers here may read the audit log; a "clerk" role adds token reading.
  START_HOST("", "roles:\n  viewer: [audit.read]\n  clerk: [tokens.read]\n  security: [audit.read]\n"
                 "security:\n  token_prefix: acme\n");
  signedIn(a_, ownerEmail(a_), "owner");
  const Browser viewer = signedIn(a_, "viewer@" + a_ + ".test", "viewer");
  EXPECT_EQ(host_->get(api(a_, "/me"), viewer.headers()).text("permissions"), R"(["audit.read"])");
  EXPECT_EQ(host_->get(api(a_, "/audit"), viewer.headers()).status, 200);
  EXPECT_EQ(host_->get(api(a_, "/tokens"), viewer.headers()).status, 403);
  // The tenant's prefix names its tokens.
  auto issued = host_->request("POST", api(a_, "/tokens"), R"({"name":"p","scopes":["tokens.read"]})",
                               signedIn(a_, "admin@" + a_ + ".test", "admin").headers());
  ASSERT_EQ(issued.status, 201) << issued.body;
  EXPECT_EQ(issued.text("token").rfind("acme_", 0), 0u);
  EXPECT_EQ(host_->get(api(a_, "/tokens"), bearer(issued.text("token"))).status, 200);
}

TEST_P(TokensTest, EveryRouteDeniesAnonymousCallersAndViewersWithoutThePermission) {
  START_HOST();
  signedIn(a_, ownerEmail(a_), "owner");
  // A viewer here holds no permission at all (so no token could carry any):
  // signed in with a cookie, writes carrying the CSRF token.
  const Browser viewer = signedIn(a_, "viewer@" + a_ + ".test", "viewer");
  const std::string viewerPermissions = host_->get(api(a_, "/me"), viewer.headers()).text("permissions");
  const auto routes = routeTable(config_);
  ASSERT_GE(routes.size(), 15u);
  int permissionRoutes = 0;
  for (const auto& r : routes) {
    const std::string label = r.method + " " + r.path, url = api(a_, concrete(r.path));
    if (r.rule == "public") continue;
    auto anonymous = host_->request(r.method, url, "{}");
    EXPECT_EQ(anonymous.status, 401) << label << ": " << anonymous.body;
    if (r.rule.rfind("permission:", 0) != 0) continue;
    const std::string permission = r.rule.substr(11);
    if (viewerPermissions.find("\"" + permission + "\"") != std::string::npos) continue;
    auto asViewer = host_->request(r.method, url, "{}", viewer.headers());
    EXPECT_EQ(asViewer.status, 403) << label << ": " << asViewer.body;
    EXPECT_EQ(asViewer.text("error.code"), "forbidden") << label;
    ++permissionRoutes;
  }
  EXPECT_GE(permissionRoutes, 5);
}

TEST_P(TokensTest, ATenantsCredentialsAreNothingOnAnyRouteOfAnother) {
  START_HOST();
  const Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const auto token = bearer(createToken(config_, a_, ownerEmail(a_)));
  createUser(config_, b_, ownerEmail(b_), "owner");
  int checked = 0;
  for (const auto& r : routeTable(config_)) {
    if (r.rule == "public") continue;
    const std::string url = api(b_, concrete(r.path)), label = r.method + " " + r.path;
    auto withToken = host_->request(r.method, url, "{}", token);
    EXPECT_EQ(withToken.status, 401) << label << ": " << withToken.body;
    auto withCookie = host_->request(r.method, url, "{}", owner.headers());
    EXPECT_EQ(withCookie.status, 401) << label << ": " << withCookie.body;
    ++checked;
  }
  EXPECT_GE(checked, 15);
}

TEST_P(TokensTest, EverySuccessfulWriteOnAnyRouteLeavesExactlyOneEntry) {
  START_HOST();
  const Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string reader = createToken(config_, a_, ownerEmail(a_));
  std::vector<std::pair<std::string, int>> calls;  // request id, status
  auto routes = routeTable(config_);
  // Signing out last keeps the session for the others.
  std::stable_partition(routes.begin(), routes.end(), [](const RouteRule& r) { return r.path != "/auth/logout"; });
  for (const auto& r : routes) {
    if (r.method == "GET") continue;
    auto answer = host_->request(r.method, api(a_, concrete(r.path)), "{}", owner.headers());
    calls.emplace_back(answer.headers["X-Request-Id"], answer.status);
    if (r.path == "/auth/logout") break;
  }
  // A successful write through a plugin route with a body that works.
  auto item = host_->request("POST", api(a_, "/basic/items"), R"({"name":"x"})");
  calls.emplace_back(item.headers["X-Request-Id"], item.status);
  const std::string log = host_->get(api(a_, "/audit/export?format=ndjson"), bearer(reader)).body;
  int successes = 0;
  for (const auto& [id, status] : calls) {
    std::size_t count = 0;
    for (std::size_t at = log.find("\"request_id\":\"" + id + "\""); at != std::string::npos;
         at = log.find("\"request_id\":\"" + id + "\"", at + 1))
      ++count;
    const bool succeeded = status >= 200 && status < 300;
    if (succeeded) ++successes;
    EXPECT_EQ(count, succeeded ? 1u : 0u) << id << " status " << status;
  }
  EXPECT_GE(successes, 3);  // logout, 2FA enrolment, the item
}

INSTANTIATE_TEST_SUITE_P(Drivers, TokensTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
