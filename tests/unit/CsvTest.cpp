// The SDK's CSV reader and writer (tabhost/sdk/csv.hpp): RFC 4180 records fed
// in pieces of any size, line numbers, syntax errors, and the formula guard
// that export and import undo exactly.
#include <gtest/gtest.h>

#include "tabhost/sdk/csv.hpp"
#include "tabhost/sdk/formats.hpp"

namespace tabhost::sdk {
namespace {

// Every record of `input`, fed `piece` bytes at a time.
std::vector<CsvRecord> read(const std::string& input, std::size_t piece) {
  std::vector<CsvRecord> records;
  CsvReader reader;
  auto collect = [&](const CsvRecord& r) { records.push_back(r); };
  for (std::size_t i = 0; i < input.size(); i += piece) reader.feed(std::string_view(input).substr(i, piece), collect);
  reader.finish(collect);
  return records;
}

TEST(CsvTest, ReadsQuotesSeparatorsLineBreaksAndABomInPiecesOfAnySize) {
  const std::string input =
      "\xEF\xBB\xBFname,note\r\n"
      "\"a, b\",\"say \"\"hi\"\"\"\r\n"
      "\r\n"
      "plain,\"two\r\nlines\"\n"
      ",\n"
      "last,no newline";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 4096u}) {
    const auto records = read(input, piece);
    ASSERT_EQ(records.size(), 5u) << piece;
    EXPECT_EQ(records[0].fields, (std::vector<std::string>{"name", "note"}));
    EXPECT_EQ(records[1].fields, (std::vector<std::string>{"a, b", "say \"hi\""}));
    EXPECT_EQ(records[2].fields, (std::vector<std::string>{"plain", "two\r\nlines"}));
    EXPECT_EQ(records[3].fields, (std::vector<std::string>{"", ""}));
    EXPECT_EQ(records[4].fields, (std::vector<std::string>{"last", "no newline"}));
    // Lines as an editor counts them: the blank line and the quoted break count.
    EXPECT_EQ(records[1].line, 2u);
    EXPECT_EQ(records[2].line, 4u);
    EXPECT_EQ(records[3].line, 6u);
    EXPECT_EQ(records[4].line, 7u);
  }
  // Bytes that only begin like a byte order mark are data.
  EXPECT_EQ(read("\xEF\xBBx,y\n", 1).front().fields.front(), "\xEF\xBBx");
}

TEST(CsvTest, SyntaxErrorsNameTheirLineAndField) {
  const auto where = [](const std::string& input) {
    try {
      read(input, 5);
    } catch (const CsvSyntaxError& e) {
      return std::to_string(e.line()) + ":" + std::to_string(e.column());
    }
    return std::string("none");
  };
  EXPECT_EQ(where("a,b\n1,\"open\n2,3\n"), "2:2");
  EXPECT_EQ(where("a,b\nx\"y,2\n"), "2:1");
  EXPECT_EQ(where("a,b\n1,\"q\"z\n"), "2:2");
  EXPECT_EQ(where("a,b\n1,2\n"), "none");
}

TEST(CsvTest, FormulaGuardRoundTripsEveryValue) {
  // (An empty value alone on a line is a blank line, which readers skip.)
  for (const std::string value : {"=SUM(A1)", "+1415", "-3", "@cmd", "\tx", "\rx", "'", "'=x", "''", "plain",
                                  "a,b", "say \"hi\"", "'quoted, and =", "=\"x\",\ny"}) {
    std::string line;
    appendCsvField(line, value);
    const auto records = read(line + "\n", 3);
    ASSERT_EQ(records.size(), 1u) << value;
    EXPECT_EQ(std::string(unguardCsvField(records.front().fields.front())), value) << line;
    const char first = records.front().fields.front().empty() ? 0 : records.front().fields.front().front();
    EXPECT_TRUE(first != '=' && first != '+' && first != '-' && first != '@') << line;
  }
}

TEST(CsvTest, FormatsAcceptWhatTheyNameAndNothingElse) {
  EXPECT_TRUE(isE164("+14155550100"));
  EXPECT_FALSE(isE164("+0123456789"));
  EXPECT_FALSE(isE164("14155550100"));
  EXPECT_TRUE(isDomainName("acme.example"));
  EXPECT_FALSE(isDomainName("Acme.example"));
  EXPECT_FALSE(isDomainName("acme-.example"));
  EXPECT_FALSE(isDomainName("localhost"));
  EXPECT_TRUE(isHttpsUrl("https://a.example/x"));
  EXPECT_FALSE(isHttpsUrl("http://a.example/x"));
  EXPECT_FALSE(isHttpUrl("javascript:alert"));
  EXPECT_TRUE(isEmail("a@b.example"));
  EXPECT_FALSE(isEmail("a@b"));
  EXPECT_TRUE(isUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(isUtf8("\xC0\xAF"));        // overlong
  EXPECT_FALSE(isUtf8("\xED\xA0\x80"));    // a surrogate
  EXPECT_FALSE(isUtf8("\xFF"));
  EXPECT_TRUE(isCountryCode("DE"));
  EXPECT_FALSE(isCountryCode("de"));
}

}  // namespace
}  // namespace tabhost::sdk
