// GET /t/{tenant}/api/v1/dashboard (any signed-in user): the stat cards of
// the tenant's enabled plugins that the caller may see, and, for holders of
// audit.read, a feed of the newest audit entries.
#pragma once

#include "tabhost/sdk/registrar.hpp"

namespace tabhost::core {

class Runtime;

void registerDashboardRoute(Runtime& runtime, sdk::Registrar& host);

}  // namespace tabhost::core
