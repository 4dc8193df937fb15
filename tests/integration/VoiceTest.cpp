// The voice plugin over real HTTP: checking Twilio and ElevenLabs credentials
// against a fake provider (success, refusal, timeout, nothing to check with,
// provider down) and the inbound numbers (list, add, edit, deactivate, E.164,
// duplicates, routing to a company that has a call tree), each change audited.
#include <chrono>

#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include "ConfigTabsTestSupport.hpp"

namespace tabhost::test {
namespace {

using VoiceTest = ConfigTabsTest;

// The shape CompaniesCatalogTest uses: a menu with a submenu and a transfer.
const std::string kTree =
    R"({"root":"main","menus":{"main":{"prompt":"Welcome","options":[)"
    R"({"digit":"1","label":"Sales","action":"submenu","menu":"sales"},)"
    R"({"digit":"0","label":"Operator","action":"transfer","number":"+14155550100"}]},)"
    R"("sales":{"options":[{"digit":"9","label":"Bye","action":"hangup"}]}}})";

TEST_P(VoiceTest, TwilioCheckUsesTheAuthTokenAndShowsTheAccount) {
  START_TABS();
  const std::string ac = sid("AC"), token = randomHex(32);
  fake_->expectTwilio(ac, token, "Acme Support");
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + ac + R"(","auth_token":")" + token + "\"}"));
  auto ok = call("POST", "/voice/test");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.text("ok"), "true");
  EXPECT_EQ(ok.text("provider"), "twilio");
  EXPECT_EQ(ok.text("account.sid"), ac);
  EXPECT_EQ(ok.text("account.friendly_name"), "Acme Support");
  EXPECT_EQ(ok.text("account.status"), "active");
  const auto seen = fake_->lastSeen();
  EXPECT_EQ(seen.path, "/2010-04-01/Accounts/" + ac + ".json");
  EXPECT_EQ(seen.basicUser, ac);
  EXPECT_EQ(seen.basicPassword, token);
}

TEST_P(VoiceTest, TwilioCheckPrefersTheApiKey) {
  START_TABS();
  const std::string ac = sid("AC"), sk = sid("SK"), keySecret = randomHex(32);
  fake_->expectTwilio(sk, keySecret);
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + ac + R"(","auth_token":")" + randomHex(32) +
                                  R"(","api_key_sid":")" + sk + R"(","api_key_secret":")" + keySecret + "\"}"));
  auto ok = call("POST", "/voice/test");
  EXPECT_EQ(ok.status, 200) << ok.body;
  const auto seen = fake_->lastSeen();
  EXPECT_EQ(seen.path, "/2010-04-01/Accounts/" + ac + ".json");  // still the account's URL
  EXPECT_EQ(seen.basicUser, sk);
  EXPECT_EQ(seen.basicPassword, keySecret);
}

TEST_P(VoiceTest, TwilioRefusalIsBadCredentials) {
  START_TABS();
  const std::string ac = sid("AC");
  fake_->expectTwilio(ac, "the-right-token-0000");
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + ac + R"(","auth_token":"a-wrong-token-1111"})"));
  auto refused = call("POST", "/voice/test");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.text("error.code"), "bad_credentials");
  EXPECT_NE(refused.text("error.message").find("Twilio"), std::string::npos) << refused.body;
  EXPECT_NE(refused.text("error.message").find("401"), std::string::npos) << refused.body;
  EXPECT_EQ(fake_->requests(), 1);
}

TEST_P(VoiceTest, SlowProvidersTimeOutAfterTheConfiguredLimit) {
  START_TABS();
  const std::string ac = sid("AC"), token = randomHex(32);
  fake_->expectTwilio(ac, token);
  fake_->addAgent("agent_1", "Front desk");
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + ac + R"(","auth_token":")" + token + "\"}"));
  ASSERT_TRUE(saved("/voice-ai", R"({"elevenlabs_agent_id":"agent_1"})"));
  // The fake would answer 200, but only after kSlowAnswer > provider_timeout_ms.
  fake_->setDelay(kSlowAnswer);
  for (const std::string path : {"/voice/test", "/voice-ai/test"}) {
    const auto began = std::chrono::steady_clock::now();
    auto late = call("POST", path);
    EXPECT_EQ(late.status, 504) << path << ": " << late.body;  // 0 would mean our own 10 s client timeout
    EXPECT_EQ(late.text("error.code"), "provider_timeout") << path;
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(10)) << path;
  }
}

TEST_P(VoiceTest, NothingToCheckWithIsCredentialsMissing) {
  START_TABS();
  fake_->expectTwilio("x", "y");
  EXPECT_EQ(call("POST", "/voice/test").text("error.code"), "credentials_missing");
  EXPECT_EQ(call("POST", "/voice-ai/test").text("error.code"), "credentials_missing");
  // An account SID alone is not enough, nor an API key without the account.
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + sid("AC") + "\"}"));
  auto sidOnly = call("POST", "/voice/test");
  EXPECT_EQ(sidOnly.status, 422) << sidOnly.body;
  EXPECT_EQ(sidOnly.text("error.code"), "credentials_missing");
  ASSERT_TRUE(saved("/voice", R"({"account_sid":null,"api_key_sid":")" + sid("SK") +
                                  R"(","api_key_secret":"key-secret-123456"})"));
  auto keyOnly = call("POST", "/voice/test");
  EXPECT_EQ(keyOnly.status, 422) << keyOnly.body;
  EXPECT_EQ(keyOnly.text("error.code"), "credentials_missing");
  // ElevenLabs needs an agent id; a key alone is not enough.
  ASSERT_TRUE(saved("/voice-ai", R"({"elevenlabs_api_key":"xi-key-1234567890"})"));
  auto keyNoAgent = call("POST", "/voice-ai/test");
  EXPECT_EQ(keyNoAgent.status, 422) << keyNoAgent.body;
  EXPECT_EQ(keyNoAgent.text("error.code"), "credentials_missing");
  EXPECT_EQ(fake_->requests(), 0);  // nothing was sent anywhere
}

TEST_P(VoiceTest, ProviderDownIsABadGateway) {
  START_TABS();
  ASSERT_TRUE(saved("/voice", R"({"account_sid":")" + sid("AC") + R"(","auth_token":")" + randomHex(32) + "\"}"));
  const std::string port = fake_->baseUrl().substr(fake_->baseUrl().rfind(':') + 1);
  fake_.reset();
  // Its port now refuses connections at once (checked, so a 504 cannot come from a port still listening).
  const Poco::Net::SocketAddress closed("127.0.0.1", static_cast<Poco::UInt16>(std::stoi(port)));
  EXPECT_THROW(Poco::Net::StreamSocket{closed}, Poco::Net::ConnectionRefusedException);
  auto down = call("POST", "/voice/test");
  EXPECT_EQ(down.status, 502) << down.body;
  EXPECT_TRUE(down.text("error.code") == "provider_unreachable" || down.text("error.code") == "provider_error")
      << down.body;
}

TEST_P(VoiceTest, ElevenLabsCheckSendsTheKeyAndShowsTheAgent) {
  START_TABS();
  const std::string key = "xi" + randomHex(32);
  fake_->expectElevenLabsKey(key);
  fake_->addAgent("agent_Front-1", "Front desk");
  ASSERT_TRUE(saved("/voice-ai", R"({"elevenlabs_agent_id":"agent_Front-1","elevenlabs_api_key":")" + key + "\"}"));
  auto ok = call("POST", "/voice-ai/test");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.text("ok"), "true");
  EXPECT_EQ(ok.text("provider"), "elevenlabs");
  EXPECT_EQ(ok.text("agent.agent_id"), "agent_Front-1");
  EXPECT_EQ(ok.text("agent.name"), "Front desk");
  EXPECT_EQ(fake_->lastSeen().path, "/v1/convai/agents/agent_Front-1");
  EXPECT_EQ(fake_->lastSeen().xiApiKey.value_or("<none>"), key);

  // A wrong key, then an agent the account does not have.
  fake_->expectElevenLabsKey("xi-some-other-key");
  auto wrongKey = call("POST", "/voice-ai/test");
  EXPECT_EQ(wrongKey.status, 422) << wrongKey.body;
  EXPECT_EQ(wrongKey.text("error.code"), "bad_credentials");
  fake_->expectElevenLabsKey(key);
  ASSERT_TRUE(saved("/voice-ai", R"({"elevenlabs_agent_id":"agent_gone"})"));
  auto unknown = call("POST", "/voice-ai/test");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.text("error.code"), "unknown_agent");
}

TEST_P(VoiceTest, ElevenLabsCheckWithoutAKeySendsNoKeyHeader) {
  START_TABS();
  fake_->addAgent("public_agent", "Public");
  ASSERT_TRUE(saved("/voice-ai", R"({"elevenlabs_agent_id":"public_agent"})"));
  auto ok = call("POST", "/voice-ai/test");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(fake_->requests(), 1);
  EXPECT_FALSE(fake_->lastSeen().xiApiKey.has_value()) << *fake_->lastSeen().xiApiKey;
}

TEST_P(VoiceTest, InboundNumbersAreListedAddedEditedAndDeactivatedWithAudit) {
  START_TABS();
  auto added = call("POST", "/voice/numbers", R"({"phone_number":"+14155550100","friendly_name":"Main line"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string id = added.text("number.id");
  EXPECT_EQ(added.text("number.phone_number"), "+14155550100");
  EXPECT_EQ(added.text("number.friendly_name"), "Main line");
  EXPECT_EQ(added.text("number.company_id"), "null");
  EXPECT_EQ(added.text("number.active"), "true");
  EXPECT_NE(added.text("number.created_at"), "null");
  auto second = call("POST", "/voice/numbers", R"({"phone_number":"+442071838750"})");
  ASSERT_EQ(second.status, 201) << second.body;

  auto listed = call("GET", "/voice/numbers");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(itemsAt(listed.json, "items").size(), 2u) << listed.body;

  auto edited = call("PATCH", "/voice/numbers/" + id, R"({"friendly_name":"Support line"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.text("number.friendly_name"), "Support line");
  EXPECT_EQ(edited.text("number.phone_number"), "+14155550100");
  auto nowhere = call("PATCH", "/voice/numbers/999999", R"({"friendly_name":"x"})");
  EXPECT_EQ(nowhere.status, 404) << nowhere.body;
  EXPECT_EQ(nowhere.text("error.code"), "not_found");

  auto off = call("POST", "/voice/numbers/" + id + "/deactivate");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.text("number.active"), "false");
  auto active = call("GET", "/voice/numbers?active=true");
  ASSERT_EQ(itemsAt(active.json, "items").size(), 1u) << active.body;
  EXPECT_EQ(active.text("items.0.phone_number"), "+442071838750");
  auto inactive = call("GET", "/voice/numbers?active=false");
  ASSERT_EQ(itemsAt(inactive.json, "items").size(), 1u) << inactive.body;
  EXPECT_EQ(inactive.text("items.0.id"), id);

  // Newest first: add, add, update, deactivate; each about the number.
  const auto entries = auditOf("voice.number.");
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(textAt(e, "action"));
  EXPECT_EQ(actions, (std::vector<std::string>{"voice.number.deactivate", "voice.number.update", "voice.number.add",
                                               "voice.number.add"}));
  ASSERT_EQ(entries.size(), 4u);
  for (std::size_t i : {0u, 1u, 3u}) {
    EXPECT_EQ(textAt(entries[i], "target.type"), "voice_number");
    EXPECT_EQ(textAt(entries[i], "target.id"), id);
  }
  EXPECT_EQ(textAt(changeOf(entries[1], "friendly_name"), "after"), "Support line");
}

TEST_P(VoiceTest, InboundNumbersMustBeE164AndUnique) {
  START_TABS();
  for (const std::string bad : {"4155550100", "+0123456789", "+1 415 555 0100", "+1234567890123456", "+1", "",
                                "tel:+14155550100"}) {
    auto refused = call("POST", "/voice/numbers", R"({"phone_number":")" + bad + "\"}");
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_EQ(refused.text("error.code"), "invalid_field") << bad;
    EXPECT_EQ(refused.text("error.field"), "phone_number") << bad;
  }
  auto noNumber = call("POST", "/voice/numbers", R"({"friendly_name":"x"})");
  EXPECT_EQ(noNumber.status, 400) << noNumber.body;
  EXPECT_EQ(noNumber.text("error.field"), "phone_number");
  auto longName = call("POST", "/voice/numbers",
                       R"({"phone_number":"+14155550101","friendly_name":")" + std::string(65, 'n') + "\"}");
  EXPECT_EQ(longName.status, 400) << longName.body;
  EXPECT_EQ(longName.text("error.field"), "friendly_name");
  EXPECT_EQ(itemsAt(call("GET", "/voice/numbers").json, "items").size(), 0u);

  ASSERT_EQ(call("POST", "/voice/numbers", R"({"phone_number":"+14155550100"})").status, 201);
  auto taken = call("POST", "/voice/numbers", R"({"phone_number":"+14155550100","friendly_name":"Again"})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.text("error.code"), "number_taken");
  EXPECT_EQ(auditOf("voice.number.add").size(), 1u);
}

TEST_P(VoiceTest, InboundNumbersRouteOnlyToCompaniesWithACallTree) {
  START_TABS();
  auto withTree = call("POST", "/companies", R"({"name":"Acme","domain":"acme.example","call_tree":)" + kTree + "}");
  ASSERT_EQ(withTree.status, 201) << withTree.body;
  auto noTree = call("POST", "/companies", R"({"name":"Bare","domain":"bare.example"})");
  ASSERT_EQ(noTree.status, 201) << noTree.body;
  // The ids as JSON, whatever type the companies plugin gives them.
  const std::string acme = core::toJsonText(jsonAt(withTree.json, "company.id"));
  const std::string bare = core::toJsonText(jsonAt(noTree.json, "company.id"));

  auto routed = call("POST", "/voice/numbers", R"({"phone_number":"+14155550100","company_id":)" + acme + "}");
  ASSERT_EQ(routed.status, 201) << routed.body;
  EXPECT_EQ(routed.text("number.company_id"), withTree.text("company.id"));
  const std::string id = routed.text("number.id");

  auto unknown = call("POST", "/voice/numbers", R"({"phone_number":"+14155550101","company_id":"999999"})");
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.text("error.code"), "unknown_company");
  EXPECT_EQ(unknown.text("error.field"), "company_id");
  auto treeless = call("POST", "/voice/numbers", R"({"phone_number":"+14155550101","company_id":)" + bare + "}");
  EXPECT_EQ(treeless.status, 422) << treeless.body;
  EXPECT_EQ(treeless.text("error.code"), "no_call_tree");
  // The same checks on an edit, which then leaves the routing as it was.
  auto moved = call("PATCH", "/voice/numbers/" + id, R"({"company_id":)" + bare + "}");
  EXPECT_EQ(moved.status, 422) << moved.body;
  EXPECT_EQ(moved.text("error.code"), "no_call_tree");
  EXPECT_EQ(call("GET", "/voice/numbers").text("items.0.company_id"), withTree.text("company.id"));
  EXPECT_EQ(itemsAt(call("GET", "/voice/numbers").json, "items").size(), 1u);

  // null clears the routing.
  auto cleared = call("PATCH", "/voice/numbers/" + id, R"({"company_id":null})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.text("number.company_id"), "null");
}

INSTANTIATE_TEST_SUITE_P(Drivers, VoiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
