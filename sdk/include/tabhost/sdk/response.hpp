// Tabhost plugin SDK — what a handler returns.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// What one step of a streamed body did.
enum class StreamStep { More, Done, Failed };

/// An HTTP response. Most handlers return JSON (`Response::json(...)`); the
/// host serialises it. `Response::bytes(...)` sends raw content (CSV exports,
/// images) with the given content type.
struct Response {
  /// HTTP status code.
  int status = 200;
  /// The JSON body; used unless `raw` is set.
  Json body;
  /// True when `rawBody` is the body instead of `body`.
  bool raw = false;
  /// Raw body bytes (only when `raw`).
  std::string rawBody;
  /// Content type of a raw body.
  std::string contentType = "application/json";
  /// Extra headers (name, value). Hop-by-hop and security headers set by the
  /// host (Content-Length, X-Request-Id, ...) cannot be overridden.
  std::vector<std::pair<std::string, std::string>> headers;
  /// A body produced piece by piece (set by Response::streamed): the host
  /// calls it until it says Done or Failed, sending each piece as it comes.
  std::function<StreamStep(std::string& out)> stream;

  /// A JSON response.
  static Response json(Json body, int status = 200) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  /// 201 Created with a JSON body.
  static Response created(Json body) { return json(std::move(body), 201); }
  /// 204 No Content.
  static Response noContent() {
    Response r;
    r.status = 204;
    return r;
  }
  /// Raw bytes with a content type.
  static Response bytes(std::string data, std::string contentType, int status = 200) {
    Response r;
    r.status = status;
    r.raw = true;
    r.rawBody = std::move(data);
    r.contentType = std::move(contentType);
    return r;
  }
  /// A body too large to hold in memory, for GET routes: `next(out)` appends
  /// the next piece to `out` and returns false after the last one; each piece
  /// is sent as it comes (chunked). It runs while the request's database
  /// connection is still open, so it may keep querying through the
  /// RequestContext. If it throws, the response is cut short (the status has
  /// already gone out) and the connection closed; the exception is caught
  /// here, on the plugin's side, like every other plugin error.
  static Response streamed(std::string contentType, std::function<bool(std::string& out)> next) {
    Response r;
    r.raw = true;
    r.contentType = std::move(contentType);
    r.stream = [next = std::move(next)](std::string& out) noexcept {
      try {
        return next(out) ? StreamStep::More : StreamStep::Done;
      } catch (...) {
        return StreamStep::Failed;
      }
    };
    return r;
  }
};

}  // namespace tabhost::sdk
