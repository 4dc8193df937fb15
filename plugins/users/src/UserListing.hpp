// Reading users: the filtered, sorted, paged list, the stat counts, and one
// user as the list shows it.
#pragma once

#include <string>

#include <tabhost/sdk/sdk.hpp>

namespace users {

/// GET /users: ?q ?status ?include_discarded ?type ?role ?company ?sort ?limit ?cursor.
tabhost::sdk::Json listUsers(tabhost::sdk::RequestContext& ctx);

/// {total, active, invited, suspended, discarded}.
tabhost::sdk::Json userStats(tabhost::sdk::Database& db);

/// A user's type, email and status: {user_type, email, status}; 404
/// "user_not_found" when there is none.
tabhost::sdk::Json userRecord(tabhost::sdk::Database& db, const std::string& id);

/// One user as a list row; 404 "user_not_found" when there is none.
tabhost::sdk::Json userRow(tabhost::sdk::RequestContext& ctx, const std::string& id);

}  // namespace users
