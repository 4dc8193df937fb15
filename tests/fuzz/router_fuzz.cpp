// The router matches every request's method and path against the routes
// the plugins registered. Input: a method, a space, then the path.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/http/Router.hpp"
#include "FuzzCheck.hpp"

namespace {

using tabhost::core::RegisteredRoute;
using tabhost::sdk::Method;

RegisteredRoute route(Method method, const char* path) {
  RegisteredRoute r;
  r.spec.method = method;
  r.spec.path = path;
  return r;
}

// Shapes the built-in plugins register: literals beside captures at the
// same place, several captures, the root, a trailing capture.
const std::vector<RegisteredRoute>& routes() {
  static const std::vector<RegisteredRoute> all{
      route(Method::Get, "/companies"),
      route(Method::Post, "/companies"),
      route(Method::Get, "/companies/imports"),
      route(Method::Get, "/companies/{id}"),
      route(Method::Patch, "/companies/{id}"),
      route(Method::Delete, "/companies/{id}"),
      route(Method::Get, "/companies/{id}/members/{userId}"),
      route(Method::Put, "/companies/{id}/call-tree"),
      route(Method::Get, "/companies/imports/{importId}"),
      route(Method::Get, "/{plugin}/settings"),
      route(Method::Get, "/users/me"),
      route(Method::Get, "/"),
  };
  return all;
}

std::size_t capturesIn(std::string_view path) {
  std::size_t n = 0;
  for (char c : path) n += c == '{';
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tabhost::core::Router router(routes());
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t space = input.find(' ');
  const std::string_view path = space == std::string_view::npos ? input : input.substr(space + 1);
  const Method method =
      tabhost::core::parseMethod(input.substr(0, std::min(space, input.size()))).value_or(Method::Get);

  if (const auto match = router.match(method, path)) {
    fuzzCheck(match->route->spec.method == method, "a match has the request's method");
    fuzzCheck(match->params.size() == capturesIn(match->route->spec.path), "every capture of the route is filled");
    for (const auto& [name, value] : match->params)
      fuzzCheck(!name.empty() && !value.empty() && value.find('/') == std::string::npos,
                "a capture holds one non-empty segment");
  }
  if (const auto* other = router.otherMethod(method, path))
    fuzzCheck(other->spec.method != method, "otherMethod names another method");
  return 0;
}
