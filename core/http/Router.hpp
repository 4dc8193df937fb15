// Matches a method and an API path (relative to /t/{tenant}/api/v1) to a
// registered route. Literal segments win over {param} captures, leftmost
// first, so "/companies/imports" beats "/companies/{id}".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/plugins/Registry.hpp"

namespace tabhost::core {

struct RouteMatch {
  const RegisteredRoute* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
};

class Router {
 public:
  explicit Router(const std::vector<RegisteredRoute>& routes);

  std::optional<RouteMatch> match(sdk::Method method, std::string_view path) const;
  /// A route with this path under another method, if any (for 405 when its
  /// plugin is enabled for the tenant: a disabled plugin's paths are 404).
  const RegisteredRoute* otherMethod(sdk::Method method, std::string_view path) const;

 private:
  struct Compiled {
    const RegisteredRoute* route;
    std::vector<std::string> segments;  // "{name}" for a capture
  };
  const Compiled* best(sdk::Method method, const std::vector<std::string_view>& segments) const;

  std::vector<Compiled> routes_;
};

/// Parses "GET", "POST", ...; nullopt for methods no route can have.
std::optional<sdk::Method> parseMethod(std::string_view text);

}  // namespace tabhost::core
