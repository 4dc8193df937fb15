// The tables identity keeps: users, their sessions, API tokens and recovery
// codes in each tenant's database; platform operators in the system database.
#pragma once

#include "core/plugins/Registry.hpp"

namespace tabhost::core {

/// Tenant database: users, sessions, api_tokens, recovery_codes (owner "tabhost").
RegisteredMigration identityMigration();

/// Tenant database: the indexes behind the users list (owner "tabhost", version 5).
RegisteredMigration userListingMigration();

/// System database: operators (owner "tabhost-system").
RegisteredMigration operatorsMigration();

}  // namespace tabhost::core
