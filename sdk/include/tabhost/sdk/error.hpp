// Tabhost plugin SDK — typed errors.
//
// Throw an Error from a handler to answer with a JSON error:
//   {"error": {"code": ..., "message": ..., "field": ..., "request_id": ...}}
// Anything else a handler throws becomes a 500 "internal" error whose details
// are logged but never sent to the client.
#pragma once

#include <stdexcept>
#include <string>

namespace tabhost::sdk {

/// An error with an HTTP status, a stable machine-readable code
/// (e.g. "users.email_taken"), a human message and, for input errors, the
/// offending field (e.g. "email" or "address.country").
class Error : public std::runtime_error {
 public:
  Error(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const std::string& field() const noexcept { return field_; }

  /// 400: the input is malformed or invalid.
  static Error badRequest(std::string code, std::string message, std::string field = {}) {
    return Error(400, std::move(code), std::move(message), std::move(field));
  }
  /// 401: the caller is not authenticated.
  static Error unauthorized(std::string message = "authentication required") {
    return Error(401, "unauthorized", std::move(message));
  }
  /// 403: authenticated, but not allowed.
  static Error forbidden(std::string code, std::string message, std::string field = {}) {
    return Error(403, std::move(code), std::move(message), std::move(field));
  }
  /// 404: no such resource (for this tenant).
  static Error notFound(std::string code, std::string message) {
    return Error(404, std::move(code), std::move(message));
  }
  /// 409: conflicts with the current state (duplicate, stale, ...).
  static Error conflict(std::string code, std::string message, std::string field = {}) {
    return Error(409, std::move(code), std::move(message), std::move(field));
  }
  /// 422: well-formed but semantically refused (e.g. an immutable field).
  static Error unprocessable(std::string code, std::string message, std::string field = {}) {
    return Error(422, std::move(code), std::move(message), std::move(field));
  }

 private:
  int status_;
  std::string code_;
  std::string message_;
  std::string field_;
};

}  // namespace tabhost::sdk
