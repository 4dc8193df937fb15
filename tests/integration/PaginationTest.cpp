// Cursor pagination as an API client meets it.
#include <gtest/gtest.h>

#include <set>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

TEST(Pagination, ClientWalksEveryItemOnceAndBadParametersAre400) {
  TempConfig config;
  config.addFixturePlugin("basic");
  config.writeHostConfig();
  config.writeTenant("a");
  HostProcess host(config);
  ASSERT_TRUE(host.waitReady()) << host.output();
  for (int i = 0; i < 12; ++i)
    ASSERT_EQ(host.post("/t/a/api/v1/basic/items", R"({"name":"item )" + std::to_string(100 + i) + R"("})").status,
              201);

  std::set<std::string> seen;
  std::string next = "";
  int pages = 0;
  do {
    auto page = host.get("/t/a/api/v1/basic/items?limit=5" + (next.empty() ? "" : "&cursor=" + next));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& item : page.json.find("items")->asArray()) seen.insert(item.find("name")->asString());
    next = page.json.find("next_cursor")->isNull() ? "" : page.json.find("next_cursor")->asString();
    ++pages;
  } while (!next.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 12u);

  auto badLimit = host.get("/t/a/api/v1/basic/items?limit=0");
  EXPECT_EQ(badLimit.status, 400);
  EXPECT_EQ(badLimit.text("error.field"), "limit");
  EXPECT_EQ(host.get("/t/a/api/v1/basic/items?limit=101").status, 400);
  auto badCursor = host.get("/t/a/api/v1/basic/items?cursor=forged");
  EXPECT_EQ(badCursor.status, 400);
  EXPECT_EQ(badCursor.text("error.code"), "invalid_cursor");
}

}  // namespace
}  // namespace tabhost::test
