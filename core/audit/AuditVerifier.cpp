#include "core/audit/AuditVerifier.hpp"

#include "core/audit/AuditChain.hpp"
#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {

constexpr int kPage = 2000;

std::string text(const sdk::Json& row, const char* column) {
  const sdk::Json* value = row.find(column);
  return value && value->isString() ? value->asString() : std::string();
}

}  // namespace

sdk::Json AuditVerdict::toJson() const {
  sdk::Json body = sdk::Json::object({{"ok", ok}, {"entries", entries}});
  if (!ok) {
    body["first_bad_seq"] = firstBadSeq;
    body["problem"] = problem;
  }
  if (checkpoint)
    body["checkpoint"] = sdk::Json::object({{"seq", checkpoint->seq}, {"at", checkpoint->at}});
  return body;
}

std::string checkpointMessage(const std::string& tenantId, const AuditCheckpoint& c) {
  return "tabhost-audit-checkpoint\n" + tenantId + "\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" + c.at;
}

AuditVerdict verifyAuditChain(sdk::Database& db, const std::string& tenantId,
                              const std::optional<AuditCheckpoint>& checkpoint, const KeyRing& keys) {
  AuditVerdict verdict;
  verdict.checkpoint = checkpoint;
  const auto fail = [&](std::int64_t seq, std::string problem) {
    verdict.ok = false;
    verdict.firstBadSeq = seq;
    verdict.problem = std::move(problem);
    return verdict;
  };

  std::string previous;
  std::int64_t expected = 1;
  std::optional<std::string> checkpointHashSeen;
  for (;;) {
    const auto rows = db.query("SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?", {expected, kPage});
    for (const auto& row : rows) {
      const std::int64_t seq = row.find("seq")->asInt();
      if (seq != expected)
        return fail(expected, "entry " + std::to_string(expected) + " is missing (the next entry is " +
                                  std::to_string(seq) + ")");
      if (text(row, "prev_hash") != previous)
        return fail(seq, "entry " + std::to_string(seq) + " does not follow entry " + std::to_string(seq - 1) +
                             " (removed, inserted or reordered)");
      if (chainHash(row, previous) != text(row, "hash"))
        return fail(seq, "entry " + std::to_string(seq) + " was changed after it was written");
      // Erased changes (a deleted user's data) are null; present ones must
      // match the commitment the chain holds.
      if (const sdk::Json* changes = row.find("changes"); changes && changes->isString() &&
          changesCommitment(text(row, "changes_salt"), changes->asString()) != text(row, "changes_commitment"))
        return fail(seq, "the changes of entry " + std::to_string(seq) + " were altered");
      if (checkpoint && seq == checkpoint->seq) checkpointHashSeen = text(row, "hash");
      previous = text(row, "hash");
      ++expected;
      ++verdict.entries;
    }
    if (rows.size() < static_cast<std::size_t>(kPage)) break;
  }

  const auto head = db.query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (head.empty() || head.front().find("seq")->asInt() != verdict.entries ||
      text(head.front(), "hash") != previous)
    return fail(verdict.entries + 1, "the log ends at entry " + std::to_string(verdict.entries) +
                                         " but its head records a different last entry (tail removed or head edited)");

  if (checkpoint) {
    if (!keys.verify(checkpointMessage(tenantId, *checkpoint), checkpoint->signature))
      return fail(checkpoint->seq, "the checkpoint's signature is not valid");
    if (!checkpointHashSeen)
      return fail(verdict.entries + 1, "the log ends at entry " + std::to_string(verdict.entries) +
                                           " but a signed checkpoint covers entry " + std::to_string(checkpoint->seq) +
                                           " (tail truncated)");
    if (*checkpointHashSeen != checkpoint->hash)
      return fail(checkpoint->seq, "entry " + std::to_string(checkpoint->seq) +
                                       " differs from the signed checkpoint (history rewritten)");
  }
  return verdict;
}

}  // namespace tabhost::core
