// Who is calling: resolves a request's session cookie or bearer token to a
// principal, and enforces what a route's Access asks beyond a permission
// (CSRF for cookie writes, step-up, session-only, a pending password change).
#pragma once

#include <optional>

#include "core/http/RequestContextImpl.hpp"
#include "core/identity/Accounts.hpp"
#include "tabhost/sdk/registrar.hpp"

namespace tabhost::core {

/// Sets state.principal from the request's credentials. Bad credentials on a
/// public route leave the caller anonymous; elsewhere they throw Error 401
/// after queueing a security audit entry.
void authenticate(RequestState& state, const sdk::Access& access);

/// Throws the 401/403 the route's access rule gives this caller, if any.
void authorize(RequestState& state, const sdk::Access& access);

/// The account with `id`: a user of this tenant, or a platform operator
/// ("op:..." ids, from the system database).
std::optional<Account> accountOf(RequestState& state, const std::string& id);

/// A signed-in user's principal: id, name, type and permissions.
sdk::Principal userPrincipal(const RequestState& state, const Account& account);

/// The first permission an account of `userType` with `roles` would hold
/// that `actor` lacks (an API token: beyond its scopes), if any.
std::optional<std::string> permissionBeyond(const RequestState& state, const sdk::Principal& actor,
                                            const std::string& userType, const std::vector<std::string>& roles);

/// The permissions of an account of this tenant.
std::vector<std::string> accountPermissions(const RequestState& state, const std::string& userType,
                                            const std::vector<std::string>& roles);

}  // namespace tabhost::core
