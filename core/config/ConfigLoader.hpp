// Reads tabhost.yaml and the tenant files with yaml-cpp and validates them.
// Every problem is reported with file:line:col; nothing is half-loaded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/config/ConfigModel.hpp"
#include "core/config/Diagnostic.hpp"

namespace tabhost::core {

/// Loads tabhost.yaml alone (needed first: it names the plugin folder).
/// Returns nullopt and fills `errors` when it is invalid.
std::optional<HostConfig> loadHostConfig(const std::string& path, Diagnostics& errors);

/// Loads every *.yaml in host.tenantsDir and validates it against the
/// installed plugins. Returns nullptr and fills `errors` when anything is
/// invalid; `generation` is stored in the snapshot.
std::shared_ptr<const ConfigSnapshot> loadConfig(const HostConfig& host, const PluginCatalog& plugins,
                                                 std::uint64_t generation, Diagnostics& errors);

}  // namespace tabhost::core
