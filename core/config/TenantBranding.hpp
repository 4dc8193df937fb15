// A tenant's branding as plugins and mail templates see it.
#pragma once

#include "core/config/ConfigModel.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::core {

/// The YAML branding with the product name defaulting to the tenant's name.
inline sdk::Branding brandingOf(const TenantConfig& tenant) {
  const Branding& b = tenant.branding;
  return {b.productName.empty() ? tenant.name : b.productName, b.logoUrl, b.primaryColor, b.supportEmail};
}

}  // namespace tabhost::core
