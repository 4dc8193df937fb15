// The tenant's audit log: its tables and its writer.
//
// Entries are appended in the request's own transaction: if the append
// fails, the write it records fails too. Each entry carries the tenant's next
// sequence number and the SHA-256 chain hash (AuditChain), so that editing,
// removing or reordering entries is detected by verification. Field changes
// (which may hold personal data) stay outside the hashed payload: the chain
// holds a salted commitment to them, so erasing them later keeps the chain
// verifiable.
#pragma once

#include <string>
#include <vector>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/audit.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

struct AuditEntry {
  std::string requestId;
  /// "admin" (changes to data) or "security" (sign-ins, credentials).
  std::string category = "admin";
  /// "anonymous", "user", "api_token" or "operator".
  std::string actorType;
  std::string actorId;
  /// The admin acting through impersonation, if any.
  std::string impersonatorId;
  /// "direct", "impersonation", "token" or "cli".
  std::string via = "direct";
  /// Plugin that wrote it (or "tabhost" for the host's own entries).
  std::string plugin;
  std::string action;
  std::string targetType;
  std::string targetId;
  /// Facts about the action (a JSON object; no personal data, no secrets).
  sdk::Json metadata;
  std::vector<sdk::Change> changes;
  std::string clientAddress;
  std::string userAgent;
};

/// An entry for what an operator did with tabctl: actor "operator" named
/// `operatorName`, via "cli", written by the host.
AuditEntry cliAuditEntry(std::string operatorName, std::string action, std::string targetType, std::string targetId,
                         sdk::Json metadata);

/// The host's migration creating the audit tables (owner "tabhost").
RegisteredMigration auditLogMigration();

/// Appends `entry` through `db`, inside its current transaction (or one of
/// its own). Returns the entry's sequence number.
std::int64_t appendAuditEntry(sdk::Database& db, const AuditEntry& entry);

/// The changes as stored: [{field, before, after}], a secret one as
/// {field, secret: true} without values.
sdk::Json changesJson(const std::vector<sdk::Change>& changes);

}  // namespace tabhost::core
