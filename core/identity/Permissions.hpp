// Roles and permissions.
//
// Permissions are strings plugins declare in their manifests (plus the
// host's own, below). Each built-in user type holds by default every
// permission whose `grantedTo` type ranks at or below it. A tenant file may
// define extra roles ("roles: {billing-clerk: [billing.read]}") and may
// replace a built-in type's set by defining a role of the same name. A user's
// permissions are their type's set plus those of their extra roles; nothing
// else is granted (deny by default). Platform operators hold all.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tabhost/sdk/manifest.hpp"

namespace tabhost::core {

/// The host's own permissions.
const std::vector<sdk::PermissionInfo>& hostPermissions();

/// Every permission the host and the loaded plugins define.
using PermissionCatalog = std::vector<sdk::PermissionInfo>;

/// A tenant's roles from YAML: name → permissions.
using TenantRoles = std::map<std::string, std::vector<std::string>>;

/// The permissions of a user of `userType` with extra `roles`, sorted.
std::vector<std::string> permissionsFor(const PermissionCatalog& catalog, const TenantRoles& tenantRoles,
                                        const std::string& userType, const std::vector<std::string>& roles);

/// Whether `userType` is a built-in type (owner ... member).
bool isUserType(const std::string& userType);

}  // namespace tabhost::core
