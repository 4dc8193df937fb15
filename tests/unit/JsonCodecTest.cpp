#include <gtest/gtest.h>

#include "core/json/JsonCodec.hpp"
#include "tabhost/sdk/error.hpp"

using namespace tabhost::core;
using tabhost::sdk::Json;

TEST(JsonCodec, RoundTripKeepsTypesAndMemberOrder) {
  // Beyond 2^53 stays exact (Poco 1.11 keeps this only for positive values).
  std::string text = R"({"z":1,"a":[true,null,2.5,"x"],"m":{"k":9007199254740993,"n":-42}})";
  Json value = parseJsonText(text);
  EXPECT_EQ(value.asObject().front().first, "z");
  EXPECT_TRUE(value.find("a")->asArray()[1].isNull());
  EXPECT_EQ(value.find("m")->find("k")->asInt(), 9007199254740993LL);
  EXPECT_EQ(toJsonText(value), text);
}

TEST(JsonCodec, EscapesStringsAsStrictJson) {
  Json value = Json::object({{"s", "quote\" backslash\\ newline\n tab\t \x01"}});
  Json back = parseJsonText(toJsonText(value));
  EXPECT_EQ(back, value);
  EXPECT_EQ(toJsonText(Json("\n")), "\"\\n\"");
}

TEST(JsonCodec, MalformedInputIsA400WithCode) {
  try {
    parseJsonText("{\"a\": ");
    FAIL() << "expected an error";
  } catch (const tabhost::sdk::Error& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_json");
  }
}

TEST(JsonCodec, NonFiniteNumbersBecomeNull) { EXPECT_EQ(toJsonText(Json(1.0 / 0.0)), "null"); }

TEST(JsonCodec, Utf8AndSlashesPassThroughControlCharactersAreEscaped) {
  EXPECT_EQ(toJsonText(Json("https://x.example/é✓")), "\"https://x.example/é✓\"");
  EXPECT_EQ(toJsonText(Json(std::string("a\x01z"))), "\"a\\u0001z\"");
}
