// The users plugin's routes, by concern. Permissions: users.read
// (supervisor), users.write and users.delete (admin), users.message (admin).
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace users {

/// GET /users, /users/stats, /users/{id}.
void registerListingRoutes(tabhost::sdk::Registrar& r);
/// Create, edit, invitations, passwords, 2FA, status, deletion.
void registerLifecycleRoutes(tabhost::sdk::Registrar& r);
/// POST /users/{id}/message, GET /users/{id}/messages, GET /users/message-defaults.
void registerMessageRoutes(tabhost::sdk::Registrar& r);

}  // namespace users
