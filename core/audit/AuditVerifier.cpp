#include "core/audit/AuditVerifier.hpp"

#include <map>
#include <stdexcept>

#include "core/audit/AuditChain.hpp"
#include "core/storage/RowFields.hpp"

namespace tabhost::core {

namespace {

constexpr int kPage = 2000;

struct Head {
  std::int64_t seq = 0;
  std::string hash;
};

Head readHead(sdk::Database& db) {
  const auto head = db.query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (head.empty()) return {-1, {}};
  return {head.front().find("seq")->asInt(), textField(head.front(), "hash")};
}

struct Problem {
  std::int64_t seq = 0;
  std::string what;
};

// Recomputes entries after `fromSeq` (whose hash is `previous`) up to
// `toSeq`; calls `seen(seq, hash)` for each. Returns the first problem.
template <class Seen>
std::optional<Problem> walk(sdk::Database& db, std::int64_t fromSeq, std::string previous, std::int64_t toSeq,
                            Seen seen) {
  std::int64_t expected = fromSeq + 1;
  while (expected <= toSeq) {
    const auto rows = db.query("SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?",
                               {expected, toSeq, kPage});
    if (rows.empty()) break;
    for (const auto& row : rows) {
      const std::int64_t seq = row.find("seq")->asInt();
      const std::string n = std::to_string(seq);
      if (seq != expected)
        return Problem{expected, "entry " + std::to_string(expected) + " is missing (the next entry is " + n + ")"};
      if (textField(row, "prev_hash") != previous)
        return Problem{seq, "entry " + n + " does not follow entry " + std::to_string(seq - 1) +
                                " (removed, inserted or reordered)"};
      if (chainHash(row, previous) != textField(row, "hash"))
        return Problem{seq, "entry " + n + " was changed after it was written"};
      // Erased changes (a deleted user's data) are null; present ones must
      // match the commitment the chain holds.
      if (const sdk::Json* changes = row.find("changes"); changes && changes->isString() &&
          changesCommitment(textField(row, "changes_salt"), changes->asString()) != textField(row, "changes_commitment"))
        return Problem{seq, "the changes of entry " + n + " were altered"};
      previous = textField(row, "hash");
      seen(seq, previous);
      ++expected;
    }
  }
  if (expected <= toSeq)
    return Problem{expected, "the log ends at entry " + std::to_string(expected - 1) + " but its head records entry " +
                                 std::to_string(toSeq) + " (tail removed)"};
  return std::nullopt;
}

}  // namespace

sdk::Json AuditVerdict::toJson() const {
  sdk::Json body = sdk::Json::object({{"ok", ok}, {"entries", entries}});
  if (!ok) {
    body["first_bad_seq"] = firstBadSeq;
    body["problem"] = problem;
  }
  if (checkpoint) body["checkpoint"] = sdk::Json::object({{"seq", checkpoint->seq}, {"at", checkpoint->at}});
  return body;
}

std::string checkpointMessage(const std::string& tenantId, const AuditCheckpoint& c) {
  return "tabhost-audit-checkpoint\n" + tenantId + "\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" + c.at;
}

AuditVerdict verifyAuditChain(sdk::Database& db, const std::string& tenantId,
                              const std::vector<AuditCheckpoint>& checkpoints, const KeyRing& keys) {
  AuditVerdict verdict;
  if (!checkpoints.empty()) verdict.checkpoint = checkpoints.back();
  const auto fail = [&](std::int64_t seq, std::string problem) {
    verdict.ok = false;
    verdict.firstBadSeq = seq;
    verdict.problem = std::move(problem);
    return verdict;
  };
  for (const auto& c : checkpoints)
    if (!keys.verify(checkpointMessage(tenantId, c), c.signature))
      return fail(c.seq, "the checkpoint at entry " + std::to_string(c.seq) + " is not validly signed");

  const Head head = readHead(db);
  if (head.seq < 0) return fail(1, "the chain head is missing");
  std::map<std::int64_t, std::string> signedHashes;
  for (const auto& c : checkpoints) signedHashes[c.seq] = c.hash;
  std::optional<Problem> rewritten;
  std::string last;
  auto problem = walk(db, 0, "", head.seq, [&](std::int64_t seq, const std::string& hash) {
    ++verdict.entries;
    last = hash;
    if (auto it = signedHashes.find(seq); !rewritten && it != signedHashes.end() && it->second != hash)
      rewritten = Problem{seq, "entry " + std::to_string(seq) + " differs from the signed checkpoint (history rewritten)"};
  });
  if (problem) return fail(problem->seq, problem->what);
  if (rewritten) return fail(rewritten->seq, rewritten->what);
  if (last != head.hash) return fail(head.seq, "the chain head does not match the last entry (head edited)");
  if (!checkpoints.empty() && checkpoints.back().seq > head.seq)
    return fail(head.seq + 1, "the log ends at entry " + std::to_string(head.seq) + " but a signed checkpoint covers entry " +
                                  std::to_string(checkpoints.back().seq) + " (tail truncated)");
  return verdict;
}

AuditCheckpoint verifiedHeadSince(sdk::Database& db, const AuditCheckpoint& from) {
  const Head head = readHead(db);
  if (head.seq < from.seq)
    throw std::runtime_error("the chain head (entry " + std::to_string(head.seq) + ") is behind the last checkpoint (entry " +
                             std::to_string(from.seq) + "): tail truncated");
  if (from.seq > 0) {
    const auto anchor = db.query("SELECT hash FROM audit_log WHERE seq = ?", {from.seq});
    if (anchor.empty() || textField(anchor.front(), "hash") != from.hash)
      throw std::runtime_error("entry " + std::to_string(from.seq) + " no longer matches its signed checkpoint");
  }
  std::string last = from.hash;
  if (auto problem = walk(db, from.seq, from.hash, head.seq, [&](std::int64_t, const std::string& hash) { last = hash; }))
    throw std::runtime_error(problem->what);
  if (last != head.hash) throw std::runtime_error("the chain head does not match the last entry");
  AuditCheckpoint checkpoint;
  checkpoint.seq = head.seq;
  checkpoint.hash = head.hash;
  return checkpoint;
}

}  // namespace tabhost::core
