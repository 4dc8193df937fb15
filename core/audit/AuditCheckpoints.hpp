// Signed checkpoints of each tenant's audit chain head, kept in the system
// database (apart from the tenant's own file or schema), so that rewriting a
// tenant's history or cutting entries off its end is detected by
// verification. A checkpoint is only signed over a chain that still matches
// the previous one, so a tampered history is never blessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit/AuditVerifier.hpp"
#include "core/crypto/KeyRing.hpp"
#include "core/plugins/Registry.hpp"
#include "core/storage/TenantDatabases.hpp"

namespace tabhost::core {

/// The system database's migration for the checkpoint table.
RegisteredMigration auditCheckpointMigration();

/// Every checkpoint of `tenantId`, oldest first.
std::vector<AuditCheckpoint> auditCheckpoints(TenantDatabases& databases, const std::string& tenantId);

/// Signs and stores the tenant's current chain head when it moved since the
/// last checkpoint and still chains onto it; returns the new checkpoint, or
/// nullopt when nothing moved. Throws std::runtime_error when the chain no
/// longer matches the last checkpoint (nothing is signed then).
std::optional<AuditCheckpoint> writeAuditCheckpoint(TenantDatabases& databases, const KeyRing& keys,
                                                    const std::string& tenantId);

/// Verifies the tenant's chain (read through `tenantDb`) against its checkpoints.
AuditVerdict verifyTenantAudit(TenantDatabases& databases, const KeyRing& keys, const std::string& tenantId,
                               sdk::Database& tenantDb);

/// Forgets a dropped tenant's checkpoints (a new tenant may take its id).
void forgetAuditCheckpoints(sdk::Database& systemDb, const std::string& tenantId);

}  // namespace tabhost::core
