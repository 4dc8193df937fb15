#include "core/audit/AuditCheckpoints.hpp"

#include "core/storage/PocoDatabase.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

RegisteredMigration auditCheckpointMigration() {
  sdk::Migration m;
  m.version = 1;
  m.name = "create audit_checkpoints";
  m.sql =
      "CREATE TABLE audit_checkpoints (tenant_id TEXT NOT NULL, seq BIGINT NOT NULL, hash TEXT NOT NULL, "
      "at TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (tenant_id, seq))";
  return {"tabhost-system", m};
}

std::vector<AuditCheckpoint> auditCheckpoints(TenantDatabases& databases, const std::string& tenantId) {
  auto lease = databases.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease, databases.driver());
  std::vector<AuditCheckpoint> checkpoints;
  for (const auto& r : db.query(
           "SELECT seq, hash, at, signature FROM audit_checkpoints WHERE tenant_id = ? ORDER BY seq", {tenantId}))
    checkpoints.push_back({r.find("seq")->asInt(), r.find("hash")->asString(), r.find("at")->asString(),
                           r.find("signature")->asString()});
  return checkpoints;
}

std::optional<AuditCheckpoint> writeAuditCheckpoint(TenantDatabases& databases, const KeyRing& keys,
                                                    const std::string& tenantId) {
  const auto existing = auditCheckpoints(databases, tenantId);
  const AuditCheckpoint last = existing.empty() ? AuditCheckpoint{} : existing.back();
  AuditCheckpoint checkpoint;
  {
    auto lease = databases.acquire(tenantId);
    PocoDatabase db(lease, databases.driver());
    checkpoint = verifiedHeadSince(db, last);
  }
  if (checkpoint.seq == last.seq) return std::nullopt;
  checkpoint.at = utcTimestamp();
  checkpoint.signature = keys.sign(checkpointMessage(tenantId, checkpoint));
  auto lease = databases.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease, databases.driver());
  db.execute("INSERT INTO audit_checkpoints (tenant_id, seq, hash, at, signature) VALUES (?, ?, ?, ?, ?)",
             {tenantId, checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.signature});
  return checkpoint;
}

AuditVerdict verifyTenantAudit(TenantDatabases& databases, const KeyRing& keys, const std::string& tenantId,
                               sdk::Database& tenantDb) {
  return verifyAuditChain(tenantDb, tenantId, auditCheckpoints(databases, tenantId), keys);
}

void forgetAuditCheckpoints(sdk::Database& systemDb, const std::string& tenantId) {
  systemDb.execute("DELETE FROM audit_checkpoints WHERE tenant_id = ?", {tenantId});
}

}  // namespace tabhost::core
