#include "core/http/Router.hpp"

namespace tabhost::core {

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool isCapture(const std::string& segment) { return segment.size() > 2 && segment.front() == '{'; }

}  // namespace

std::optional<sdk::Method> parseMethod(std::string_view text) {
  if (text == "GET" || text == "HEAD") return sdk::Method::Get;
  if (text == "POST") return sdk::Method::Post;
  if (text == "PUT") return sdk::Method::Put;
  if (text == "PATCH") return sdk::Method::Patch;
  if (text == "DELETE") return sdk::Method::Delete;
  return std::nullopt;
}

Router::Router(const std::vector<RegisteredRoute>& routes) {
  for (const auto& r : routes) {
    Compiled c{&r, {}};
    for (auto part : split(r.spec.path)) c.segments.emplace_back(part);
    routes_.push_back(std::move(c));
  }
}

const Router::Compiled* Router::best(sdk::Method method, const std::vector<std::string_view>& segments) const {
  const Compiled* winner = nullptr;
  unsigned winnerScore = 0;
  for (const auto& c : routes_) {
    if (c.route->spec.method != method || c.segments.size() != segments.size()) continue;
    unsigned score = 0;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      if (isCapture(c.segments[i])) {
        matches = !segments[i].empty();
      } else {
        matches = c.segments[i] == segments[i];
        // A literal further left weighs more than every literal to its right.
        if (i < 32) score |= 1u << (31 - i);
      }
    }
    if (matches && (!winner || score > winnerScore)) {
      winner = &c;
      winnerScore = score;
    }
  }
  return winner;
}

std::optional<RouteMatch> Router::match(sdk::Method method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  auto segments = split(path);
  const Compiled* c = best(method, segments);
  if (!c) return std::nullopt;
  RouteMatch m{c->route, {}};
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (isCapture(c->segments[i]))
      m.params.emplace_back(c->segments[i].substr(1, c->segments[i].size() - 2), std::string(segments[i]));
  return m;
}

const RegisteredRoute* Router::otherMethod(sdk::Method method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return nullptr;
  auto segments = split(path);
  for (auto other : {sdk::Method::Get, sdk::Method::Post, sdk::Method::Put, sdk::Method::Patch, sdk::Method::Delete})
    if (const Compiled* c = other != method ? best(other, segments) : nullptr) return c->route;
  return nullptr;
}

}  // namespace tabhost::core
