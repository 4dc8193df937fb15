// What operators do to a tenant's stored data (tabctl tenant drop, backup,
// restore). Each action is recorded in the system database's audit log
// before it runs, so even a failed attempt leaves its trace.
//
// SQLite: the online backup API copies a consistent snapshot while the host
// keeps serving. PostgreSQL: pg_dump / pg_restore of the tenant's schema
// (restored under the same tenant id).
#pragma once

#include <string>

#include "core/storage/TenantDatabases.hpp"

namespace tabhost::core {

class TenantLifecycle {
 public:
  /// `actor` names the operator in the audit entries, e.g. "tabctl:alice".
  TenantLifecycle(TenantDatabases& databases, std::string actor);

  /// Whether `tenantId` has stored data (a file or a schema).
  bool exists(const std::string& tenantId);
  /// Deletes all of `tenantId`'s data. Throws std::runtime_error.
  void drop(const std::string& tenantId);
  /// Writes a consistent copy of `tenantId`'s data to `file`.
  void backup(const std::string& tenantId, const std::string& file);
  /// Replaces `tenantId`'s data with what `file` holds.
  void restore(const std::string& tenantId, const std::string& file);

 private:
  void forgetCheckpoints(const std::string& tenantId);
  void audit(const std::string& action, const std::string& tenantId, const std::string& file);

  TenantDatabases& databases_;
  std::string actor_;
};

}  // namespace tabhost::core
