// Tabhost plugin SDK — what a handler sees of one request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tabhost/sdk/accounts.hpp"
#include "tabhost/sdk/audit.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/http_client.hpp"
#include "tabhost/sdk/identity.hpp"
#include "tabhost/sdk/impersonation.hpp"
#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/logger.hpp"
#include "tabhost/sdk/mail.hpp"

namespace tabhost::sdk {

/// The tenant the request is for.
struct Tenant {
  /// Stable id (path segment /t/{id}/ and database name).
  std::string id;
  /// Display name from the tenant's YAML.
  std::string name;
};

/// The tenant's branding (tenant YAML `branding:`), for what a plugin
/// shows or sends. Empty strings where the file sets nothing.
struct Branding {
  /// The product's name as the tenant's users know it (default: the tenant's name).
  std::string productName;
  std::string logoUrl;
  /// "#rrggbb" or "#rgb".
  std::string primaryColor;
  /// Where users write for help (e.g. Reply-To of admin messages).
  std::string supportEmail;
};

/// The request body read piece by piece (since SDK ABI 2.4): for an upload
/// too large to hold in memory, on a route declared with
/// Registrar::streamBody. On other routes it reads the body the host has
/// already read.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  /// Reads up to `size` bytes into `buffer`; returns how many, 0 once the
  /// body has ended. Throws when the client breaks off mid-body.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  /// The Content-Length the client declared, or -1 when it sent the body
  /// chunked (its size then known only at the end).
  virtual std::int64_t declaredLength() const = 0;
  /// Bytes read so far.
  virtual std::int64_t bytesRead() const = 0;
};

/// Everything a handler may use for one request. Valid only during the call.
class RequestContext {
 public:
  virtual ~RequestContext() = default;

  /// The tenant this request is for.
  virtual const Tenant& tenant() const = 0;
  /// Who is acting (already checked against the route's permission).
  virtual const Principal& principal() const = 0;
  /// The host's id for this request, also sent as X-Request-Id.
  virtual const std::string& requestId() const = 0;
  /// "GET", "POST", ...
  virtual const std::string& method() const = 0;
  /// A path parameter of the route, e.g. "id" for "/companies/{id}".
  virtual std::optional<std::string> param(std::string_view name) const = 0;
  /// A query-string parameter (URL-decoded); the first when repeated.
  virtual std::optional<std::string> query(std::string_view name) const = 0;
  /// A request header (case-insensitive name).
  virtual std::optional<std::string> header(std::string_view name) const = 0;
  /// The body parsed as JSON (null when empty). Invalid JSON answers 400
  /// before the handler sees it.
  virtual const Json& body() const = 0;
  /// The body as received.
  virtual const std::string& rawBody() const = 0;
  /// This plugin's settings for this tenant (a JSON object): YAML values
  /// and defaults, overlaid by what the tenant's admin stored through a
  /// settings page. Secret settings appear masked ("••••1234"); read them
  /// with secretSetting().
  virtual const Json& settings() const = 0;
  /// The tenant's database (the request's transaction on mutating routes).
  virtual Database& db() = 0;
  /// The audit log for this request.
  virtual Audit& audit() = 0;
  /// A logger that tags lines with plugin, tenant and request id.
  virtual Logger& log() = 0;
  /// Delivers an event to every handler registered for `name` (in all
  /// enabled plugins of this tenant), synchronously, inside this request.
  virtual void emit(std::string_view name, const Json& payload) = 0;
  /// `value` as compact JSON text (to store a document in a TEXT column).
  virtual std::string jsonText(const Json& value) const = 0;
  /// Parses JSON text (e.g. read from a TEXT column); throws Error 400
  /// "invalid_json" when it is not JSON.
  virtual Json parseJson(const std::string& text) const = 0;
  /// The credentials service (API tokens, sessions) for this tenant.
  virtual Identity& identity() = 0;
  /// The client's address (the TCP peer), for records and rate limits.
  virtual const std::string& clientAddress() const = 0;
  /// Outgoing email for this tenant (since SDK ABI 2.1).
  virtual Mailer& mail() = 0;
  /// The tenant's user accounts (since SDK ABI 2.2).
  virtual Accounts& accounts() = 0;
  /// The tenant's branding (since SDK ABI 2.2).
  virtual const Branding& branding() const = 0;
  /// Acting as another user (since SDK ABI 2.3).
  virtual Impersonation& impersonation() = 0;
  /// The body as a stream (since SDK ABI 2.4); see BodyReader.
  virtual BodyReader& bodyReader() = 0;
  /// The plaintext of this plugin's Secret setting `name` for this tenant
  /// (since SDK ABI 2.5), or nullopt when none is set. Never log it or put
  /// it in an answer or an audit entry.
  virtual std::optional<std::string> secretSetting(std::string_view name) = 0;
  /// Makes an outbound HTTP(S) request (since SDK ABI 2.5); see http_client.hpp.
  virtual HttpReply fetch(const HttpCall& call) = 0;
};

}  // namespace tabhost::sdk
