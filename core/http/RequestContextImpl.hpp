// The host side of tabhost::sdk::RequestContext.
//
// RequestState is one request as the pipeline sees it (tenant, principal,
// body, the lazily opened tenant database and its transaction). Each plugin
// callback gets a PluginRequestContext: a view of that state tagged with the
// plugin's id, settings, logger and audit vocabulary.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>

#include "core/config/ConfigModel.hpp"
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
};

class RequestState {
 public:
  RequestState(Poco::Net::HTTPServerRequest& http, std::string requestId, std::shared_ptr<const ConfigSnapshot> config,
               const TenantConfig& tenant, const Registrations& registry, const PluginDirectory& plugins,
               TenantDatabases& databases);
  ~RequestState();

  Poco::Net::HTTPServerRequest& http;
  const std::string requestId;
  const std::shared_ptr<const ConfigSnapshot> config;
  const TenantConfig& tenantConfig;
  const Registrations& registry;
  const PluginDirectory& plugins;
  sdk::Tenant tenant;
  sdk::Principal principal;
  std::string method;
  std::string rawQuery;
  std::string rawBody;
  std::vector<std::pair<std::string, std::string>> params;
  /// Mutating routes run in one transaction, opened with the database.
  bool mutating = false;

  const sdk::Json& body();
  std::optional<std::string> query(std::string_view name);
  /// The tenant database, opened (and, for mutating routes, a transaction
  /// begun) on first use.
  sdk::Database& database();
  /// Commits the transaction if one is open; throws on failure.
  void commit();
  /// Rolls back if a transaction is open; never throws.
  void rollback() noexcept;

 private:
  TenantDatabases& databases_;
  std::optional<sdk::Json> body_;
  std::optional<std::vector<std::pair<std::string, std::string>>> query_;
  std::unique_lock<std::timed_mutex> writerTurn_;  // released after the lease's transaction ends
  std::optional<ConnectionPool::Lease> lease_;
  std::optional<PocoDatabase> database_;
  bool inTransaction_ = false;
};

class PluginRequestContext final : public sdk::RequestContext, private sdk::Audit {
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
  const sdk::Json& settings() const override { return state_.plugins.settingsFor(state_.tenantConfig, pluginId_); }
  sdk::Database& db() override { return state_.database(); }
  sdk::Audit& audit() override { return *this; }
  sdk::Logger& log() override;
  void emit(std::string_view name, const sdk::Json& payload) override;
  std::string jsonText(const sdk::Json& value) const override;
  sdk::Json parseJson(const std::string& text) const override;

  /// The request state behind this view (for the host's own routes).
  RequestState& state() { return state_; }

 private:
  void record(std::string_view action, std::string_view targetType, std::string_view targetId,
              const sdk::Json& details) override;

  RequestState& state_;
  std::string pluginId_;
  std::unique_ptr<sdk::Logger> logger_;
};

/// "anonymous", "user" or "api_token": how audit entries name the actor kind.
const char* actorType(const sdk::Principal& principal);

}  // namespace tabhost::core
