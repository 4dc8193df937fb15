// Plugins write `?` placeholders on every driver; PostgreSQL wants $1, $2, ...
#pragma once

#include <string>
#include <string_view>

namespace tabhost::core {

/// Rewrites each `?` placeholder as $1, $2, ... leaving alone question marks
/// inside 'string literals', "quoted identifiers", -- line and /* block */
/// comments, and $tag$ dollar-quoted strings $tag$.
std::string numberPlaceholders(std::string_view sql);

}  // namespace tabhost::core
