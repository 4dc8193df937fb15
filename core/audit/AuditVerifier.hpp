// Recomputes a tenant's audit chain and says whether it is intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/crypto/KeyRing.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

/// A signed statement of a tenant's chain head at some moment.
struct AuditCheckpoint {
  std::int64_t seq = 0;
  std::string hash;
  std::string at;
  std::string signature;
};

struct AuditVerdict {
  bool ok = true;
  /// Entries checked.
  std::int64_t entries = 0;
  /// The first entry found changed, missing or out of place (0 when ok).
  std::int64_t firstBadSeq = 0;
  /// What is wrong, for people ("entry 12 was changed", ...).
  std::string problem;
  /// The newest checkpoint checked against, if any.
  std::optional<AuditCheckpoint> checkpoint;

  sdk::Json toJson() const;
};

/// The message a checkpoint's signature covers.
std::string checkpointMessage(const std::string& tenantId, const AuditCheckpoint& checkpoint);

/// Walks `tenantDb`'s chain in sequence order (reading it page by page), then
/// checks its head and, when given, the newest signed checkpoint, which
/// catches a truncated tail.
AuditVerdict verifyAuditChain(sdk::Database& tenantDb, const std::string& tenantId,
                              const std::optional<AuditCheckpoint>& checkpoint, const KeyRing& keys);

}  // namespace tabhost::core
