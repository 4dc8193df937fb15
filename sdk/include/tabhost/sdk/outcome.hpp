// Tabhost plugin SDK — errors cross the plugin boundary as values.
//
// Every callback a plugin hands the host (route handlers, stat cards, event
// handlers) is wrapped, inside the plugin, by `guard`: whatever it throws is
// caught there and returned as an Outcome. The host never has to unwind a
// plugin's exception.
#pragma once

#include <exception>
#include <string>
#include <utility>

#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/response.hpp"

namespace tabhost::sdk {

/// The result of a plugin callback: a response, or an error.
struct Outcome {
  /// True when `response` holds the answer.
  bool ok = true;
  Response response;
  /// On failure: HTTP status, error code, client-safe message and field.
  int status = 0;
  std::string code;
  std::string message;
  std::string field;
  /// On an unexpected exception: its what(), for the log only (never sent).
  std::string detail;

  static Outcome success(Response r) {
    Outcome o;
    o.response = std::move(r);
    return o;
  }
  static Outcome failure(const Error& e) {
    Outcome o;
    o.ok = false;
    o.status = e.status();
    o.code = e.code();
    o.message = e.message();
    o.field = e.field();
    return o;
  }
  static Outcome internal(std::string detail) {
    Outcome o;
    o.ok = false;
    o.status = 500;
    o.code = "internal";
    o.message = "internal error";
    o.detail = std::move(detail);
    return o;
  }
};

namespace detail {

/// Runs `f` (returning a Response) and converts anything it throws.
template <class F>
Outcome guard(F&& f) noexcept {
  try {
    return Outcome::success(f());
  } catch (const Error& e) {
    return Outcome::failure(e);
  } catch (const std::exception& e) {
    return Outcome::internal(e.what());
  } catch (...) {
    return Outcome::internal("unknown exception");
  }
}

}  // namespace detail
}  // namespace tabhost::sdk
