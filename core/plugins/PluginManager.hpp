// Finds, checks, loads, orders and starts the plugins of one folder.
//
// Order of checks for each *.so (nothing of a file runs before its stamp is
// accepted):
//   1. the ELF symbol table, read without loading, must hold an ABI stamp the
//      host accepts;
//   2. loaded (RTLD_NOW | RTLD_LOCAL), its descriptor must agree with the stamp;
//   3. the plugin is created and describes itself; its id must be unique;
//   4. dependencies are resolved and plugins started in dependency order.
// A refusal at any step disables that file (and its dependents) with a reason;
// the host carries on.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/config/ConfigModel.hpp"
#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/plugin.hpp"

namespace boost::dll {
class shared_library;
}

namespace tabhost::core {

/// One file of the plugin folder and what became of it.
struct PluginRecord {
  enum class State { Loaded, Refused };
  /// Absolute path.
  std::string file;
  /// From the descriptor; empty when the file never got that far.
  std::string id;
  std::string version;
  /// SDK ABI from the stamp ("1.0"), empty when there is none.
  std::string abi;
  State state = State::Refused;
  /// Why it was refused.
  std::string reason;
  /// Present once the plugin described itself.
  std::optional<sdk::Manifest> manifest;
  /// The plugin object; its deleter holds the library, so the object never
  /// outlives its code.
  std::shared_ptr<sdk::Plugin> instance;
  const sdk::PluginDescriptor* descriptor = nullptr;

  bool loaded() const { return state == State::Loaded; }
  /// "loaded" or "refused: <reason>".
  std::string status() const { return loaded() ? "loaded" : "refused: " + reason; }
};

class PluginManager {
 public:
  /// Scans `dir` and loads every acceptable plugin (steps 1–3). Does not start them.
  explicit PluginManager(const std::string& dir);
  ~PluginManager();
  PluginManager(const PluginManager&) = delete;
  PluginManager& operator=(const PluginManager&) = delete;

  /// Orders and starts the plugins (step 4), adding what each registers to
  /// `registry` (which may already hold the host's own registrations).
  void startAll(Registrations& registry);
  /// Stops started plugins in reverse start order.
  void stopAll() noexcept;

  /// Every file found, in file-name order.
  const std::vector<PluginRecord>& records() const { return records_; }
  /// The loaded plugin `id`, or nullptr.
  const PluginRecord* find(const std::string& id) const;
  /// Ids of started plugins, in start order.
  const std::vector<std::string>& startOrder() const { return started_; }
  /// What the configuration validator needs to know of each plugin.
  PluginCatalog catalog() const;

 private:
  void loadFile(PluginRecord& record);
  void refuse(PluginRecord& record, std::string reason);
  PluginRecord* findMutable(const std::string& id);

  std::vector<PluginRecord> records_;
  std::vector<std::string> started_;
  // Every library stays loaded for the process's life (as OBS and LLVM do):
  // callbacks a plugin registered may run until the very end.
  std::vector<std::shared_ptr<boost::dll::shared_library>> libraries_;
};

}  // namespace tabhost::core
