// The hash chain over a tenant's audit entries:
//   hash(n) = SHA-256(0x00 ‖ canonical(entry n) ‖ hash(n-1))
// where canonical() is every chained column, each as "<length>:<bytes>,", in a
// fixed order, so no two different entries encode alike. The first entry
// chains to the empty string.
#pragma once

#include <string>

#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

/// The chained columns of audit_log, in canonical order.
inline constexpr const char* kChainedColumns[] = {
    "seq",         "at",       "request_id", "category",    "actor_type", "actor_id",
    "impersonator_id", "via",  "plugin",     "action",      "target_type", "target_id",
    "metadata",    "changes_commitment", "client_address", "user_agent"};

/// The canonical encoding of a row (a JSON object holding kChainedColumns).
std::string canonicalAuditRow(const sdk::Json& row);

/// The chain hash of a row given the previous entry's hash (hex).
std::string chainHash(const sdk::Json& row, const std::string& previousHash);

/// The salted commitment to an entry's changes ("" when there are none).
std::string changesCommitment(const std::string& salt, const std::string& changesText);

}  // namespace tabhost::core
