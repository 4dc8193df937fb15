// The tenant's uploaded logo, stored in the tenant's database:
//   PUT    /settings/logo   the image as the body (PNG, JPEG or SVG, by content)  settings.write
//   GET    /settings/logo   the image, for anyone (the sign-in page shows it)     public
//   DELETE /settings/logo                                                          settings.write
//   GET    /settings/logo/details   {max_bytes, logo: {content_type, bytes, sha256, uploaded_at, url} | null}
//                                                                                  settings.read
#pragma once

#include <optional>
#include <string>

#include <tabhost/sdk/sdk.hpp>

namespace settings {

void registerLogoRoutes(tabhost::sdk::Registrar& r);

/// Where the uploaded logo is served, with its version so that caches
/// refresh on change; nullopt when none was uploaded.
std::optional<std::string> uploadedLogoUrl(tabhost::sdk::RequestContext& ctx);

}  // namespace settings
