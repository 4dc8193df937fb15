// The SDK's credentials service (sdk::Identity) as PluginRequestContext
// provides it: every change in the request's transaction, with a security
// audit entry; the pipeline clears the token cache once the change commits,
// so that a revocation is felt on the very next request.
#include <algorithm>

#include "core/http/RequestContextImpl.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/Sessions.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

sdk::IssuedToken PluginRequestContext::issueToken(const std::string& name, const std::vector<std::string>& scopes,
                                                  int expiresInDays) {
  const sdk::Principal& p = state_.principal;
  if (!p.authenticated()) throw sdk::Error::unauthorized();
  // A token would outlive the impersonation and act unattributed.
  refuseWhileImpersonating(state_, "issuing API tokens");
  if (name.empty() || name.size() > 100)
    throw sdk::Error::unprocessable("invalid_name", "name must be 1 to 100 characters", "name");
  if (scopes.empty())
    throw sdk::Error::unprocessable("invalid_scopes", "scopes must list at least one permission", "scopes");
  for (const auto& scope : scopes)
    if (!p.can(scope))
      throw sdk::Error::unprocessable("invalid_scopes",
                                      "scope '" + scope + "' is not one of your own permissions", "scopes");
  if (expiresInDays < 0 || expiresInDays > 365)
    throw sdk::Error::unprocessable("invalid_expiry", "expires_in_days must be 1 to 365", "expires_in_days");
  std::vector<std::string> unique = scopes;
  std::ranges::sort(unique);
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  sdk::IssuedToken issued = storeToken(state_.database(), state_.tenantConfig.tokenPrefix, p.id, p.id, name, unique,
                                       expiresInDays == 0 ? 90 : expiresInDays);
  state_.audit(state_.securityEntry("tokens.issue", "api_token", issued.id,
                sdk::Json::object({{"name", name}, {"scopes", sdk::Json::strings(unique)}, {"expires_at", issued.expiresAt}})));
  return issued;
}

std::vector<sdk::TokenInfo> PluginRequestContext::tokens() { return listTokens(state_.database()); }

bool PluginRequestContext::revokeToken(const std::string& id) {
  refuseWhileImpersonating(state_, "revoking API tokens");
  if (!core::revokeToken(state_.database(), id)) return false;
  state_.credentialsChanged = true;
  state_.audit(state_.securityEntry("tokens.revoke", "api_token", id, sdk::Json::object()));
  return true;
}

void PluginRequestContext::endSessions(const std::string& userId) {
  const std::int64_t ended = endUserSessions(state_.database(), userId);
  state_.credentialsChanged = true;
  state_.audit(state_.securityEntry("sessions.end_all", "user", userId, sdk::Json::object({{"sessions", ended}})));
}

}  // namespace tabhost::core
