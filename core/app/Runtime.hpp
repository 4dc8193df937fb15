// The running host: configuration, plugins, their registrations, storage and
// metrics, wired together. Holds the current ConfigSnapshot and swaps it
// atomically on reload.
#pragma once

#include <atomic>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/config/ConfigLoader.hpp"
#include "core/http/Metrics.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/identity/IdentityServices.hpp"
#include "core/http/Router.hpp"
#include "core/plugins/PluginManager.hpp"
#include "core/plugins/Registry.hpp"
#include "core/storage/TenantDatabases.hpp"
#include "core/web/UiAssets.hpp"

namespace tabhost::core {

/// The host could not start; `diagnostics` says why (file:line:col each).
struct StartupError : std::runtime_error {
  explicit StartupError(Diagnostics d)
      : std::runtime_error("configuration is invalid"), diagnostics(std::move(d)) {}
  Diagnostics diagnostics;
};

/// The outcome of the latest reload.
struct ReloadStatus {
  bool attempted = false;
  bool ok = true;
  std::string at;
  std::vector<std::string> errors;
};

class Runtime final : public PluginDirectory {
 public:
  /// Loads tabhost.yaml, the plugins and the tenants, starts the plugins and
  /// connects storage. Throws StartupError (or std::runtime_error) instead of
  /// starting half-configured. `configureLogs` is false for tabctl, whose
  /// output is its own.
  explicit Runtime(const std::string& configPath, bool configureLogs = true);

  /// Opens and migrates every configured tenant's database now, logging the
  /// ones that fail (they answer 503; the others serve). Returns tenant → reason.
  std::map<std::string, std::string> prepareTenants();
  ~Runtime() override;

  /// Re-reads the configuration; swaps it in only when valid.
  ReloadStatus reload();

  std::shared_ptr<const ConfigSnapshot> config() const { return std::atomic_load(&config_); }
  ReloadStatus lastReload() const;
  const HostConfig& host() const { return host_; }
  const PluginManager& plugins() const { return *plugins_; }
  const Registrations& registry() const { return registry_; }
  const Router& router() const { return *router_; }
  const UiAssets& uiAssets() const { return *uiAssets_; }
  TenantDatabases& databases() { return *databases_; }
  Metrics& metrics() { return *metrics_; }
  IdentityServices& identity() { return *identity_; }

  bool enabledFor(const ConfigSnapshot& config, const TenantConfig& tenant,
                  const std::string& pluginId) const override;
  const sdk::Json& settingsFor(const TenantConfig& tenant, const std::string& pluginId) const override;
  bool readsSecretsInSettings(const std::string& pluginId) const override;

 private:
  std::string configPath_;
  HostConfig host_;
  std::unique_ptr<PluginManager> plugins_;
  Registrations registry_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<UiAssets> uiAssets_;
  std::unique_ptr<TenantDatabases> databases_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<IdentityServices> identity_;
  std::map<std::string, sdk::Json> defaultSettings_;
  /// Plugins built before SDK ABI 2.5 (see readsSecretsInSettings), found at start.
  std::set<std::string> secretsInSettings_;
  std::shared_ptr<const ConfigSnapshot> config_;
  mutable std::mutex reloadMutex_;
  ReloadStatus lastReload_;
};

}  // namespace tabhost::core
