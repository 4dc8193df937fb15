// The SDK's header-only helpers plugins call directly.
#include <gtest/gtest.h>

#include "tabhost/sdk/pagination.hpp"
#include "tabhost/sdk/time.hpp"

using namespace tabhost::sdk;

TEST(SdkTime, FormatsAndParsesUtcWithMilliseconds) {
  Instant t{std::chrono::milliseconds(1795374806123)};
  EXPECT_EQ(formatUtc(t), "2026-11-22T19:13:26.123Z");
  EXPECT_EQ(parseUtc("2026-11-22T19:13:26.123Z"), t);
  EXPECT_EQ(parseUtc("2026-11-22T19:13:26Z"), Instant{std::chrono::milliseconds(1795374806000)});
  EXPECT_EQ(formatUtc(Instant{std::chrono::milliseconds(0)}), "1970-01-01T00:00:00.000Z");
}

TEST(SdkTime, RefusesAnythingElse) {
  for (const char* bad : {"2026-11-22 19:13:26Z", "2026-11-22T19:13:26+01:00", "2026-02-30T00:00:00Z",
                          "2026-11-22T19:13:26.12Z", "2026-11-22T19:13:26.123", "", "yesterday"})
    EXPECT_FALSE(parseUtc(bad)) << bad;
}

TEST(SdkPagination, CursorRoundTripsStringsAndIntegersAndIsOpaque) {
  Cursor c{Json("Zoë, \x1f tricky"), Json(42)};
  std::string text = encodeCursor(c);
  EXPECT_EQ(text.find_first_not_of("0123456789abcdef"), std::string::npos);
  auto back = decodeCursor(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sortValue, c.sortValue);
  EXPECT_EQ(back->id, Json(42));
}

TEST(SdkPagination, ForgedCursorsAreRejected) {
  EXPECT_FALSE(decodeCursor("zz"));
  EXPECT_FALSE(decodeCursor("abc"));
  EXPECT_FALSE(decodeCursor(detail::toHex("no parts")));
  EXPECT_FALSE(decodeCursor(detail::toHex("s1:ai1:")));        // id shorter than its length
  EXPECT_FALSE(decodeCursor(detail::toHex("s1:ai1:2trailing")));
  EXPECT_FALSE(decodeCursor(detail::toHex("s1:ai2:1x")));      // not an integer
  EXPECT_FALSE(decodeCursor(detail::toHex("s99999999999999999999:a")));
  EXPECT_TRUE(decodeCursor(detail::toHex("s1:ai1:2")));
}

TEST(SdkPagination, PageBodyTrimsTheLookAheadRowAndPointsAfterTheLastKept) {
  Page page;
  page.limit = 2;
  std::vector<Json> rows{Json::object({{"id", 1}, {"name", "a"}}), Json::object({{"id", 2}, {"name", "b"}}),
                         Json::object({{"id", 3}, {"name", "c"}})};
  Json body = pageBody(rows, page, "name", "id");
  EXPECT_EQ(body.find("items")->size(), 2u);
  auto next = decodeCursor(body.find("next_cursor")->asString());
  ASSERT_TRUE(next);
  EXPECT_EQ(next->sortValue, Json("b"));
  EXPECT_EQ(next->id, Json(2));
  rows.pop_back();
  EXPECT_TRUE(pageBody(rows, page, "name", "id").find("next_cursor")->isNull());
}
