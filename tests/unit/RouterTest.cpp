#include <gtest/gtest.h>

#include "core/http/Router.hpp"

using namespace tabhost::core;
using tabhost::sdk::Method;

namespace {
RegisteredRoute route(Method m, const std::string& path) {
  tabhost::sdk::RouteSpec spec{m, path, tabhost::sdk::Access::publicRoute(), {}};
  return {"p", spec, path};
}
}  // namespace

TEST(Router, CapturesParameters) {
  std::vector<RegisteredRoute> routes{route(Method::Get, "/companies/{id}/members/{member}")};
  Router router(routes);
  auto m = router.match(Method::Get, "/companies/42/members/7");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->params, (std::vector<std::pair<std::string, std::string>>{{"id", "42"}, {"member", "7"}}));
  EXPECT_FALSE(router.match(Method::Get, "/companies/42/members"));
  EXPECT_FALSE(router.match(Method::Get, "/companies//members/7"));
}

TEST(Router, LiteralBeatsCaptureWhateverTheRegistrationOrder) {
  std::vector<RegisteredRoute> routes{route(Method::Get, "/companies/{id}"), route(Method::Get, "/companies/imports")};
  Router router(routes);
  EXPECT_EQ(router.match(Method::Get, "/companies/imports")->route->spec.path, "/companies/imports");
  EXPECT_EQ(router.match(Method::Get, "/companies/9")->route->spec.path, "/companies/{id}");
}

TEST(Router, MethodMattersAndOtherMethodIsReported) {
  std::vector<RegisteredRoute> routes{route(Method::Post, "/items")};
  Router router(routes);
  EXPECT_FALSE(router.match(Method::Get, "/items"));
  ASSERT_NE(router.otherMethod(Method::Get, "/items"), nullptr);
  EXPECT_EQ(router.otherMethod(Method::Get, "/items")->spec.method, Method::Post);
  EXPECT_EQ(router.otherMethod(Method::Get, "/nothing"), nullptr);
  EXPECT_EQ(parseMethod("HEAD"), Method::Get);
  EXPECT_FALSE(parseMethod("TRACE"));
}
