#include "core/app/Runtime.hpp"

#include "core/app/HostRoutes.hpp"
#include "core/audit/AuditLog.hpp"
#include "core/identity/AccountLinks.hpp"
#include "core/identity/IdentitySchema.hpp"
#include "core/identity/UserSearch.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/mail/Outbox.hpp"
#include "core/settings/SettingsStore.hpp"
#include "core/log/Logging.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

namespace {

// secretSetting() arrived in SDK ABI 2.5; later majors never read secrets in settings().
bool beforeSecretSetting(const std::string& abi) {
  const std::size_t dot = abi.find('.');
  return dot != std::string::npos && std::stoi(abi.substr(0, dot)) == 2 && std::stoi(abi.substr(dot + 1)) < 5;
}

sdk::Json defaultsOf(const sdk::SettingsSchema& schema) {
  sdk::Json settings = sdk::Json::object();
  for (const auto& field : schema)
    if (!field.defaultValue.isNull()) settings[field.name] = field.defaultValue;
  return settings;
}

}  // namespace

Runtime::Runtime(const std::string& configPath, bool configureLogs) : configPath_(configPath) {
  Diagnostics errors;
  auto host = loadHostConfig(configPath, errors);
  if (!host) throw StartupError(std::move(errors));
  host_ = std::move(*host);
  if (configureLogs) configureLogging(host_.logging);

  plugins_ = std::make_unique<PluginManager>(host_.plugins.dir);
  // The host's own routes come first, so a plugin cannot take their paths.
  registerHostRoutes(*this, registry_);
  plugins_->startAll(registry_);
  for (const auto& r : plugins_->records())
    if (r.loaded()) {
      defaultSettings_[r.id] = defaultsOf(r.manifest->settings);
      if (beforeSecretSetting(r.abi)) secretsInSettings_.insert(r.id);
    }

  auto snapshot = loadConfig(host_, plugins_->catalog(), 1, errors);
  if (!snapshot) throw StartupError(std::move(errors));
  config_ = std::move(snapshot);

  router_ = std::make_unique<Router>(registry_.routes);
  uiAssets_ = std::make_unique<UiAssets>(registry_.assets);
  std::vector<std::string> labels{"/healthz", "/readyz", "/metrics", "ui asset", "dashboard page"};
  for (const auto& route : registry_.routes) labels.push_back(route.label);
  metrics_ = std::make_unique<Metrics>(labels);
  PermissionCatalog permissions = hostPermissions();
  for (const auto& r : plugins_->records())
    if (r.loaded()) permissions.insert(permissions.end(), r.manifest->permissions.begin(), r.manifest->permissions.end());
  identity_ = std::make_unique<IdentityServices>(host_.stateDir, host_.security.masterKeyFile, std::move(permissions));
  std::vector<RegisteredMigration> migrations{auditLogMigration(), identityMigration(), outboxMigration(),
                                             accountLinksMigration(), userListingMigration(),
                                             userSearchMigration(), impersonationMigration(), settingsMigration()};
  migrations.insert(migrations.end(), registry_.migrations.begin(), registry_.migrations.end());
  databases_ = std::make_unique<TenantDatabases>(host_.storage, std::move(migrations));
}

std::map<std::string, std::string> Runtime::prepareTenants() {
  std::map<std::string, std::string> problems;
  for (const auto& tenant : config()->tenants) {
    if (auto problem = databases_->prepare(tenant.id); !problem.empty()) {
      hostLog().error("tenant={} unavailable: {}", tenant.id, problem);
      problems[tenant.id] = problem;
      continue;
    }
    // Accounts written before user_search existed, or loaded in bulk.
    // The writer's turn before the connection, as requests take them.
    auto turn = databases_->writerTurn(tenant.id);
    auto lease = databases_->acquire(tenant.id);
    PocoDatabase db(lease, databases_->driver());
    if (const auto indexed = indexUnsearchedUsers(db); indexed > 0)
      hostLog().info("tenant={} indexed {} users for search", tenant.id, indexed);
  }
  return problems;
}

Runtime::~Runtime() = default;

ReloadStatus Runtime::reload() {
  std::lock_guard lock(reloadMutex_);
  ReloadStatus status;
  status.attempted = true;
  status.at = utcTimestamp();
  Diagnostics errors;
  auto host = loadHostConfig(configPath_, errors);
  std::shared_ptr<const ConfigSnapshot> next;
  if (host) next = loadConfig(*host, plugins_->catalog(), config()->generation + 1, errors);
  if (!next) {
    status.ok = false;
    for (const auto& e : errors) status.errors.push_back(e.str());
    hostLog().error("reload refused, keeping configuration generation {}: {} error(s)", config()->generation,
                    errors.size());
    for (const auto& e : errors) hostLog().error("reload: {}", e.str());
  } else {
    // Listening address, storage and plugin folder are bound at start.
    if (host->server.host != host_.server.host || host->server.port != host_.server.port ||
        host->storage.driver != host_.storage.driver || host->storage.path != host_.storage.path ||
        host->plugins.dir != host_.plugins.dir)
      hostLog().warn("reload: server, storage and plugins.dir changes take effect after a restart");
    setLogLevel(host->logging.level);
    std::atomic_store(&config_, next);
    hostLog().info("reload: configuration generation {} is live ({} tenants)", next->generation,
                   next->tenants.size());
  }
  lastReload_ = status;
  return status;
}

ReloadStatus Runtime::lastReload() const {
  std::lock_guard lock(reloadMutex_);
  return lastReload_;
}

bool Runtime::enabledFor(const ConfigSnapshot& config, const TenantConfig& tenant,
                         const std::string& pluginId) const {
  if (pluginId == kHostOwner) return true;
  const PluginRecord* record = plugins_->find(pluginId);
  if (!record || !record->loaded()) return false;
  if (const TenantPluginConfig* p = tenant.plugin(pluginId)) return p->enabled;
  return config.host.plugins.enabledByDefault;
}

bool Runtime::readsSecretsInSettings(const std::string& pluginId) const {
  return secretsInSettings_.contains(pluginId);
}

const sdk::Json& Runtime::settingsFor(const TenantConfig& tenant, const std::string& pluginId) const {
  if (const TenantPluginConfig* p = tenant.plugin(pluginId)) return p->settings;
  static const sdk::Json empty = sdk::Json::object();
  auto it = defaultSettings_.find(pluginId);
  return it == defaultSettings_.end() ? empty : it->second;
}

}  // namespace tabhost::core
