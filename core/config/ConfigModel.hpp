// The validated configuration: tabhost.yaml plus one file per tenant.
// Immutable once built; a reload builds a new ConfigSnapshot and swaps it in.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/manifest.hpp"
#include "tabhost/sdk/settings.hpp"

namespace tabhost::core {

/// server: in tabhost.yaml. Defaults are sized so that 64+ concurrent
/// keep-alive clients each hold a thread (Poco's HTTPServer serves one
/// connection per thread) while idle ones are dropped quickly.
struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  /// Worker threads: requests parsed and answered at once. A connection
  /// waiting for, or sending, its next request holds none.
  int threads = 512;
  /// Requests doing their work at once (the rest queue in arrival order);
  /// 0: twice the processor's hardware threads.
  int workers = 0;
  /// Complete requests waiting for a worker; beyond that they get 503.
  int maxQueued = 512;
  /// Seconds a client has to send a whole request (its head, and up to
  /// 16 KiB of its body) from its first byte; then the connection closes.
  int headTimeoutSeconds = 10;
  /// Open connections, in all and from one client address (503 beyond).
  int maxConnections = 20000;
  int maxConnectionsPerAddress = 1000;
  /// Idle time before a kept-alive connection is closed.
  int keepAliveTimeoutSeconds = 5;
  /// Requests per kept-alive connection before it is closed (fairness).
  int maxKeepAliveRequests = 1000;
  /// Socket send/receive timeout: bounds slow clients.
  int ioTimeoutSeconds = 10;
  /// Largest request body accepted (413 beyond).
  std::size_t maxBodyBytes = 1024 * 1024;
  /// Where users reach the host (links in emails start with it); empty:
  /// http://<listen host>:<port>.
  std::string publicUrl;
  /// Client addresses and CIDR networks served /metrics (others get 404).
  std::vector<std::string> metricsFrom = {"127.0.0.1", "::1"};

  /// publicUrl, or the listen address when none is set.
  std::string baseUrl() const {
    return publicUrl.empty() ? "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                                   std::to_string(port)
                             : publicUrl;
  }
};

/// storage: in tabhost.yaml.
struct StorageConfig {
  /// "sqlite" (default) or "postgresql".
  std::string driver = "sqlite";
  /// SQLite: folder holding system.db and <tenant>.db (absolute after loading).
  std::string path;
  /// PostgreSQL: libpq connection string.
  std::string dsn;
  /// Connections per tenant database.
  int poolSize = 8;
  /// How long a request waits for a free connection before 503.
  int poolWaitMilliseconds = 2000;
  /// SQLite: the most of a tenant's database a connection keeps in memory,
  /// in MiB, while a request that writes holds it (one per tenant at a
  /// time); other connections keep SQLite's default 2 MiB. Large writes
  /// such as a CSV import of 100,000 rows touch every index: at 2 MiB they
  /// spent a third of their time writing pages out mid-way and reading them
  /// back.
  int cacheMebibytes = 64;
};

/// plugins: in tabhost.yaml.
struct PluginsConfig {
  /// Folder scanned for *.so (absolute after loading).
  std::string dir;
  /// Whether a plugin a tenant file does not mention is enabled for it.
  bool enabledByDefault = true;
};

/// logging: in tabhost.yaml.
struct LoggingConfig {
  /// trace, debug, info, warn, error.
  std::string level = "info";
  /// Log file; empty logs to stderr.
  std::string file;
};

/// security: in tabhost.yaml. Session limits default to OWASP ASVS level 2
/// (30 minutes idle, 12 hours absolute).
struct SecurityConfig {
  /// A session unused this long ends.
  int sessionIdleSeconds = 30 * 60;
  /// A session ends this long after sign-in, used or not.
  int sessionAbsoluteSeconds = 12 * 3600;
  /// How long a password re-entry (step-up) lasts for destructive actions.
  int stepUpSeconds = 10 * 60;
  /// Cookies get Secure and the __Host- prefix: set when clients reach the
  /// host over TLS (usually through a terminating proxy).
  bool secureCookies = false;
  /// How often each tenant's audit chain head is signed (a checkpoint).
  int auditCheckpointSeconds = 3600;
  /// The master key's file (absolute); empty: <state_dir>/keys/master.key.
  /// TABHOST_MASTER_KEY in the environment wins over it.
  std::string masterKeyFile;
};

/// mail: in tabhost.yaml. Mail is always queued in the tenant's outbox with
/// the change that caused it; it is delivered only when an SMTP server is set.
struct MailConfig {
  /// SMTP server host ("" = deliver nothing, keep mail queued).
  std::string smtpHost;
  std::uint16_t smtpPort = 25;
  /// Sender, "Name <address>" or an address.
  std::string from = "Tabhost <no-reply@localhost>";
  /// Upgrade the connection with STARTTLS before sending.
  bool startTls = false;
  /// SMTP AUTH LOGIN user ("" = no authentication).
  std::string username;
  /// Environment variable holding the SMTP password (never in YAML).
  std::string passwordEnv = "TABHOST_SMTP_PASSWORD";
  /// Attempts before a message is marked failed.
  int maxAttempts = 8;
  /// How often the outboxes are looked at.
  int pollMilliseconds = 1000;
};

/// tabhost.yaml. Relative paths are resolved against the file's folder.
struct HostConfig {
  /// Absolute path of tabhost.yaml.
  std::string file;
  ServerConfig server;
  StorageConfig storage;
  PluginsConfig plugins;
  /// Folder of tenant files (*.yaml), absolute after loading.
  std::string tenantsDir;
  /// Folder for runtime state (pid file), absolute after loading.
  std::string stateDir;
  LoggingConfig logging;
  SecurityConfig security;
  MailConfig mail;
};

/// branding: in a tenant file.
struct Branding {
  std::string productName;
  std::string logoUrl;
  std::string primaryColor;
  std::string supportEmail;
};

/// plugins.<id>: in a tenant file.
struct TenantPluginConfig {
  std::string id;
  bool enabled = true;
  std::optional<std::string> title;
  std::optional<std::string> icon;
  /// Validated settings, an object with the schema's defaults filled in
  /// (Secret settings masked).
  sdk::Json settings = sdk::Json::object();
  /// Settings the file fixes ({value: ..., locked: true}).
  std::vector<std::string> locked;
  /// Plaintext of the Secret settings the file gives, by name.
  std::map<std::string, std::string> secrets;

  bool isLocked(const std::string& name) const {
    return std::find(locked.begin(), locked.end(), name) != locked.end();
  }
};

/// One tenant file.
struct TenantConfig {
  /// Absolute path of the file it came from.
  std::string file;
  std::string id;
  std::string name;
  /// Host names (lower case, no port) that map to this tenant.
  std::vector<std::string> domains;
  Branding branding;
  /// Plugins the file mentions, in the order written (the tab order).
  std::vector<TenantPluginConfig> plugins;
  /// Extra roles, and replacements of built-in types' sets: name → permissions.
  std::map<std::string, std::vector<std::string>> roles;
  /// Prefix of the tenant's API tokens (security.token_prefix).
  std::string tokenPrefix = "tle";
  /// Origins that may show the dashboard in a frame (security.frame_ancestors),
  /// e.g. a partner's portal or a browser extension's side panel; none by default.
  std::vector<std::string> frameAncestors;

  const TenantPluginConfig* plugin(const std::string& pluginId) const {
    for (const auto& p : plugins)
      if (p.id == pluginId) return &p;
    return nullptr;
  }
};

/// What the configuration needs to know of an installed plugin.
struct PluginCatalogEntry {
  /// False when the file was found but refused (wrong ABI, failed start, ...):
  /// tenants may still mention it, but it serves nothing.
  bool usable = true;
  /// The plugin's settings schema; nullptr when unknown (refused plugin).
  const sdk::SettingsSchema* settings = nullptr;
  /// The permissions it defines; nullptr when unknown.
  const std::vector<sdk::PermissionInfo>* permissions = nullptr;
};

/// Installed plugins by id.
using PluginCatalog = std::map<std::string, PluginCatalogEntry>;

/// A complete, validated configuration.
struct ConfigSnapshot {
  HostConfig host;
  std::vector<TenantConfig> tenants;
  /// Index into `tenants` by id and by domain.
  std::unordered_map<std::string, std::size_t> tenantById;
  std::unordered_map<std::string, std::size_t> tenantByDomain;
  /// Increases by one at every successful load (1 for the first).
  std::uint64_t generation = 1;

  const TenantConfig* findTenant(const std::string& id) const {
    auto it = tenantById.find(id);
    return it == tenantById.end() ? nullptr : &tenants[it->second];
  }
  const TenantConfig* findTenantByDomain(const std::string& host) const {
    auto it = tenantByDomain.find(host);
    return it == tenantByDomain.end() ? nullptr : &tenants[it->second];
  }
};

}  // namespace tabhost::core
