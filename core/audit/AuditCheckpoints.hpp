// Signed checkpoints of each tenant's audit chain head, kept in the system
// database (apart from the tenant's own file or schema), so that cutting
// entries off the end of a tenant's log is detected by verification.
#pragma once

#include <optional>
#include <string>

#include "core/audit/AuditVerifier.hpp"
#include "core/crypto/KeyRing.hpp"
#include "core/plugins/Registry.hpp"
#include "core/storage/TenantDatabases.hpp"

namespace tabhost::core {

/// The system database's migration for the checkpoint table.
RegisteredMigration auditCheckpointMigration();

/// The newest checkpoint of `tenantId`, if any.
std::optional<AuditCheckpoint> latestAuditCheckpoint(TenantDatabases& databases, const std::string& tenantId);

/// Signs and stores the tenant's current chain head when it moved since the
/// last checkpoint; returns the new checkpoint, or nullopt when nothing moved.
std::optional<AuditCheckpoint> writeAuditCheckpoint(TenantDatabases& databases, const KeyRing& keys,
                                                    const std::string& tenantId);

/// Verifies the tenant's chain against its newest checkpoint.
AuditVerdict verifyTenantAudit(TenantDatabases& databases, const KeyRing& keys, const std::string& tenantId);

}  // namespace tabhost::core
