// The routes the host itself serves for every tenant (owner "tabhost"):
//   GET /branding  (public) the tenant's white-label branding
//   GET /tabs      the enabled tabs, in order, with the tenant's titles and icons
//   GET /me        who is signed in: user, permissions, branding, tabs
//   GET /auth/session  (public) the same with signed_in: true, or {signed_in: false, branding}
//   GET /dashboard the enabled plugins' stat cards and recent activity (app/Dashboard)
// plus the sign-in routes (identity/AuthRoutes) and the audit log's
// (audit/AuditRoutes).
#pragma once

#include "core/config/ConfigModel.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/plugins/Registry.hpp"

namespace tabhost::core {

class Runtime;

void registerHostRoutes(Runtime& runtime, Registrations& registry);

/// The enabled tabs of the request's tenant in display order (the plugins
/// its file lists, in that order, then the others by their manifest's
/// tabOrder), each with its element and module (docs/plugin-ui.md) and the
/// settings pages the principal may read.
sdk::Json tabsFor(const Runtime& runtime, const RequestState& state);

}  // namespace tabhost::core
