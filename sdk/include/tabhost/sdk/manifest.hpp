// Tabhost plugin SDK — what a plugin says about itself.
#pragma once

#include <string>
#include <vector>

#include "tabhost/sdk/settings.hpp"

namespace tabhost::sdk {

/// Another plugin this one needs.
struct Dependency {
  /// The other plugin's id.
  std::string id;
  /// Accepted versions: space-separated comparisons, all of which must hold,
  /// e.g. ">=1.2.0 <2.0.0". Empty accepts any version.
  std::string versions;
};

/// A permission the plugin defines, e.g. {"companies.write", "Create and edit companies", "supervisor"}.
struct PermissionInfo {
  /// "<plugin>.<verb>", e.g. "companies.write".
  std::string name;
  std::string description;
  /// The lowest built-in user type that holds it by default; every type
  /// ranked above holds it too. Types by rank: owner > admin > supervisor >
  /// agent > analyst > viewer > member. Tenants may override role sets in YAML.
  std::string grantedTo = "admin";
};

/// The plugin's identity, tab defaults, permissions, settings and dependencies.
struct Manifest {
  /// Unique id: lowercase letters, digits, '-' and '_' (e.g. "companies").
  /// Must equal the id given to TABHOST_PLUGIN.
  std::string id;
  /// Human name, e.g. "Companies".
  std::string name;
  /// Semantic version "major.minor.patch". Must equal the TABHOST_PLUGIN version.
  std::string version;
  /// One sentence on what it does.
  std::string description;
  /// Default tab title and icon; tenants may rename them. An empty title means
  /// the plugin has no tab of its own (it only adds routes or behaviour).
  std::string tabTitle;
  std::string tabIcon;
  /// Default position among tabs (lower first) when the tenant gives no order.
  int tabOrder = 100;
  /// Permissions this plugin defines.
  std::vector<PermissionInfo> permissions;
  /// Plugins that must be loaded and started before this one.
  std::vector<Dependency> dependencies;
  /// Settings a tenant may give this plugin.
  SettingsSchema settings;
};

}  // namespace tabhost::sdk
