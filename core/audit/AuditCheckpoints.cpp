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

std::optional<AuditCheckpoint> latestAuditCheckpoint(TenantDatabases& databases, const std::string& tenantId) {
  auto lease = databases.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease.session(), databases.driver());
  const auto rows = db.query(
      "SELECT seq, hash, at, signature FROM audit_checkpoints WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1",
      {tenantId});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return AuditCheckpoint{r.find("seq")->asInt(), r.find("hash")->asString(), r.find("at")->asString(),
                         r.find("signature")->asString()};
}

std::optional<AuditCheckpoint> writeAuditCheckpoint(TenantDatabases& databases, const KeyRing& keys,
                                                    const std::string& tenantId) {
  AuditCheckpoint checkpoint;
  {
    auto lease = databases.acquire(tenantId);
    PocoDatabase db(lease.session(), databases.driver());
    const auto head = db.query("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (head.empty()) return std::nullopt;
    checkpoint.seq = head.front().find("seq")->asInt();
    checkpoint.hash = head.front().find("hash")->asString();
  }
  const auto latest = latestAuditCheckpoint(databases, tenantId);
  if (checkpoint.seq == 0 || (latest && latest->seq >= checkpoint.seq)) return std::nullopt;
  checkpoint.at = utcTimestamp();
  checkpoint.signature = keys.sign(checkpointMessage(tenantId, checkpoint));
  auto lease = databases.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease.session(), databases.driver());
  db.execute("INSERT INTO audit_checkpoints (tenant_id, seq, hash, at, signature) VALUES (?, ?, ?, ?, ?)",
             {tenantId, checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.signature});
  return checkpoint;
}

AuditVerdict verifyTenantAudit(TenantDatabases& databases, const KeyRing& keys, const std::string& tenantId) {
  const auto checkpoint = latestAuditCheckpoint(databases, tenantId);
  auto lease = databases.acquire(tenantId);
  PocoDatabase db(lease.session(), databases.driver());
  return verifyAuditChain(db, tenantId, checkpoint, keys);
}

}  // namespace tabhost::core
