// tabctl — the operator's command line.
//
//   tabctl plugins list --config F   every plugin file: id, version, ABI, status
//   tabctl config check --config F   validate tabhost.yaml and the tenant files
//   tabctl routes list --config F    every route: method, path, plugin, who may call it
//   tabctl reload --config F         make the running tabhost reload its config
//   tabctl migrate --config F [--tenant T]   apply pending migrations now
//   tabctl tenant init --config F --tenant T  create a new tenant's database
//   tabctl tenant drop --config F --tenant T --yes   delete a removed tenant's data
//   tabctl backup / restore --config F --tenant T --out|--in FILE
//   tabctl user create / token create / audit verify / audit checkpoint (TabctlIdentity.hpp)
//   tabctl version
#include <algorithm>
#include <csignal>

#include <pwd.h>
#include <unistd.h>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include "core/config/ConfigLoader.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/log/Logging.hpp"
#include "core/app/Runtime.hpp"
#include "core/app/StateFiles.hpp"
#include "core/app/TabctlIdentity.hpp"
#include "core/storage/TenantLifecycle.hpp"
#include "core/plugins/AbiStamp.hpp"
#include "core/plugins/PluginManager.hpp"
#include "tabhost/sdk/abi.hpp"

using namespace tabhost::core;

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  tabctl plugins list --config FILE\n"
    "  tabctl config check --config FILE\n"
    "  tabctl routes list --config FILE\n"
    "  tabctl reload --config FILE\n"
    "  tabctl migrate --config FILE [--tenant ID]\n"
    "  tabctl tenant init --config FILE --tenant ID\n"
    "  tabctl tenant drop --config FILE --tenant ID --yes\n"
    "  tabctl backup --config FILE --tenant ID --out FILE\n"
    "  tabctl restore --config FILE --tenant ID --in FILE [--yes]\n"
    "  tabctl user create --config FILE --tenant ID --email EMAIL --type TYPE [--first-name N] [--last-name N]\n"
    "  tabctl user reset-password --config FILE --tenant ID --email EMAIL\n"
    "  tabctl token create --config FILE --tenant ID --email EMAIL --name NAME [--scopes a,b] [--days D]\n"
    "  tabctl operator create --config FILE --email EMAIL\n"
    "  tabctl audit verify --config FILE --tenant ID\n"
    "  tabctl audit checkpoint --config FILE [--tenant ID]\n"
    "  tabctl keys rotate --config FILE\n"
    "  tabctl version\n";

std::optional<HostConfig> hostConfigOrReport(const std::string& path) {
  Diagnostics errors;
  auto host = loadHostConfig(path, errors);
  for (const auto& e : errors) std::cerr << e.str() << '\n';
  return host;
}

int pluginsList(const std::string& configPath) {
  auto host = hostConfigOrReport(configPath);
  if (!host) return 1;
  PluginManager plugins(host->plugins.dir);
  Registrations registry;
  plugins.startAll(registry);  // the same checks the server runs, start included

  std::vector<std::array<std::string, 5>> rows{{"FILE", "ID", "VERSION", "ABI", "STATUS"}};
  for (const auto& r : plugins.records())
    rows.push_back({std::filesystem::path(r.file).filename().string(), r.id.empty() ? "-" : r.id,
                    r.version.empty() ? "-" : r.version, r.abi.empty() ? "-" : r.abi, r.status()});
  std::array<std::size_t, 4> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < width.size(); ++i) width[i] = std::max(width[i], row[i].size());
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < width.size(); ++i) std::cout << std::left << std::setw(int(width[i]) + 2) << row[i];
    std::cout << row[4] << '\n';
  }
  if (plugins.records().empty()) std::cout << "(no *.so in " << host->plugins.dir << ")\n";
  return 0;
}

// Every route the host serves, with who may call it: the deny-by-default
// policy as built, for review (and for the test that walks it).
int routesList(const std::string& configPath) {
  Runtime runtime(configPath, false);
  for (const auto& route : runtime.registry().routes) {
    const auto& access = route.spec.access;
    std::string rule = access.kind == tabhost::sdk::Access::Kind::Public          ? "public"
                       : access.kind == tabhost::sdk::Access::Kind::Authenticated ? "authenticated"
                                                                                 : "permission:" + access.permission;
    if (access.stepUp) rule += " step-up";
    if (access.sessionOnly) rule += " session-only";
    if (route.openWhileReadOnly) rule += " open-while-read-only";
    if (route.streamsBody) rule += " streamed-body";
    std::cout << route.label << ' ' << route.plugin << ' ' << rule << '\n';
  }
  return 0;
}

int configCheck(const std::string& configPath) {
  auto host = hostConfigOrReport(configPath);
  if (!host) return 1;
  PluginManager plugins(host->plugins.dir);
  Diagnostics errors;
  auto config = loadConfig(*host, plugins.catalog(), 1, errors);
  for (const auto& e : errors) std::cerr << e.str() << '\n';
  if (!config) {
    std::cerr << errors.size() << " error(s)\n";
    return 1;
  }
  std::cout << "configuration OK: " << config->tenants.size() << " tenant(s), " << plugins.catalog().size()
            << " plugin(s) in " << host->plugins.dir << '\n';
  return 0;
}

// GET <url>/readyz as JSON; nullopt when the host does not answer.
std::optional<tabhost::sdk::Json> readyz(const std::string& url) {
  try {
    Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(2, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/readyz", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return parseJsonText(body);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string lastReloadAt(const tabhost::sdk::Json& ready) {
  const auto* reload = ready.find("last_reload");
  return reload ? reload->find("at")->asString() : "";
}

int reload(const std::string& configPath) {
  auto host = hostConfigOrReport(configPath);
  if (!host) return 1;
  auto running = readStateFiles(host->stateDir);
  auto before = running ? readyz(running->url) : std::nullopt;
  if (!before) {
    std::cerr << "tabctl: no running tabhost found through " << host->stateDir << "/tabhost.pid\n";
    return 1;
  }
  if (kill(running->pid, SIGHUP) != 0) {
    std::cerr << "tabctl: cannot signal pid " << running->pid << ": " << std::strerror(errno) << '\n';
    return 1;
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto after = readyz(running->url);
    if (!after || lastReloadAt(*after) == lastReloadAt(*before)) continue;
    const auto& result = *after->find("last_reload");
    if (result.find("ok")->asBool()) {
      std::cout << "reloaded: configuration generation " << after->find("config_generation")->asInt() << '\n';
      return 0;
    }
    for (const auto& e : result.find("errors")->asArray()) std::cerr << e.asString() << '\n';
    std::cerr << "reload refused; the previous configuration keeps serving\n";
    return 1;
  }
  std::cerr << "tabctl: tabhost did not report the reload within 10 s\n";
  return 1;
}

// Opens (creating if needed) and migrates the chosen tenants' databases.
// Safe while tabhost runs: hosts and tabctl take turns per tenant.
int migrate(const std::string& configPath, const std::string& onlyTenant) {
  Runtime runtime(configPath, false);
  auto config = runtime.config();
  std::vector<std::string> tenants;
  for (const auto& t : config->tenants)
    if (onlyTenant.empty() || t.id == onlyTenant) tenants.push_back(t.id);
  if (tenants.empty()) {
    std::cerr << "tabctl: unknown tenant '" << onlyTenant << "' (not in " << runtime.host().tenantsDir << ")\n";
    return 1;
  }
  int failed = 0;
  for (const auto& id : tenants) {
    std::string problem = runtime.databases().prepare(id);
    if (problem.empty()) {
      std::cout << "tenant " << id << ": up to date\n";
    } else {
      std::cerr << "tenant " << id << ": FAILED: " << problem << '\n';
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}

// The operator, as audit entries name them: "tabctl:<login>".
std::string operatorName() {
  const passwd* user = getpwuid(geteuid());
  return std::string("tabctl:") + (user ? user->pw_name : std::to_string(geteuid()));
}

int tenantDrop(const std::string& configPath, const std::string& tenant, bool yes) {
  Runtime runtime(configPath, false);
  if (const TenantConfig* configured = runtime.config()->findTenant(tenant)) {
    std::cerr << "tabctl: tenant '" << tenant << "' is still configured in " << configured->file
              << "; remove that file (and reload) first: its data is kept until you drop it\n";
    return 1;
  }
  if (!yes) {
    std::cerr << "tabctl: this deletes all of tenant '" << tenant << "''s data; repeat with --yes\n";
    return 1;
  }
  TenantLifecycle(runtime.databases(), operatorName()).drop(tenant);
  std::cout << "tenant " << tenant << ": dropped\n";
  return 0;
}

int backup(const std::string& configPath, const std::string& tenant, const std::string& out) {
  Runtime runtime(configPath, false);
  TenantLifecycle(runtime.databases(), operatorName()).backup(tenant, out);
  std::cout << "tenant " << tenant << ": backed up to " << out << '\n';
  return 0;
}

int restore(const std::string& configPath, const std::string& tenant, const std::string& in, bool yes) {
  Runtime runtime(configPath, false);
  TenantLifecycle lifecycle(runtime.databases(), operatorName());
  if (lifecycle.exists(tenant) && !yes) {
    std::cerr << "tabctl: tenant '" << tenant << "' has data that the restore replaces; repeat with --yes\n";
    return 1;
  }
  lifecycle.restore(tenant, in);
  std::cout << "tenant " << tenant << ": restored from " << in
            << (runtime.config()->findTenant(tenant) ? "" : " (not configured: add its file to serve it)") << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Plugin refusals are part of tabctl's own output, not log noise.
  setLogLevel("off");
  std::string config;
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--config") config = args[i + 1];

  try {
    if (args.size() == 1 && args[0] == "version") {
      std::cout << "tabctl " << TABHOST_SDK_VERSION << " (SDK ABI " << hostAbi().version() << ", "
                << TABHOST_SDK_BUILD_SIGNATURE << ")\n";
      return 0;
    }
    if (!config.empty() && args.size() == 4 && args[0] == "plugins" && args[1] == "list") return pluginsList(config);
    if (!config.empty() && args.size() == 4 && args[0] == "config" && args[1] == "check") return configCheck(config);
    if (!config.empty() && args.size() == 4 && args[0] == "routes" && args[1] == "list") return routesList(config);
    if (!config.empty() && args.size() == 3 && args[0] == "reload") return reload(config);
    auto option = [&](const std::string& name) {
      for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
      return std::string();
    };
    const std::string tenant = option("--tenant");
    const bool yes = std::find(args.begin(), args.end(), "--yes") != args.end();
    if (!config.empty() && args[0] == "migrate" && args.size() == (tenant.empty() ? 3u : 5u))
      return migrate(config, tenant);
    if (!config.empty() && !tenant.empty() && args.size() == 6 && args[0] == "tenant" && args[1] == "init")
      return migrate(config, tenant);
    if (!config.empty() && !tenant.empty() && args.size() == (yes ? 7u : 6u) && args[0] == "tenant" &&
        args[1] == "drop")
      return tenantDrop(config, tenant, yes);
    if (!config.empty() && !tenant.empty() && !option("--out").empty() && args.size() == 7 && args[0] == "backup")
      return backup(config, tenant, option("--out"));
    if (!config.empty() && !tenant.empty() && !option("--in").empty() && args.size() == (yes ? 8u : 7u) &&
        args[0] == "restore")
      return restore(config, tenant, option("--in"), yes);
    const auto command = [&](const char* a, const char* b) { return args.size() >= 2 && args[0] == a && args[1] == b; };
    if (!config.empty() && !tenant.empty() && command("user", "create") && !option("--email").empty() &&
        !option("--type").empty())
      return tabctlUserCreate(config, {tenant, option("--email"), option("--type"), option("--first-name"),
                                       option("--last-name")},
                              operatorName());
    if (!config.empty() && !tenant.empty() && command("user", "reset-password") && !option("--email").empty())
      return tabctlUserResetPassword(config, tenant, option("--email"), operatorName());
    if (!config.empty() && !tenant.empty() && command("token", "create") && !option("--email").empty() &&
        !option("--name").empty()) {
      TokenCreateOptions token{tenant, option("--email"), option("--name"), {}, 90};
      for (std::string rest = option("--scopes"); !rest.empty();) {
        const auto comma = rest.find(',');
        if (comma != 0) token.scopes.push_back(rest.substr(0, comma));
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
      }
      if (!option("--days").empty()) token.days = std::stoi(option("--days"));
      return tabctlTokenCreate(config, token, operatorName());
    }
    if (!config.empty() && command("operator", "create") && !option("--email").empty())
      return tabctlOperatorCreate(config, option("--email"), operatorName());
    if (!config.empty() && !tenant.empty() && command("audit", "verify")) return tabctlAuditVerify(config, tenant);
    if (!config.empty() && command("audit", "checkpoint")) return tabctlAuditCheckpoint(config, tenant);
    if (!config.empty() && args.size() == 4 && command("keys", "rotate")) return tabctlKeysRotate(config);
  } catch (const std::exception& e) {
    std::cerr << "tabctl: " << e.what() << '\n';
    return 1;
  }
  std::cerr << kUsage;
  return 2;
}
