#include <gtest/gtest.h>

#include "core/plugins/AbiStamp.hpp"
#include "tabhost/sdk/abi.hpp"

using namespace tabhost::core;

TEST(AbiStamp, ParsesTheSymbolTheMacroExports) {
  auto stamp = parseStampSymbol(TABHOST_SDK_STAMP_SYMBOL);
  ASSERT_TRUE(stamp);
  EXPECT_EQ(stamp->major, unsigned(TABHOST_SDK_ABI_MAJOR));
  EXPECT_EQ(stamp->minor, unsigned(TABHOST_SDK_ABI_MINOR));
  EXPECT_EQ(stamp->buildSignature, TABHOST_SDK_BUILD_SIGNATURE);
  EXPECT_FALSE(abiIncompatibility(*stamp, hostAbi()));
}

TEST(AbiStamp, RejectsSymbolsThatAreNotStamps) {
  EXPECT_FALSE(parseStampSymbol("tabhost_plugin_entry"));
  EXPECT_FALSE(parseStampSymbol("tabhost_stamp_abi1_0"));
  EXPECT_FALSE(parseStampSymbol("tabhost_stamp_abi1_0__"));
  EXPECT_FALSE(parseStampSymbol("tabhost_stamp_abix_0__gcc12"));
}

TEST(AbiStamp, SameMajorOlderMinorIsAccepted) {
  AbiStamp host{1, 3, "sig"};
  EXPECT_FALSE(abiIncompatibility({1, 0, "sig"}, host));
  EXPECT_FALSE(abiIncompatibility({1, 3, "sig"}, host));
}

TEST(AbiStamp, OtherMajorNewerMinorOrOtherSignatureIsRefusedWithBothSides) {
  AbiStamp host{1, 3, "gcc12_x"};
  auto major = abiIncompatibility({2, 0, "gcc12_x"}, host);
  ASSERT_TRUE(major);
  EXPECT_NE(major->find("2.0"), std::string::npos);
  auto minor = abiIncompatibility({1, 4, "gcc12_x"}, host);
  ASSERT_TRUE(minor);
  EXPECT_NE(minor->find("1.4"), std::string::npos);
  EXPECT_NE(minor->find("1.3"), std::string::npos);
  auto signature = abiIncompatibility({1, 0, "clang15_y"}, host);
  ASSERT_TRUE(signature);
  EXPECT_NE(signature->find("clang15_y"), std::string::npos);
  EXPECT_NE(signature->find("gcc12_x"), std::string::npos);
}
