// Which companies (and teams within them) users belong to: the users
// plugin's own table, user_companies. The companies plugin will manage the
// teams and roles within a company; here a user's set of companies is read
// and replaced.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tabhost/sdk/sdk.hpp>

namespace users {

/// The plugin's migration creating user_companies and admin_messages.
void registerTables(tabhost::sdk::Registrar& r);

/// [{company_id, team, role}] of each of `userIds` (users without any are absent).
std::map<std::string, tabhost::sdk::Json> membershipsOf(tabhost::sdk::Database& db,
                                                        const std::vector<std::string>& userIds);

/// Replaces the user's companies with `companyIds` (each a company id:
/// 1-64 letters, digits, '-' or '_'; 422 naming company_ids otherwise).
/// Returns the change when the set differs.
std::optional<tabhost::sdk::Change> setCompanies(tabhost::sdk::Database& db, const std::string& userId,
                                                 const std::vector<std::string>& companyIds);

}  // namespace users
