// Audit entries as people read them: who by name (not by id) and what in
// words (the action's declared description), for the dashboard's activity
// feed and its history drawer.
#pragma once

#include <vector>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::core {

/// Adds `summary`, `actor.name` and `impersonator_name` to each entry (as
/// the audit routes show them), reading every name the entries mention in
/// one query per kind.
void narrateEntries(sdk::RequestContext& ctx, const Registrations& registry, std::vector<sdk::Json>& entries);

}  // namespace tabhost::core
