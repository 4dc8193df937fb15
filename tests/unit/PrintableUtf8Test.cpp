// Header text stored in audit records: valid UTF-8, no control characters,
// cut at a character boundary.
#include <gtest/gtest.h>

#include "core/http/RequestContextImpl.hpp"

namespace tabhost::core {
namespace {

TEST(PrintableUtf8, KeepsValidTextAndReplacesWhatIsNot) {
  EXPECT_EQ(printableUtf8("curl/8.0 Ünïcode ✓", 512), "curl/8.0 Ünïcode ✓");
  EXPECT_EQ(printableUtf8("a\xff" "b", 512), "a?b");
  EXPECT_EQ(printableUtf8("line\r\nbreak\x1b[31m", 512), "line??break?[31m");
  EXPECT_EQ(printableUtf8("\xe2\x9c", 512), "??");  // a truncated sequence
}

TEST(PrintableUtf8, CutsAtACharacterBoundary) {
  EXPECT_EQ(printableUtf8("ab✓", 4), "ab");  // ✓ is three bytes: it does not fit
  EXPECT_EQ(printableUtf8("abcdef", 3), "abc");
}

}  // namespace
}  // namespace tabhost::core
