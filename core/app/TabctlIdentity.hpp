// tabctl's identity and audit commands:
//   tabctl user create --config F --tenant T --email E --type TYPE [--first-name N] [--last-name N]
//   tabctl user reset-password --config F --tenant T --email E
//   tabctl token create --config F --tenant T --email E --name N [--scopes a,b] [--days D]
//   tabctl operator create --config F --email E
//   tabctl audit verify --config F --tenant T
//   tabctl audit checkpoint --config F [--tenant T]
#pragma once

#include <string>
#include <vector>

namespace tabhost::core {

struct UserCreateOptions {
  std::string tenant, email, type, firstName, lastName;
};
int tabctlUserCreate(const std::string& configPath, const UserCreateOptions& options, const std::string& operatorName);

/// A new temporary password for a user who cannot sign in; ends their sessions.
int tabctlUserResetPassword(const std::string& configPath, const std::string& tenant, const std::string& email,
                            const std::string& operatorName);

struct TokenCreateOptions {
  std::string tenant, email, name;
  /// Empty: every permission the user holds.
  std::vector<std::string> scopes;
  int days = 90;
};
int tabctlTokenCreate(const std::string& configPath, const TokenCreateOptions& options,
                      const std::string& operatorName);

/// A platform operator: may sign in to any tenant ({"operator": true} at
/// /auth/login) and holds every permission there.
int tabctlOperatorCreate(const std::string& configPath, const std::string& email, const std::string& operatorName);

int tabctlAuditVerify(const std::string& configPath, const std::string& tenant);
/// keys rotate: a new master key (when it lives in a file), then every
/// tenant's sealed values re-sealed under the current key.
int tabctlKeysRotate(const std::string& configPath);
int tabctlAuditCheckpoint(const std::string& configPath, const std::string& onlyTenant);

}  // namespace tabhost::core
