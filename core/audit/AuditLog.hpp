// The tenant's audit log table and its writer.
//
// Entries are appended in the request's own transaction: if the append
// fails, the write it records fails too.
#pragma once

#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

struct AuditEntry {
  std::string requestId;
  /// "anonymous", "user" or "api_token".
  std::string actorType;
  std::string actorId;
  /// Plugin that wrote it (or "tabhost" for route-level entries).
  std::string plugin;
  std::string action;
  std::string targetType;
  std::string targetId;
  sdk::Json details;
};

/// The host's migration creating the audit table (owner "tabhost").
RegisteredMigration auditLogMigration();

/// Appends `entry` through `db` (inside its current transaction, if any).
void appendAuditEntry(sdk::Database& db, const AuditEntry& entry);

}  // namespace tabhost::core
