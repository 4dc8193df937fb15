// The impersonation plugin's routes (see ImpersonationPlugin.cpp).
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace impersonation {

/// POST and DELETE /impersonation: become a user, and stop; GET
/// /impersonation/policy: what the tenant's policy asks of the next one.
void registerSessionRoutes(tabhost::sdk::Registrar& r);

/// GET /impersonation/sessions: who acted as whom, why, when, how much.
void registerHistoryRoutes(tabhost::sdk::Registrar& r);

/// An impersonation as the API shows it.
tabhost::sdk::Json recordJson(const tabhost::sdk::ImpersonationRecord& record);

}  // namespace impersonation
