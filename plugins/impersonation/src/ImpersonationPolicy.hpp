// The tenant's impersonation policy: what its YAML settings and the request
// body ask, on top of the rules the host applies to every impersonation.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace impersonation {

/// The plugin's settings, with their defaults (the manifest's schema).
tabhost::sdk::SettingsSchema policySettings();

/// The host's request for POST /impersonation's body under the tenant's
/// policy: user_id required; reason required unless `reason_required` is
/// false (422 "reason_required"); minutes 1..max_minutes (default the
/// maximum); read-only when the policy or the body says so; the target at
/// least `minimum_rank_gap` ranks below the caller (403 "rank_too_low").
tabhost::sdk::ImpersonationRequest requestUnderPolicy(tabhost::sdk::RequestContext& ctx);

/// Whether the tenant emails users when someone acts as them.
bool notifiesUser(const tabhost::sdk::RequestContext& ctx);

/// The policy as GET /impersonation/policy shows it, so a form asks only
/// what the tenant allows: {reason_required, max_minutes, read_only,
/// minimum_rank_gap, notifies_user}.
tabhost::sdk::Json policyJson(const tabhost::sdk::RequestContext& ctx);

}  // namespace impersonation
