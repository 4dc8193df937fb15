#include "core/identity/Permissions.hpp"

#include <algorithm>
#include <set>

#include "tabhost/sdk/identity.hpp"

namespace tabhost::core {

const std::vector<sdk::PermissionInfo>& hostPermissions() {
  static const std::vector<sdk::PermissionInfo> permissions{
      {"audit.read", "Read, export and verify the audit log", "admin"},
      // The host's, not a plugin's: the impersonation service checks it
      // whichever plugin offers impersonation.
      {"impersonation.become", "Act as users of a lower rank", "admin"},
  };
  return permissions;
}

bool isUserType(const std::string& userType) {
  return std::ranges::find(sdk::kUserTypes, userType) != sdk::kUserTypes.end();
}

std::vector<std::string> permissionsFor(const PermissionCatalog& catalog, const TenantRoles& tenantRoles,
                                        const std::string& userType, const std::vector<std::string>& roles) {
  std::set<std::string> granted;
  if (userType == "operator") {
    for (const auto& p : catalog) granted.insert(p.name);
    return {granted.begin(), granted.end()};
  }
  if (auto own = tenantRoles.find(userType); own != tenantRoles.end()) {
    granted.insert(own->second.begin(), own->second.end());
  } else if (const int rank = sdk::userTypeRank(userType); rank > 0 && isUserType(userType)) {
    for (const auto& p : catalog)
      if (const int needed = sdk::userTypeRank(p.grantedTo); needed > 0 && needed <= rank) granted.insert(p.name);
  }
  for (const auto& role : roles)
    if (auto extra = tenantRoles.find(role); extra != tenantRoles.end() && !isUserType(role))
      granted.insert(extra->second.begin(), extra->second.end());
  return {granted.begin(), granted.end()};
}

}  // namespace tabhost::core
