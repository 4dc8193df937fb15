// Re-seals a tenant's sealed values under the current master key, for
// `tabctl keys rotate`. Every column that holds KeyRing::seal output is
// listed here, so that a rotation leaves nothing under a retired key.
#pragma once

#include <cstdint>

#include "core/crypto/KeyRing.hpp"
#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

/// Re-seals, in a tenant's database (inside the caller's transaction),
/// every value not sealed under the current key; returns how many.
std::int64_t resealTenantSecrets(sdk::Database& db, const KeyRing& keys);
/// The same for the system database (platform operators' TOTP seeds).
std::int64_t resealSystemSecrets(sdk::Database& db, const KeyRing& keys);

}  // namespace tabhost::core
