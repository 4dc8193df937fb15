#include "core/config/ConfigLoader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <limits>
#include <regex>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/config/SettingsValidator.hpp"
#include "core/http/AddressRanges.hpp"
#include "core/identity/Permissions.hpp"

namespace tabhost::core {
namespace {

namespace fs = std::filesystem;

// Relative paths in a config file mean "next to this file", wherever the
// process was started from. A trailing '/' is dropped so that "var/" and
// "var" name the folder the same way in logs and joins.
std::string resolve(const fs::path& base, const std::string& path) {
  fs::path resolved = (base / path).lexically_normal();
  if (resolved.filename().empty() && resolved != resolved.root_path()) resolved = resolved.parent_path();
  return resolved.string();
}

// The largest value of Int that a YAML integer (int64) can express.
template <class Int>
constexpr std::int64_t largest() {
  constexpr auto yamlMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto intMax = std::numeric_limits<Int>::max();
  return std::cmp_less(yamlMax, intMax) ? yamlMax : static_cast<std::int64_t>(intMax);
}

// `out` holds the default and keeps it unless a valid value was read.
template <class T, class Read>
void assign(std::optional<Read> value, T& out) {
  if (value) out = static_cast<T>(std::move(*value));
}

template <class Int>
void assignPositive(MapReader& map, const std::string& key, Int& out) {
  assign(map.getInteger(key, 1, largest<Int>()), out);
}

// Turns text into a value with `parse`; text it refuses is reported as not `expected`.
template <class Parse>
auto parseText(const YamlFile& file, const YamlFile::LocatedString& text, const std::string& keyPath, Parse parse,
               const std::string& expected) -> decltype(parse(text.text)) {
  auto parsed = parse(text.text);
  if (!parsed) file.error(text.mark, keyPath, "expected " + expected + ", got '" + text.text + "'");
  return parsed;
}

template <class Parse>
auto parseScalar(const YamlFile& file, const YAML::Node& value, const std::string& keyPath, Parse parse,
                 const std::string& expected) -> decltype(parse(std::string())) {
  const auto text = file.scalar<std::string>(value, keyPath);
  if (!text) return std::nullopt;
  return parseText(file, {*text, value.Mark()}, keyPath, parse, expected);
}

std::optional<std::string> addressRange(const std::string& text) {
  if (!AddressRanges::parse(text)) return std::nullopt;
  return text;
}

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

// "host:port"; an IPv6 host goes in brackets ("[::1]:8080"). Port 0 lets the
// system choose one, which tests rely on.
std::optional<ListenAddress> parseListen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string_view host = std::string_view(text).substr(0, colon);
  const std::string_view port = std::string_view(text).substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned number = 0;
  const auto [end, failure] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (host.empty() || port.empty() || failure != std::errc() || end != port.data() + port.size() ||
      number > std::numeric_limits<std::uint16_t>::max())
    return std::nullopt;
  return ListenAddress{std::string(host), static_cast<std::uint16_t>(number)};
}

// "no-reply@example.com" or "Example <no-reply@example.com>".
std::optional<std::string> sender(const std::string& text) {
  static const std::regex rule(R"(([^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+>?)");
  if (!std::regex_match(text, rule)) return std::nullopt;
  return text;
}

std::optional<std::string> tenantId(const std::string& text) {
  static const std::regex rule("[a-z0-9][a-z0-9-]{0,62}");
  // "system" names the host's own database (system.db, schema tabhost_system).
  if (!std::regex_match(text, rule) || text == "system") return std::nullopt;
  return text;
}

std::optional<std::string> nonBlank(const std::string& text) {
  if (text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return text;
}

// Lower-cased because host names are case-insensitive and requests are
// matched against these strings exactly.
std::optional<std::string> hostName(std::string text) {
  static const std::regex rule(R"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)");
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text.size() > 253 || !std::regex_match(text, rule)) return std::nullopt;
  return text;
}

// Links in emails start with it: http(s)://host[:port][/path], no trailing '/'.
std::optional<std::string> publicUrl(const std::string& text) {
  static const std::regex rule(R"(https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\-/]*)?)");
  if (!std::regex_match(text, rule) || text.back() == '/') return std::nullopt;
  return text;
}

void readServer(MapReader server, ServerConfig& out) {
  const auto listen = server.ifPresent("listen", [&](const YAML::Node& value, const std::string& path) {
    return parseScalar(server.file(), value, path, parseListen, "host:port with a port from 0 to 65535");
  });
  if (listen) {
    out.host = listen->host;
    out.port = listen->port;
  }
  assignPositive(server, "threads", out.threads);
  assign(server.getInteger("workers", 0, 4096), out.workers);
  assignPositive(server, "max_queued", out.maxQueued);
  assignPositive(server, "keep_alive_timeout_s", out.keepAliveTimeoutSeconds);
  assignPositive(server, "max_keep_alive_requests", out.maxKeepAliveRequests);
  assignPositive(server, "io_timeout_s", out.ioTimeoutSeconds);
  assignPositive(server, "head_timeout_s", out.headTimeoutSeconds);
  assignPositive(server, "max_connections", out.maxConnections);
  assignPositive(server, "max_connections_per_address", out.maxConnectionsPerAddress);
  assignPositive(server, "max_body_bytes", out.maxBodyBytes);
  assign(server.ifPresent("public_url", [&](const YAML::Node& value, const std::string& path) {
    return parseScalar(server.file(), value, path, publicUrl, "an http:// or https:// URL without a trailing '/'");
  }), out.publicUrl);
  if (const auto from = server.ifPresent("metrics_from", [&](const YAML::Node& value, const std::string& path) {
        return server.file().strings(value, path);
      })) {
    out.metricsFrom.clear();
    for (std::size_t i = 0; i < from->size(); ++i)
      if (auto range = parseText(server.file(), (*from)[i], server.pathOf("metrics_from") + "[" + std::to_string(i) + "]",
                                 addressRange, "an IP address or a CIDR network such as 10.0.0.0/8"))
        out.metricsFrom.push_back(std::move(*range));
  }
  server.rejectUnknownKeys();
}

// Leaves `out.path` empty when not given: its default lies in state_dir, read later.
void readStorage(MapReader storage, const fs::path& base, StorageConfig& out) {
  assign(storage.getOneOf("driver", {"sqlite", "postgresql"}), out.driver);
  if (const auto path = storage.get<std::string>("path")) out.path = resolve(base, *path);
  if (out.driver == "postgresql") storage.require("dsn");
  assign(storage.get<std::string>("dsn"), out.dsn);
  assign(storage.getInteger("pool_size", 1, 1024), out.poolSize);
  assign(storage.getInteger("pool_wait_ms", 0, largest<int>()), out.poolWaitMilliseconds);
  assign(storage.getInteger("cache_mb", 1, 4096), out.cacheMebibytes);
  storage.rejectUnknownKeys();
}

void readPluginsSection(MapReader plugins, const fs::path& base, PluginsConfig& out) {
  plugins.require("dir");
  if (const auto dir = plugins.get<std::string>("dir")) out.dir = resolve(base, *dir);
  assign(plugins.get<bool>("enabled_by_default"), out.enabledByDefault);
  plugins.rejectUnknownKeys();
}

void readLogging(MapReader logging, const fs::path& base, LoggingConfig& out) {
  assign(logging.getOneOf("level", {"trace", "debug", "info", "warn", "error"}), out.level);
  // Empty means stderr, so it is not a path to resolve.
  if (const auto file = logging.get<std::string>("file"); file && !file->empty()) out.file = resolve(base, *file);
  logging.rejectUnknownKeys();
}

void readSecurity(MapReader security, const fs::path& base, SecurityConfig& out) {
  assign(security.getInteger("session_idle_timeout_s", 1, 7 * 24 * 3600), out.sessionIdleSeconds);
  assign(security.getInteger("session_absolute_timeout_s", 1, 30 * 24 * 3600), out.sessionAbsoluteSeconds);
  assign(security.getInteger("step_up_s", 1, 24 * 3600), out.stepUpSeconds);
  assign(security.get<bool>("secure_cookies"), out.secureCookies);
  assign(security.getInteger("audit_checkpoint_interval_s", 1, 7 * 24 * 3600), out.auditCheckpointSeconds);
  if (const auto file = security.get<std::string>("master_key_file"); file && !file->empty())
    out.masterKeyFile = resolve(base, *file);
  security.rejectUnknownKeys();
}

void readMail(MapReader mail, MailConfig& out) {
  const auto smtp = mail.ifPresent("smtp", [&](const YAML::Node& value, const std::string& path) {
    return parseScalar(mail.file(), value, path, parseListen, "host:port of the SMTP server");
  });
  if (smtp) {
    out.smtpHost = smtp->host;
    out.smtpPort = smtp->port;
  }
  assign(mail.ifPresent("from", [&](const YAML::Node& value, const std::string& path) {
    return parseScalar(mail.file(), value, path, sender, "an address or \"Name <address>\"");
  }), out.from);
  assign(mail.get<bool>("starttls"), out.startTls);
  assign(mail.get<std::string>("username"), out.username);
  assign(mail.get<std::string>("password_env"), out.passwordEnv);
  assign(mail.getInteger("max_attempts", 1, 100), out.maxAttempts);
  assign(mail.getInteger("poll_interval_ms", 10, 3600 * 1000), out.pollMilliseconds);
  mail.rejectUnknownKeys();
}

/// Where each tenant id (or domain) was first seen, so that a second one is
/// reported pointing at both.
class FirstSeen {
 public:
  explicit FirstSeen(std::string what) : what_(std::move(what)) {}

  void claim(const std::string& name, const YamlFile& file, const YAML::Mark& at) {
    const auto [first, inserted] = where_.try_emplace(name, file.location(at));
    if (!inserted) file.error(at, "", "duplicate " + what_ + " '" + name + "' (also in " + first->second + ")");
  }

 private:
  std::string what_;
  std::unordered_map<std::string, std::string> where_;
};

struct TenantClaims {
  FirstSeen ids{"tenant id"};
  FirstSeen domains{"domain"};
};

void readTenantId(MapReader& tenant, FirstSeen& ids, std::string& out) {
  const YAML::Node value = tenant.require("id");
  if (!value) return;
  auto id = parseScalar(tenant.file(), value, "id", tenantId,
                        "a tenant id (1 to 63 lower-case letters, digits or '-', not starting with '-'; "
                        "'system' is reserved)");
  if (!id) return;
  ids.claim(*id, tenant.file(), value.Mark());
  out = std::move(*id);
}

void readDomains(MapReader& tenant, FirstSeen& domains, std::vector<std::string>& out) {
  const auto items = tenant.ifPresent(
      "domains", [&](const YAML::Node& value, const std::string& path) { return tenant.file().strings(value, path); });
  if (!items) return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    auto domain = parseText(tenant.file(), item, "domains[" + std::to_string(i) + "]", hostName,
                            "a host name (letters, digits, '-' and '.', no port)");
    if (!domain) continue;
    domains.claim(*domain, tenant.file(), item.mark);
    out.push_back(std::move(*domain));
  }
}

sdk::SettingField textField(std::string name, sdk::SettingType type) {
  sdk::SettingField field;
  field.name = std::move(name);
  field.type = type;
  return field;
}

// Branding is checked as settings are, so that URLs and emails follow the same rules everywhere.
const sdk::SettingsSchema& brandingSchema() {
  static const sdk::SettingsSchema schema = [] {
    using enum sdk::SettingType;
    auto color = textField("primary_color", String);
    color.description = "#rgb or #rrggbb";
    color.pattern = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})";
    return sdk::SettingsSchema{textField("product_name", String), textField("logo_url", Url), color,
                               textField("support_email", Email)};
  }();
  return schema;
}

Branding toBranding(const sdk::Json& branding) {
  const auto text = [&](std::string_view key) {
    const sdk::Json* value = branding.find(key);
    return value ? value->asString() : std::string();
  };
  return {text("product_name"), text("logo_url"), text("primary_color"), text("support_email")};
}

// A refused plugin has no schema to check against; its settings are kept as
// written so that they are still there once the plugin loads again.
sdk::Json rawSettings(const MapReader& settings) {
  sdk::Json raw = sdk::Json::object();
  for (const auto& entry : settings.entries()) raw[entry.key] = yamlToJson(entry.value);
  return raw;
}

TenantPluginConfig readTenantPlugin(MapReader entry, const std::string& id, const PluginCatalogEntry& installed,
                                    bool enabledByDefault) {
  TenantPluginConfig plugin;
  plugin.id = id;
  plugin.enabled = entry.get<bool>("enabled").value_or(enabledByDefault);
  plugin.title = entry.get<std::string>("title");
  plugin.icon = entry.get<std::string>("icon");
  MapReader settings = entry.child("settings");
  if (installed.settings) {
    SettingsValues values = validateSettings(std::move(settings), *installed.settings, plugin.enabled);
    plugin.settings = std::move(values.values);
    plugin.locked = std::move(values.locked);
    plugin.secrets = std::move(values.secrets);
  } else {
    plugin.settings = rawSettings(settings);
  }
  entry.rejectUnknownKeys();
  return plugin;
}

std::string installedNames(const PluginCatalog& catalog) {
  std::vector<std::string> names;
  for (const auto& [id, entry] : catalog) names.push_back(id);
  return names.empty() ? "none" : listNames(names);
}

std::vector<TenantPluginConfig> readTenantPlugins(const MapReader& plugins, bool enabledByDefault,
                                                  const PluginCatalog& catalog) {
  std::vector<TenantPluginConfig> result;
  for (const auto& entry : plugins.entries()) {
    const auto installed = catalog.find(entry.key);
    if (installed == catalog.end()) {
      plugins.file().error(entry.keyMark, "",
                           "unknown plugin '" + entry.key + "' (installed: " + installedNames(catalog) + ")");
      continue;
    }
    MapReader reader(plugins.file(), entry.value, plugins.pathOf(entry.key), entry.keyMark);
    result.push_back(readTenantPlugin(std::move(reader), entry.key, installed->second, enabledByDefault));
  }
  return result;
}

std::optional<std::string> roleName(const std::string& text) {
  static const std::regex rule("[a-z][a-z0-9_-]{0,62}");
  if (!std::regex_match(text, rule)) return std::nullopt;
  return text;
}

std::optional<std::string> tokenPrefix(const std::string& text) {
  static const std::regex rule("[a-z][a-z0-9]{1,15}");
  if (!std::regex_match(text, rule)) return std::nullopt;
  return text;
}

// Every permission the host and the installed plugins define.
std::vector<std::string> knownPermissions(const PluginCatalog& catalog) {
  std::vector<std::string> names;
  for (const auto& p : hostPermissions()) names.push_back(p.name);
  for (const auto& [id, entry] : catalog)
    if (entry.permissions)
      for (const auto& p : *entry.permissions) names.push_back(p.name);
  std::ranges::sort(names);
  return names;
}

std::map<std::string, std::vector<std::string>> readRoles(const MapReader& roles, const PluginCatalog& catalog) {
  std::map<std::string, std::vector<std::string>> result;
  const auto known = knownPermissions(catalog);
  for (const auto& entry : roles.entries()) {
    if (!roleName(entry.key)) {
      roles.file().error(entry.keyMark, roles.pathOf(entry.key),
                         "a role name is lower-case letters, digits, '_' or '-', starting with a letter");
      continue;
    }
    const std::string path = roles.pathOf(entry.key);
    auto items = roles.file().strings(entry.value, path);
    if (!items) continue;
    auto& granted = result[entry.key];
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto& item = (*items)[i];
      if (!std::ranges::binary_search(known, item.text)) {
        roles.file().error(item.mark, path + "[" + std::to_string(i) + "]",
                           "unknown permission '" + item.text + "' (known: " + listNames(known) + ")");
        continue;
      }
      granted.push_back(item.text);
    }
  }
  return result;
}

// An origin a frame-ancestors directive accepts as written: a scheme, a host
// and perhaps a port; no path, no wildcard (a partner names its own origins).
std::optional<std::string> frameOrigin(const std::string& text) {
  static const std::regex rule(
      "(https?|chrome-extension|moz-extension)://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");
  if (!std::regex_match(text, rule)) return std::nullopt;
  return text;
}

void readTenantSecurity(MapReader security, TenantConfig& tenant) {
  const auto prefix = security.ifPresent("token_prefix", [&](const YAML::Node& value, const std::string& path) {
    return parseScalar(security.file(), value, path, tokenPrefix,
                       "2 to 16 lower-case letters or digits, starting with a letter");
  });
  assign(prefix, tenant.tokenPrefix);
  const auto ancestors = security.ifPresent("frame_ancestors", [&](const YAML::Node& value, const std::string& path) {
    return security.file().strings(value, path);
  });
  for (std::size_t i = 0; ancestors && i < ancestors->size(); ++i)
    if (auto origin = parseText(security.file(), (*ancestors)[i],
                                security.pathOf("frame_ancestors") + "[" + std::to_string(i) + "]", frameOrigin,
                                "an origin such as https://portal.example.com or chrome-extension://<id>"))
      tenant.frameAncestors.push_back(std::move(*origin));
  security.rejectUnknownKeys();
}

TenantConfig readTenant(const YamlFile& file, const YAML::Node& root, const HostConfig& host,
                        const PluginCatalog& catalog, TenantClaims& claims) {
  TenantConfig tenant;
  tenant.file = file.name();
  MapReader doc(file, root, "", root.Mark());
  readTenantId(doc, claims.ids, tenant.id);
  if (const YAML::Node name = doc.require("name"))
    assign(parseScalar(file, name, "name", nonBlank, "a non-empty name"), tenant.name);
  readDomains(doc, claims.domains, tenant.domains);
  tenant.branding = toBranding(validateSettings(doc.child("branding"), brandingSchema(), true).values);
  tenant.plugins = readTenantPlugins(doc.child("plugins"), host.plugins.enabledByDefault, catalog);
  tenant.roles = readRoles(doc.child("roles"), catalog);
  readTenantSecurity(doc.child("security"), tenant);
  doc.rejectUnknownKeys();
  return tenant;
}

// Sorted, so that the order of errors, and which of two duplicates counts as
// the first, do not depend on the file system.
std::vector<fs::path> tenantFiles(const HostConfig& host, Diagnostics& errors) {
  std::vector<fs::path> files;
  std::error_code failure;
  for (fs::directory_iterator it(host.tenantsDir, failure), end; !failure && it != end; it.increment(failure)) {
    std::error_code unreadable;  // a dangling link is simply not a tenant file
    if (it->path().extension() == ".yaml" && it->is_regular_file(unreadable)) files.push_back(it->path());
  }
  if (failure) {
    errors.push_back({host.tenantsDir, 0, 0,
                      "cannot read the tenants folder (tenants_dir in " + host.file + "): " + failure.message()});
    return {};
  }
  std::ranges::sort(files);
  return files;
}

void indexTenants(ConfigSnapshot& snapshot) {
  for (std::size_t i = 0; i < snapshot.tenants.size(); ++i) {
    snapshot.tenantById.emplace(snapshot.tenants[i].id, i);
    for (const auto& domain : snapshot.tenants[i].domains) snapshot.tenantByDomain.emplace(domain, i);
  }
}

}  // namespace

std::optional<HostConfig> loadHostConfig(const std::string& path, Diagnostics& errors) {
  const auto before = errors.size();
  HostConfig host;
  host.file = fs::absolute(path).lexically_normal().string();
  const YamlFile file(host.file, errors);
  const auto root = file.parse();
  if (!root) return std::nullopt;

  const fs::path base = fs::path(host.file).parent_path();
  MapReader doc(file, *root, "", root->Mark());
  readServer(doc.child("server"), host.server);
  readStorage(doc.child("storage"), base, host.storage);
  readPluginsSection(doc.child("plugins"), base, host.plugins);
  host.tenantsDir = resolve(base, doc.get<std::string>("tenants_dir").value_or("tenants"));
  host.stateDir = resolve(base, doc.get<std::string>("state_dir").value_or("var"));
  if (host.storage.path.empty()) host.storage.path = resolve(host.stateDir, "data");
  readLogging(doc.child("logging"), base, host.logging);
  readSecurity(doc.child("security"), base, host.security);
  readMail(doc.child("mail"), host.mail);
  doc.rejectUnknownKeys();

  if (errors.size() != before) return std::nullopt;
  return host;
}

std::shared_ptr<const ConfigSnapshot> loadConfig(const HostConfig& host, const PluginCatalog& plugins,
                                                 std::uint64_t generation, Diagnostics& errors) {
  const auto before = errors.size();
  auto snapshot = std::make_shared<ConfigSnapshot>();
  snapshot->host = host;
  snapshot->generation = generation;
  TenantClaims claims;
  for (const auto& path : tenantFiles(host, errors)) {
    const YamlFile file(path.string(), errors);
    if (const auto root = file.parse()) snapshot->tenants.push_back(readTenant(file, *root, host, plugins, claims));
  }
  if (errors.size() != before) return nullptr;
  indexTenants(*snapshot);
  return snapshot;
}

}  // namespace tabhost::core
