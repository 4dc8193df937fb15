// The GET and PUT routes of a settings page (Registrar::settingsPage): the
// page as JSON with an ETag, and validated, audited, optimistic writes.
#pragma once

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/request.hpp"
#include "tabhost/sdk/response.hpp"

namespace tabhost::core {

sdk::Response settingsPageGet(sdk::RequestContext& ctx, const RegisteredSettingsPage& page);
sdk::Response settingsPagePut(sdk::RequestContext& ctx, const RegisteredSettingsPage& page);

}  // namespace tabhost::core
