// The tenant's inbound phone numbers: each with a friendly name and, when
// routed, the company whose call tree answers it. Numbers are deactivated,
// never deleted, so that call records keep pointing at something.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace voice {

void registerInboundNumbers(tabhost::sdk::Registrar& r);

}  // namespace voice
