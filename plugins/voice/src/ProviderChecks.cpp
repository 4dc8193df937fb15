#include "ProviderChecks.hpp"

namespace voice {

namespace {

using namespace tabhost::sdk;

// Makes the call; a failure to get any answer becomes the request's error.
HttpReply ask(RequestContext& ctx, const char* provider, HttpCall call) {
  call.timeoutMs = static_cast<int>(ctx.settings().find("provider_timeout_ms")->asInt());
  HttpReply reply = ctx.fetch(call);
  using Failure = HttpReply::Failure;
  if (reply.failure == Failure::Timeout)
    throw Error(504, "provider_timeout",
                std::string(provider) + " did not answer within " + std::to_string(call.timeoutMs) + " ms");
  if (reply.failure != Failure::None)
    throw Error(502, "provider_unreachable", std::string("cannot reach ") + provider + ": " + reply.message);
  if (reply.status == 401 || reply.status == 403)
    throw Error(422, "bad_credentials",
                std::string(provider) + " refused the credentials (HTTP " + std::to_string(reply.status) + ")");
  return reply;
}

// The provider's JSON answer; anything else means it is not the API we expect.
Json answerOf(RequestContext& ctx, const char* provider, const HttpReply& reply) {
  try {
    return ctx.parseJson(reply.body);
  } catch (const Error&) {
    throw Error(502, "provider_error", std::string(provider) + " answered with something that is not JSON");
  }
}

Json testTwilio(RequestContext& ctx) {
  const std::string sid = ctx.settings().stringAt("account_sid");
  const auto keySid = ctx.settings().stringAt("api_key_sid");
  const auto keySecret = ctx.secretSetting("api_key_secret");
  const auto token = ctx.secretSetting("auth_token");
  const bool useKey = !keySid.empty() && keySecret;
  if (sid.empty() || (!useKey && !token))
    throw Error(422, "credentials_missing",
                "set account_sid and an auth_token (or api_key_sid and api_key_secret) first");
  HttpCall call;
  call.url = ctx.settings().stringAt("twilio_base_url") + "/2010-04-01/Accounts/" + sid + ".json";
  call.headers.emplace_back("Authorization", useKey ? basicAuth(keySid, *keySecret) : basicAuth(sid, *token));
  const HttpReply reply = ask(ctx, "Twilio", call);
  if (reply.status != 200)
    throw Error(502, "provider_error", "Twilio answered HTTP " + std::to_string(reply.status));
  const Json account = answerOf(ctx, "Twilio", reply);
  return Json::object({{"ok", true},
                       {"provider", "twilio"},
                       {"account", Json::object({{"sid", account.stringAt("sid")},
                                                 {"friendly_name", account.stringAt("friendly_name")},
                                                 {"status", account.stringAt("status")}})}});
}

Json testElevenLabs(RequestContext& ctx) {
  const std::string agent = ctx.settings().stringAt("elevenlabs_agent_id");
  if (agent.empty()) throw Error(422, "credentials_missing", "set elevenlabs_agent_id first");
  HttpCall call;
  call.url = ctx.settings().stringAt("elevenlabs_base_url") + "/v1/convai/agents/" + agent;
  if (const auto key = ctx.secretSetting("elevenlabs_api_key")) call.headers.emplace_back("xi-api-key", *key);
  const HttpReply reply = ask(ctx, "ElevenLabs", call);
  if (reply.status == 404)
    throw Error(422, "unknown_agent", "ElevenLabs has no agent " + agent, "elevenlabs_agent_id");
  if (reply.status != 200)
    throw Error(502, "provider_error", "ElevenLabs answered HTTP " + std::to_string(reply.status));
  const Json found = answerOf(ctx, "ElevenLabs", reply);
  return Json::object({{"ok", true},
                       {"provider", "elevenlabs"},
                       {"agent", Json::object({{"agent_id", found.stringAt("agent_id")}, {"name", found.stringAt("name")}})}});
}

}  // namespace

void registerProviderChecks(Registrar& r) {
  r.route(Method::Post, "/voice/test", Access::require("voice.write"),
          [](RequestContext& ctx) { return Response::json(testTwilio(ctx)); });
  r.route(Method::Post, "/voice-ai/test", Access::require("voice.write"),
          [](RequestContext& ctx) { return Response::json(testElevenLabs(ctx)); });
}

}  // namespace voice
