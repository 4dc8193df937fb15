#include <gtest/gtest.h>

#include "core/plugins/DependencyOrder.hpp"

using namespace tabhost::core;

TEST(DependencyOrder, DependenciesStartFirstOtherwiseInputOrder) {
  auto plan = planStartOrder({{"alpha", {"beta"}}, {"beta", {"gamma"}}, {"gamma", {}}, {"solo", {}}});
  EXPECT_EQ(plan.order, (std::vector<std::string>{"gamma", "solo", "beta", "alpha"}));
  EXPECT_TRUE(plan.refused.empty());
}

TEST(DependencyOrder, MissingDependencyRefusesThePluginAndItsDependents) {
  auto plan = planStartOrder({{"a", {"ghost"}}, {"b", {"a"}}, {"c", {}}});
  EXPECT_EQ(plan.order, std::vector<std::string>{"c"});
  EXPECT_EQ(plan.refused.at("a"), "missing dependency 'ghost'");
  EXPECT_EQ(plan.refused.at("b"), "dependency 'a' was refused");
}

TEST(DependencyOrder, CycleIsNamedAndDoesNotStopOthers) {
  auto plan = planStartOrder({{"x", {"y"}}, {"y", {"x"}}, {"z", {}}, {"w", {"x"}}});
  EXPECT_EQ(plan.order, std::vector<std::string>{"z"});
  EXPECT_NE(plan.refused.at("x").find("x -> y -> x"), std::string::npos);
  EXPECT_NE(plan.refused.at("y").find("y -> x -> y"), std::string::npos);
  EXPECT_NE(plan.refused.at("w").find("cycle"), std::string::npos);
}

TEST(DependencyOrder, RefusedUpFrontSpreadsToDependents) {
  auto plan = planStartOrder({{"a", {}}, {"b", {"a"}}}, {{"a", "wrong version"}});
  EXPECT_TRUE(plan.order.empty());
  EXPECT_EQ(plan.refused.at("a"), "wrong version");
  EXPECT_EQ(plan.refused.at("b"), "dependency 'a' was refused");
}
