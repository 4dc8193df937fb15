// Reading the audit log (owner "tabhost"; permission audit.read), under /t/{tenant}/api/v1:
//   GET /audit                       filters: actor, action (prefix), target_type, target_id,
//                                    category, via, since, until; cursor pagination, newest first;
//                                    each entry narrated (summary, actor.name, impersonator_name)
//   GET /audit/export?format=csv|ndjson   the same filters, streamed (never all in memory), as
//                                    audit-{tenant}-{UTC date}.csv|.ndjson
//   GET /audit/verify                recomputes the hash chain against the newest signed checkpoint
//   GET /{resource}/{id}/history     one resource's entries, oldest first, with before→after diffs
#pragma once

#include <functional>
#include <string>

#include "core/audit/AuditVerifier.hpp"
#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/registrar.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::core {

/// `verify(tenantId, tenantDb)` checks a tenant's chain (it needs the host's
/// storage and keys, which exist only once the host has started).
using AuditVerification = std::function<AuditVerdict(const std::string& tenantId, sdk::Database& tenantDb)>;
/// `registry` (filled as plugins start) describes their actions in a history.
void registerAuditRoutes(sdk::Registrar& host, AuditVerification verify, const Registrations& registry);

/// The tenant's `limit` newest entries, newest first, without their field
/// changes and client details, with names and summaries: a feed of what
/// happened (the dashboard's).
sdk::Json recentActivity(sdk::RequestContext& ctx, int limit, const Registrations& registry);

}  // namespace tabhost::core
