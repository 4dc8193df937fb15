// The routes the host itself serves for every tenant (owner "tabhost"):
//   GET /branding  (public) the tenant's white-label branding
//   GET /tabs      the enabled tabs, in order, with the tenant's titles and icons
#pragma once

#include "core/config/ConfigModel.hpp"
#include "core/plugins/Registry.hpp"

namespace tabhost::core {

class Runtime;

void registerHostRoutes(Runtime& runtime, Registrations& registry);

/// The enabled tabs of `tenant` in display order: the plugins its file
/// lists, in that order, then the others by their manifest's tabOrder.
sdk::Json tabsFor(const Runtime& runtime, const ConfigSnapshot& config, const TenantConfig& tenant);

}  // namespace tabhost::core
