#include "core/audit/AuditLog.hpp"

#include "core/audit/AuditChain.hpp"
#include "core/crypto/Secrets.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

namespace {

// Everything but the key column is identical on both drivers.
std::string auditTables(const std::string& seqType) {
  return "CREATE TABLE audit_log (seq " + seqType +
         " PRIMARY KEY, at TEXT NOT NULL, request_id TEXT NOT NULL, category TEXT NOT NULL, "
         "actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, impersonator_id TEXT NOT NULL, via TEXT NOT NULL, "
         "plugin TEXT NOT NULL, action TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL, "
         "metadata TEXT NOT NULL, changes TEXT, changes_salt TEXT, changes_commitment TEXT NOT NULL, "
         "client_address TEXT NOT NULL, user_agent TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n"
         "CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq);\n"
         "CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);\n"
         "CREATE INDEX audit_log_action ON audit_log (action, seq);\n"
         "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq " + seqType + " NOT NULL, hash TEXT NOT NULL);\n"
         "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');\n";
}

// Defence in depth: the application never rewrites history (nor truncates
// it, nor moves the head back). Only `changes` and its salt may be cleared
// (erasure of a deleted user's personal data). Whoever owns the database can
// still drop the triggers; the chain and the signed checkpoints catch that.
constexpr const char* kFrozenColumns =
    "seq, at, request_id, category, actor_type, actor_id, impersonator_id, via, plugin, action, target_type, "
    "target_id, metadata, changes_commitment, client_address, user_agent, prev_hash, hash";

}  // namespace

RegisteredMigration auditLogMigration() {
  sdk::Migration m;
  m.version = 1;
  m.name = "create audit_log (hash-chained)";
  m.sql = auditTables("INTEGER") +
          "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;\n"
          "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF " + std::string(kFrozenColumns) +
          " ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;\n"
          "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NEW.seq < OLD.seq "
          "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;\n"
          "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
          "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END;\n";
  m.postgresSql = auditTables("BIGINT") +
                  "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;\n"
                  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                  "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();\n"
                  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF " + std::string(kFrozenColumns) +
                  " ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();\n"
                  "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
                  "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();\n"
                  "CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN IF TG_OP <> 'UPDATE' OR NEW.seq < OLD.seq THEN "
                  "RAISE EXCEPTION 'audit_head only moves forward'; END IF; RETURN NEW; END $$;\n"
                  "CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head "
                  "FOR EACH ROW EXECUTE FUNCTION audit_head_forward();\n"
                  "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
                  "FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward();\n";
  return {kHostOwner, m};
}

AuditEntry cliAuditEntry(std::string operatorName, std::string action, std::string targetType, std::string targetId,
                         sdk::Json metadata) {
  AuditEntry e;
  e.requestId = "tabctl";
  e.actorType = "operator";
  e.actorId = std::move(operatorName);
  e.via = "cli";
  e.plugin = kHostOwner;
  e.action = std::move(action);
  e.targetType = std::move(targetType);
  e.targetId = std::move(targetId);
  e.metadata = std::move(metadata);
  return e;
}

sdk::Json changesJson(const std::vector<sdk::Change>& changes) {
  sdk::Json list = sdk::Json::array();
  for (const auto& c : changes) {
    if (c.secret)
      list.push_back(sdk::Json::object({{"field", c.field}, {"secret", true}}));
    else
      list.push_back(sdk::Json::object({{"field", c.field}, {"before", c.before}, {"after", c.after}}));
  }
  return list;
}

std::int64_t appendAuditEntry(sdk::Database& db, const AuditEntry& e) {
  std::int64_t seq = 0;
  db.transaction([&] {
    // Bumping the head first takes its row lock (PostgreSQL) before reading
    // it, so concurrent appends queue instead of forking the chain.
    db.execute("UPDATE audit_head SET seq = seq + 1 WHERE id = 1");
    const auto head = db.query("SELECT seq, hash FROM audit_head WHERE id = 1");
    seq = head.front().find("seq")->asInt();
    const std::string previous = head.front().find("hash")->asString();

    std::string changesText, salt;
    if (!e.changes.empty()) {
      changesText = toJsonText(changesJson(e.changes));
      salt = toHex(randomBytes(16));
    }
    sdk::Json row = sdk::Json::object({
        {"seq", seq},
        {"at", utcTimestamp()},
        {"request_id", e.requestId},
        {"category", e.category},
        {"actor_type", e.actorType},
        {"actor_id", e.actorId},
        {"impersonator_id", e.impersonatorId},
        {"via", e.via},
        {"plugin", e.plugin},
        {"action", e.action},
        {"target_type", e.targetType},
        {"target_id", e.targetId},
        {"metadata", toJsonText(e.metadata.isNull() ? sdk::Json::object() : e.metadata)},
        {"changes_commitment", changesCommitment(salt, changesText)},
        {"client_address", e.clientAddress},
        {"user_agent", e.userAgent},
    });
    const std::string hash = chainHash(row, previous);
    sdk::Params params;
    for (const char* column : kChainedColumns) params.emplace_back(*row.find(column));
    params.emplace_back(changesText.empty() ? sdk::Json() : sdk::Json(changesText));
    params.emplace_back(salt.empty() ? sdk::Json() : sdk::Json(salt));
    params.emplace_back(previous);
    params.emplace_back(hash);
    db.execute(
        "INSERT INTO audit_log (seq, at, request_id, category, actor_type, actor_id, impersonator_id, via, plugin, "
        "action, target_type, target_id, metadata, changes_commitment, client_address, user_agent, changes, "
        "changes_salt, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params);
    db.execute("UPDATE audit_head SET hash = ? WHERE id = 1", {hash});
  });
  return seq;
}

}  // namespace tabhost::core
