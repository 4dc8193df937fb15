// The host side of tabhost::sdk::RequestContext.
//
// RequestState is one request as the pipeline sees it (tenant, principal,
// body, the lazily opened tenant database and its transaction). Each plugin
// callback gets a PluginRequestContext: a view of that state tagged with the
// plugin's id, settings, logger and audit vocabulary.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>

#include "core/audit/AuditLog.hpp"
#include "core/config/ConfigModel.hpp"
#include "core/identity/AccountManager.hpp"
#include "core/identity/IdentityServices.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/identity/Sessions.hpp"
#include "core/plugins/Registry.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/storage/TenantDatabases.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::core {

/// What a request needs to know of the running host, per plugin.
class PluginDirectory {
 public:
  virtual ~PluginDirectory() = default;
  virtual bool enabledFor(const ConfigSnapshot& config, const TenantConfig& tenant,
                          const std::string& pluginId) const = 0;
  /// The plugin's settings for the tenant (defaults when the tenant gives none).
  virtual const sdk::Json& settingsFor(const TenantConfig& tenant, const std::string& pluginId) const = 0;
  /// Whether the plugin was built against SDK ABI 2.4 or older: it has no
  /// secretSetting(), so settings() keeps giving it Secret settings in
  /// plaintext, as those versions did.
  virtual bool readsSecretsInSettings(const std::string& pluginId) const = 0;
};

/// The request body as a BodyReader: the connection's stream on a
/// streamBody route, otherwise the body the pipeline has already read.
class RequestBody final : public sdk::BodyReader {
 public:
  /// Reads from `stream` when given, else from `buffered`.
  RequestBody(std::istream* stream, std::string_view buffered, std::int64_t declared)
      : stream_(stream), buffered_(buffered), declared_(declared) {}
  std::size_t read(char* buffer, std::size_t size) override;
  std::int64_t declaredLength() const override { return declared_; }
  std::int64_t bytesRead() const override { return read_; }

 private:
  std::istream* stream_;
  std::string_view buffered_;
  std::int64_t declared_;
  std::int64_t read_ = 0;
};

class RequestState {
 public:
  RequestState(Poco::Net::HTTPServerRequest& http, std::string requestId, std::shared_ptr<const ConfigSnapshot> config,
               const TenantConfig& tenant, const Registrations& registry, const PluginDirectory& plugins,
               TenantDatabases& databases, IdentityServices& identity);
  ~RequestState();

  Poco::Net::HTTPServerRequest& http;
  const std::string requestId;
  const std::shared_ptr<const ConfigSnapshot> config;
  const TenantConfig& tenantConfig;
  const Registrations& registry;
  const PluginDirectory& plugins;
  IdentityServices& identity;
  sdk::Tenant tenant;
  sdk::Principal principal;
  /// How the principal proved who they are.
  enum class Credential { None, Session, Token };
  Credential credential = Credential::None;
  /// The session cookie's value and its stored row (Credential::Session).
  std::string sessionId;
  Session session;
  /// Set when the session acts as another user: the principal is that
  /// user, and every audit entry names the impersonator.
  std::optional<ActiveImpersonation> impersonation;
  /// Signed in with a temporary password: only change-password, me and
  /// logout are open until it is replaced.
  bool passwordChangeRequired = false;
  /// Audit entries written so far in this request.
  int auditEntries = 0;
  /// Security entries that must outlive a failed request (failed sign-ins,
  /// refused credentials): written in a transaction of their own after the
  /// request's own transaction ends.
  std::vector<AuditEntry> deferredSecurity;
  /// Other writes that must outlive a failed request (ending an expired
  /// impersonation), run in that same transaction.
  std::vector<std::function<void(sdk::Database&)>> deferredWrites;
  /// Credentials changed (a token revoked, sessions ended): the token cache
  /// is cleared again once the change is committed.
  bool credentialsChanged = false;
  /// Headers for an error answer (Retry-After, a cookie to clear).
  std::vector<std::pair<std::string, std::string>> errorHeaders;
  /// Headers the host adds to a successful answer (a switched session's cookie).
  std::vector<std::pair<std::string, std::string>> responseHeaders;
  std::string method;
  std::string rawQuery;
  std::string rawBody;
  /// The route reads its own body (Registrar::streamBody): rawBody stays empty.
  bool streamsBody = false;
  std::vector<std::pair<std::string, std::string>> params;
  /// Mutating routes run in one transaction, opened with the database.
  bool mutating = false;

  const sdk::Json& body();
  /// The body as a stream (see RequestBody), made on first use.
  sdk::BodyReader& bodyReader();
  std::optional<std::string> query(std::string_view name);
  /// The tenant database, opened (and, for mutating routes, a transaction
  /// begun) on first use.
  sdk::Database& database();
  /// Runs `work`, which only reads, and returns what it returns: on
  /// database() once it is open; before that, on a pooled connection kept
  /// for such reads until database() opens. So a writing request
  /// authenticates and reads its settings without taking its tenant's
  /// writer turn: a route that receives a large upload first takes it only
  /// when the upload is in.
  template <class Work>
  auto read(Work&& work) {
    return std::forward<Work>(work)(readingDatabase());
  }
  /// Runs `write` in the request's transaction: at once when that is open or
  /// the request does not write, else as soon as database() begins it. For
  /// the bookkeeping of authentication (a token's last use, a session's
  /// last activity), which so takes no writer turn; minute-precise and for
  /// people, it is left out when a route never opens the database.
  void writeWithRequest(std::function<void(sdk::Database&)> write);
  /// Commits the transaction if one is open; throws on failure.
  void commit();
  /// Rolls back if a transaction is open; never throws.
  void rollback() noexcept;
  /// Gives the database connections back to the pool now (a streamed body
  /// is sent after its rows are read); a later use takes one again.
  void releaseDatabase() noexcept;
  /// The TCP peer's address, for records and rate limits.
  const std::string& clientAddress() const;
  /// The User-Agent header as a record may hold it (printableUtf8, 512 bytes).
  const std::string& userAgent() const;
  /// The tenant's branding: the YAML's, overlaid by the enabled plugins'
  /// branding sources (worked out on first use).
  const sdk::Branding& branding();
  /// What the branding sources give, merged (product_name, logo_url,
  /// primary_color, marketing_html; absent where none gives it).
  const sdk::Json& brandingOverrides();
  /// Effective plugin settings worked out in this request, by plugin.
  std::map<std::string, sdk::Json> settingsCache;
  /// All databases (the system one holds platform operators).
  TenantDatabases& storage() { return databases_; }
  /// Appends an entry for this request (actor, request id, client filled in
  /// from the request) in its transaction.
  void audit(AuditEntry entry);
  /// An entry for this request with the principal and client filled in.
  AuditEntry auditEntry(std::string plugin, std::string action, std::string targetType, std::string targetId,
                        sdk::Json metadata = {}) const;
  /// The host's entry of category "security" (sign-ins, credentials).
  AuditEntry securityEntry(std::string action, std::string targetType, std::string targetId,
                           sdk::Json metadata) const;

 private:
  // The database read() hands out.
  sdk::Database& readingDatabase();

  TenantDatabases& databases_;
  std::optional<sdk::Json> body_;
  std::optional<RequestBody> bodyReader_;
  // Worked out on first use: most requests write no record and meet no limit.
  mutable std::optional<std::string> clientAddress_;
  mutable std::optional<std::string> userAgent_;
  std::optional<sdk::Branding> branding_;
  std::optional<sdk::Json> brandingOverrides_;
  std::optional<std::vector<std::pair<std::string, std::string>>> query_;
  FifoTurns::Held writerTurn_;  // released after the lease's transaction ends
  std::optional<ConnectionPool::Lease> lease_;
  std::optional<PocoDatabase> database_;
  std::optional<ConnectionPool::Lease> readerLease_;  // read() before database(); let go when it opens
  std::optional<PocoDatabase> reader_;
  std::vector<std::function<void(sdk::Database&)>> pendingWrites_;
  bool inTransaction_ = false;
};

class PluginRequestContext final : public sdk::RequestContext,
                                   private sdk::Audit,
                                   private sdk::Identity,
                                   private sdk::Mailer {
 public:
  PluginRequestContext(RequestState& state, std::string pluginId) : state_(state), pluginId_(std::move(pluginId)) {}

  const sdk::Tenant& tenant() const override { return state_.tenant; }
  const sdk::Principal& principal() const override { return state_.principal; }
  const std::string& requestId() const override { return state_.requestId; }
  const std::string& method() const override { return state_.method; }
  std::optional<std::string> param(std::string_view name) const override;
  std::optional<std::string> query(std::string_view name) const override { return state_.query(name); }
  std::optional<std::string> header(std::string_view name) const override;
  const sdk::Json& body() const override { return state_.body(); }
  const std::string& rawBody() const override { return state_.rawBody; }
  const sdk::Json& settings() const override;
  sdk::Database& db() override { return state_.database(); }
  sdk::Audit& audit() override { return *this; }
  sdk::Logger& log() override;
  void emit(std::string_view name, const sdk::Json& payload) override;
  std::string jsonText(const sdk::Json& value) const override;
  sdk::Json parseJson(const std::string& text) const override;
  sdk::Identity& identity() override { return *this; }
  const std::string& clientAddress() const override { return state_.clientAddress(); }
  sdk::Mailer& mail() override { return *this; }
  sdk::Accounts& accounts() override;
  const sdk::Branding& branding() const override { return state_.branding(); }
  sdk::Impersonation& impersonation() override;
  sdk::BodyReader& bodyReader() override { return state_.bodyReader(); }
  std::optional<std::string> secretSetting(std::string_view name) override;
  sdk::HttpReply fetch(const sdk::HttpCall& call) override;

  /// The request state behind this view (for the host's own routes).
  RequestState& state() { return state_; }

 private:
  void recordChanges(std::string_view action, std::string_view targetType, std::string_view targetId,
                     const sdk::Json& metadata, const std::vector<sdk::Change>& changes) override;
  sdk::IssuedToken issueToken(const std::string& name, const std::vector<std::string>& scopes,
                              int expiresInDays) override;
  std::vector<sdk::TokenInfo> tokens() override;
  bool revokeToken(const std::string& id) override;
  void endSessions(const std::string& userId) override;
  std::string send(const sdk::MailMessage& message) override;

  RequestState& state_;
  std::string pluginId_;
  std::unique_ptr<sdk::Logger> logger_;
  std::unique_ptr<AccountManager> accounts_;
  std::unique_ptr<ImpersonationService> impersonation_;
};

/// The request state behind a context the host created (for the host's own
/// routes, which are registered like a plugin's but are part of the host).
inline RequestState& stateOf(sdk::RequestContext& ctx) { return static_cast<PluginRequestContext&>(ctx).state(); }

/// `text` as valid UTF-8 without control characters (each bad byte becomes
/// '?'), cut at a character boundary within `maxBytes`: what a header may
/// put into a stored record.
std::string printableUtf8(const std::string& text, std::size_t maxBytes);

/// "anonymous", "user" or "api_token": how audit entries name the actor kind.
const char* actorType(const sdk::Principal& principal);
/// "token" for API tokens, "direct" otherwise (impersonation: see RequestState::auditEntry).
const char* viaOf(const sdk::Principal& principal);

}  // namespace tabhost::core
