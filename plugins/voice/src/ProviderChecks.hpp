// POST /voice/test and /voice-ai/test: ask Twilio or ElevenLabs whether the
// stored credentials work, and say clearly when they do not.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace voice {

void registerProviderChecks(tabhost::sdk::Registrar& r);

}  // namespace voice
