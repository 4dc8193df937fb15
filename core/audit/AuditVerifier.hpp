// Recomputes a tenant's audit chain and says whether it is intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

/// Walks `tenantDb`'s chain in sequence order up to the head read first (so
/// entries appended meanwhile do not count as tampering), page by page, and
/// checks every signed checkpoint (oldest first) against it: a rewritten
/// history or a cut-off tail no longer matches what was signed.
AuditVerdict verifyAuditChain(sdk::Database& tenantDb, const std::string& tenantId,
                              const std::vector<AuditCheckpoint>& checkpoints, const KeyRing& keys);

/// Checks that the entries after `from` still chain onto it up to the head,
/// and returns the head (seq, hash); throws std::runtime_error describing the
/// first problem. What a new checkpoint may be signed over.
AuditCheckpoint verifiedHeadSince(sdk::Database& tenantDb, const AuditCheckpoint& from);

}  // namespace tabhost::core
