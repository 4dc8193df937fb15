#include "core/plugins/PluginManager.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <regex>
#include <set>

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>

#include "core/log/Logging.hpp"
#include "core/plugins/AbiStamp.hpp"
#include "core/plugins/DependencyOrder.hpp"
#include "core/plugins/PluginRegistrar.hpp"
#include "core/plugins/VersionRange.hpp"

namespace tabhost::core {

namespace {

constexpr std::size_t kErrorSize = 1024;

bool validPluginId(const std::string& id) {
  static const std::regex pattern("[a-z][a-z0-9_-]{0,63}");
  return std::regex_match(id, pattern);
}

// Ids a plugin may not take: the host's own ("tabhost", which owns the
// host's routes and the shell's files and is enabled for every tenant), and
// the first path segments that already mean something, because a tab lives
// at /t/{tenant}/{plugin id} or, on a tenant's domain, at /{plugin id}: the
// dashboard's pages (core/web: sign-in, set-password, profile, audit), the
// /ui/ and /api/ prefixes, /t/ itself and the operational endpoints.
bool reservedPluginId(const std::string& id) {
  static const std::set<std::string> reserved{kHostOwner, "api", "ui",      "sign-in", "set-password", "profile",
                                              "audit",    "t",   "healthz", "readyz",  "metrics"};
  return reserved.contains(id);
}

}  // namespace

PluginManager::PluginManager(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path().string());
  if (ec) hostLog().error("plugin folder {} cannot be read: {}", dir, ec.message());
  std::sort(files.begin(), files.end());

  records_.reserve(files.size());
  for (const auto& file : files) {
    records_.emplace_back().file = file;
    loadFile(records_.back());
  }
  // A second file claiming a loaded id is refused; the first (by name) wins.
  for (std::size_t i = 0; i < records_.size(); ++i) {
    if (!records_[i].loaded()) continue;
    for (std::size_t j = 0; j < i; ++j)
      if (records_[j].loaded() && records_[j].id == records_[i].id) {
        refuse(records_[i], "duplicate plugin id '" + records_[i].id + "' (also in " + records_[j].file + ")");
        break;
      }
  }
}

PluginManager::~PluginManager() { stopAll(); }

void PluginManager::refuse(PluginRecord& record, std::string reason) {
  record.state = PluginRecord::State::Refused;
  record.reason = std::move(reason);
  record.instance.reset();
  hostLog().error("plugin refused: file={} id={} reason=\"{}\"", record.file, record.id.empty() ? "-" : record.id,
                  record.reason);
}

void PluginManager::loadFile(PluginRecord& record) {
  std::string problem;
  auto stamp = readStamp(record.file, problem);
  if (!stamp) return refuse(record, problem);
  record.abi = stamp->version();
  if (auto incompatible = abiIncompatibility(*stamp, hostAbi())) return refuse(record, *incompatible);

  auto library = std::make_shared<boost::dll::shared_library>();
  try {
    // RTLD_NODELETE: even a refused plugin's code stays mapped, so nothing it
    // handed out can dangle.
    library->load(record.file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local |
                                   static_cast<boost::dll::load_mode::type>(RTLD_NODELETE));
  } catch (const std::exception& e) {
    return refuse(record, std::string("cannot be loaded: ") + e.what());
  }
  libraries_.push_back(library);
  using Entry = const sdk::PluginDescriptor* (*)() noexcept;
  if (!library->has(TABHOST_SDK_ENTRY_SYMBOL)) return refuse(record, "has an ABI stamp but no entry symbol");
  const sdk::PluginDescriptor* d = library->get_alias<std::remove_pointer_t<Entry>>(TABHOST_SDK_ENTRY_SYMBOL)();
  if (d == nullptr || d->structSize < sizeof(sdk::PluginDescriptor) || d->abiMajor != stamp->major ||
      d->abiMinor != stamp->minor || d->buildSignature != stamp->buildSignature)
    return refuse(record, "descriptor does not match its ABI stamp");
  record.descriptor = d;
  record.id = d->id ? d->id : "";
  record.version = d->version ? d->version : "";
  if (!validPluginId(record.id)) return refuse(record, "invalid plugin id '" + record.id + "' (use [a-z][a-z0-9_-]*)");
  if (reservedPluginId(record.id))
    return refuse(record, "plugin id '" + record.id + "' is reserved for the dashboard's own pages");
  if (!parseSemVer(record.version)) return refuse(record, "invalid version '" + record.version + "' (use x.y.z)");

  std::array<char, kErrorSize> error{};
  sdk::Plugin* raw = d->create(error.data(), error.size());
  if (raw == nullptr) return refuse(record, std::string("create failed: ") + error.data());
  // The deleter holds the library: the object never outlives its code.
  record.instance.reset(raw, [d, library](sdk::Plugin* p) { d->destroy(p); });

  sdk::Manifest manifest;
  if (d->describe(raw, &manifest, error.data(), error.size()) != 0)
    return refuse(record, std::string("manifest failed: ") + error.data());
  if (manifest.id != record.id || manifest.version != record.version)
    return refuse(record, "manifest says " + manifest.id + " " + manifest.version + " but TABHOST_PLUGIN says " +
                              record.id + " " + record.version);
  for (const auto& setting : manifest.settings)
    if (setting.type == sdk::SettingType::Secret && !setting.defaultValue.isNull())
      return refuse(record, "setting '" + setting.name + "' is a Secret with a default: it would be shown to anyone");
  record.manifest = std::move(manifest);
  record.state = PluginRecord::State::Loaded;
}

PluginRecord* PluginManager::findMutable(const std::string& id) {
  for (auto& r : records_)
    if (r.loaded() && r.id == id) return &r;
  return nullptr;
}

const PluginRecord* PluginManager::find(const std::string& id) const {
  return const_cast<PluginManager*>(this)->findMutable(id);
}

void PluginManager::startAll(Registrations& registry) {
  std::vector<DependencyNode> nodes;
  std::map<std::string, std::string> versionProblems;
  for (const auto& r : records_) {
    if (!r.loaded()) continue;
    DependencyNode node{r.id, {}};
    for (const auto& dep : r.manifest->dependencies) {
      node.dependsOn.push_back(dep.id);
      const PluginRecord* provider = findMutable(dep.id);
      std::string error;
      if (provider && !versionSatisfies(*parseSemVer(provider->version), dep.versions, error))
        versionProblems[r.id] = error.empty() ? "needs " + dep.id + " " + dep.versions + ", found " + provider->version
                                              : error;
    }
    nodes.push_back(std::move(node));
  }
  StartPlan plan = planStartOrder(nodes, versionProblems);
  for (const auto& [id, reason] : plan.refused) refuse(*findMutable(id), reason);

  for (const auto& id : plan.order) {
    PluginRecord& record = *findMutable(id);
    // A dependency whose start failed takes its dependents down with it.
    auto failed = std::find_if(record.manifest->dependencies.begin(), record.manifest->dependencies.end(),
                               [&](const sdk::Dependency& dep) { return findMutable(dep.id) == nullptr; });
    if (failed != record.manifest->dependencies.end()) {
      refuse(record, "dependency '" + failed->id + "' failed to start");
      continue;
    }
    TaggedLogger logger("plugin=" + id);
    PluginRegistrar registrar(id, registry, logger, &*record.manifest);
    std::array<char, kErrorSize> error{};
    if (record.descriptor->start(record.instance.get(), &registrar, error.data(), error.size()) != 0) {
      refuse(record, std::string("start failed: ") + error.data());
      continue;
    }
    registry.absorb(std::move(registrar.staged()));
    started_.push_back(id);
    hostLog().info("plugin started: id={} version={} file={}", id, record.version, record.file);
  }
}

void PluginManager::stopAll() noexcept {
  for (auto it = started_.rbegin(); it != started_.rend(); ++it)
    if (PluginRecord* r = findMutable(*it)) r->instance->stop();
  started_.clear();
}

PluginCatalog PluginManager::catalog() const {
  PluginCatalog catalog;
  for (const auto& r : records_) {
    if (r.id.empty()) continue;
    bool usable = r.loaded();
    // A duplicate must not shadow the loaded file of the same id.
    if (catalog.count(r.id) && !usable) continue;
    catalog[r.id] = PluginCatalogEntry{usable, r.manifest ? &r.manifest->settings : nullptr,
                                       r.manifest ? &r.manifest->permissions : nullptr};
  }
  return catalog;
}

}  // namespace tabhost::core
