// What identity keeps for the life of the host: keys, the token cache, the
// sign-in throttle and every permission the host and plugins define.
#pragma once

#include <string>

#include "core/crypto/KeyRing.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/LoginThrottle.hpp"
#include "core/identity/Permissions.hpp"
#include "core/identity/RecordLimiter.hpp"

namespace tabhost::core {

struct IdentityServices {
  IdentityServices(const std::string& stateDir, const std::string& masterKeyFile, PermissionCatalog catalog)
      : keys(stateDir, masterKeyFile), permissions(std::move(catalog)) {}

  KeyRing keys;
  TokenCache tokens;
  LoginThrottle throttle;
  /// Refusal records per tenant and client address.
  RecordLimiter refusalRecords;
  PermissionCatalog permissions;
};

}  // namespace tabhost::core
