#include <gtest/gtest.h>

#include "core/storage/Placeholders.hpp"

using tabhost::core::numberPlaceholders;

TEST(Placeholders, NumbersEachQuestionMarkInOrder) {
  EXPECT_EQ(numberPlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"),
            "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(numberPlaceholders("SELECT 1"), "SELECT 1");
}

TEST(Placeholders, LeavesLiteralsIdentifiersAndCommentsAlone) {
  EXPECT_EQ(numberPlaceholders("SELECT '?', 'it''s ?', \"odd?col\" FROM t WHERE x = ?"),
            "SELECT '?', 'it''s ?', \"odd?col\" FROM t WHERE x = $1");
  EXPECT_EQ(numberPlaceholders("SELECT ? -- why?\n, ? /* what? */ , ?"), "SELECT $1 -- why?\n, $2 /* what? */ , $3");
  EXPECT_EQ(numberPlaceholders("SELECT $$a?b$$, $q$?$q$, ?"), "SELECT $$a?b$$, $q$?$q$, $1");
}

TEST(Placeholders, UnterminatedQuoteIsCopiedAsIs) {
  EXPECT_EQ(numberPlaceholders("SELECT ?, 'open ?"), "SELECT $1, 'open ?");
}
