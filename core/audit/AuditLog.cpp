#include "core/audit/AuditLog.hpp"

#include "core/json/JsonCodec.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

RegisteredMigration auditLogMigration() {
  sdk::Migration m;
  m.version = 1;
  m.name = "create audit_log";
  m.sql =
      "CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, request_id TEXT NOT NULL, "
      "actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, plugin TEXT NOT NULL, action TEXT NOT NULL, "
      "target_type TEXT NOT NULL, target_id TEXT NOT NULL, details TEXT NOT NULL)";
  m.postgresSql =
      "CREATE TABLE audit_log (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, request_id TEXT NOT NULL, "
      "actor_type TEXT NOT NULL, actor_id TEXT NOT NULL, plugin TEXT NOT NULL, action TEXT NOT NULL, "
      "target_type TEXT NOT NULL, target_id TEXT NOT NULL, details TEXT NOT NULL)";
  return {kHostOwner, m};
}

void appendAuditEntry(sdk::Database& db, const AuditEntry& e) {
  db.execute(
      "INSERT INTO audit_log (at, request_id, actor_type, actor_id, plugin, action, target_type, target_id, details) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {utcTimestamp(), e.requestId, e.actorType, e.actorId, e.plugin, e.action, e.targetType, e.targetId,
       toJsonText(e.details.isNull() ? sdk::Json::object() : e.details)});
}

}  // namespace tabhost::core
