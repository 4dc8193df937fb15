// The voice plugin — tabs "Voice" (Twilio) and "Voice AI" (ElevenLabs).
//
//   GET|PUT /voice                          Twilio settings page (host-served)      voice.read | voice.write
//   POST    /voice/test                     check the Twilio credentials            voice.write
//   GET|PUT /voice-ai                       ElevenLabs settings page                voice.read | voice.write
//   POST    /voice-ai/test                  check the ElevenLabs agent and key      voice.write
//   GET     /voice/numbers[/{id}]           inbound numbers (InboundNumbers.hpp)    voice.read
//   POST    /voice/numbers, PATCH /voice/numbers/{id}, POST .../{id}/deactivate     voice.write
//
// Provider base URLs and the timeout are operator settings (YAML only), so
// tests and staging point them at a fake provider. The tab (ui/src: both
// pages through the shell's settings form, the credentials checks, the
// numbers) is bundled into ui/tab.js.
#include "InboundNumbers.hpp"
#include "ProviderChecks.hpp"

namespace voice {

namespace {

using namespace tabhost::sdk;

SettingField patterned(const char* name, const char* description, const char* pattern) {
  SettingField f = settingField(name, SettingType::String, description);
  f.pattern = pattern;
  return f;
}

SettingField secret(const char* name, const char* description) {
  return settingField(name, SettingType::Secret, description);
}

SettingField url(const char* name, const char* description, const char* fallback, bool httpsOnly) {
  SettingField f = settingField(name, SettingType::Url, description, fallback ? Json(fallback) : Json());
  if (httpsOnly) f.pattern = "https://.*";
  return f;
}

// An API key comes as a pair: one half alone authenticates nothing.
void checkKeyPair(RequestContext&, const Json& proposed) {
  const auto has = [&](const char* name) { return !proposed.stringAt(name).empty(); };
  if (has("api_key_sid") && !has("api_key_secret"))
    throw Error::badRequest("incomplete_credentials", "an API key SID needs its secret (api_key_secret)",
                            "api_key_secret");
  if (has("api_key_secret") && !has("api_key_sid"))
    throw Error::badRequest("incomplete_credentials", "an API key secret needs its SID (api_key_sid)", "api_key_sid");
}

class VoicePlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "voice";
    m.name = "Voice";
    m.version = "1.0.0";
    m.description = "Twilio and ElevenLabs configuration, and the inbound numbers routed to companies' call trees.";
    m.tabTitle = "Voice";
    m.tabIcon = "phone";
    m.tabOrder = 40;
    m.dependencies = {{"companies", ">=1.0.0 <2.0.0"}};
    m.permissions = {{"voice.read", "See the voice configuration and numbers", "supervisor"},
                     {"voice.write", "Change the voice configuration and numbers", "admin"}};
    SettingField timeout = settingField("provider_timeout_ms", SettingType::Int,
                                        "How long a credentials check waits for the provider (ms)", Json(5000));
    timeout.min = 100;
    timeout.max = 30000;
    m.settings = {
        patterned("account_sid", "Twilio account SID: AC and 32 hex digits", "AC[0-9a-fA-F]{32}"),
        secret("auth_token", "Twilio auth token (or use an API key)"),
        patterned("api_key_sid", "Twilio API key SID: SK and 32 hex digits", "SK[0-9a-fA-F]{32}"),
        secret("api_key_secret", "Twilio API key secret"),
        patterned("twiml_app_sid", "TwiML app SID: AP and 32 hex digits", "AP[0-9a-fA-F]{32}"),
        url("status_callback_url", "Where Twilio posts call status (https)", nullptr, true),
        patterned("elevenlabs_agent_id", "ElevenLabs agent id", "[A-Za-z0-9_-]{1,64}"),
        secret("elevenlabs_api_key", "ElevenLabs API key (optional for public agents)"),
        url("twilio_base_url", "Twilio API base URL", "https://api.twilio.com", false),
        url("elevenlabs_base_url", "ElevenLabs API base URL", "https://api.elevenlabs.io", false),
        timeout,
    };
    return m;
  }

  void start(Registrar& r) override {
    r.settingsPage({"voice", "Voice", "/voice", "voice.read", "voice.write",
                    {"account_sid", "auth_token", "api_key_sid", "api_key_secret", "twiml_app_sid",
                     "status_callback_url"},
                    {}},
                   checkKeyPair);
    r.settingsPage({"voice-ai", "Voice AI", "/voice-ai", "voice.read", "voice.write",
                    {"elevenlabs_agent_id", "elevenlabs_api_key"}, {}});
    registerProviderChecks(r);
    registerInboundNumbers(r);
    r.tabUi(embeddedUi(), "tabhost-voice", "tab.js");
  }
};

}  // namespace

}  // namespace voice

TABHOST_PLUGIN(voice::VoicePlugin, "voice", "1.0.0")
