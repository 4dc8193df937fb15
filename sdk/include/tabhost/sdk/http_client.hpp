// Tabhost plugin SDK — calls from the host to another service (since SDK ABI 2.5).
//
// RequestContext::fetch makes one HTTP or HTTPS request, bounded in time and
// size, for what a plugin must ask a provider (checking credentials, say).
// Failures to reach the service come back as values, never as exceptions, so
// that a plugin can turn each into a clear answer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tabhost::sdk {

/// One outbound request.
struct HttpCall {
  /// "GET", "POST", ...
  std::string method = "GET";
  /// Absolute http:// or https:// URL (HTTPS peers are verified). The host
  /// logs it without its query string; still, put credentials in headers.
  std::string url;
  /// Request headers (name, value), e.g. {"Authorization", basicAuth(...)}.
  std::vector<std::pair<std::string, std::string>> headers;
  /// Request body; sent with `contentType` when not empty.
  std::string body;
  /// Content-Type of `body`.
  std::string contentType = "application/json";
  /// Bound on connecting, sending and each wait for the answer, and half
  /// the bound on the whole call; the host caps it at 30,000 ms.
  int timeoutMs = 5000;
};

/// What came back.
struct HttpReply {
  enum class Failure {
    None,         ///< an HTTP answer arrived (any status): see `status`
    Timeout,      ///< no answer within the call's timeout
    Unreachable,  ///< the name did not resolve, or the connection was refused or broken
    Invalid,      ///< the call itself was wrong (not an http(s) URL)
  };
  Failure failure = Failure::None;
  /// HTTP status, 0 when `failure` is not None.
  int status = 0;
  /// The answer's headers (name, value) as received.
  std::vector<std::pair<std::string, std::string>> headers;
  /// At most 1 MiB of the answer's body.
  std::string body;
  /// What went wrong, for a message (empty when failure is None).
  std::string message;

  bool ok() const { return failure == Failure::None && status >= 200 && status < 300; }
};

/// The value of an `Authorization` header for HTTP Basic authentication.
inline std::string basicAuth(std::string_view user, std::string_view password) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string plain;
  plain.reserve(user.size() + 1 + password.size());
  plain.append(user).append(1, ':').append(password);
  std::string encoded = "Basic ";
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    const std::size_t left = plain.size() - i;
    std::uint32_t group = static_cast<unsigned char>(plain[i]) << 16;
    if (left > 1) group |= static_cast<unsigned char>(plain[i + 1]) << 8;
    if (left > 2) group |= static_cast<unsigned char>(plain[i + 2]);
    encoded += kAlphabet[(group >> 18) & 63];
    encoded += kAlphabet[(group >> 12) & 63];
    encoded += left > 1 ? kAlphabet[(group >> 6) & 63] : '=';
    encoded += left > 2 ? kAlphabet[group & 63] : '=';
  }
  return encoded;
}

}  // namespace tabhost::sdk
