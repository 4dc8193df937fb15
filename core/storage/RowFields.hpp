// Reading columns of a query row (a JSON object keyed by column name) where
// NULL or a missing column means "none".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

/// A text column, or "" when it is NULL, absent or not text.
inline std::string textField(const sdk::Json& row, std::string_view column) {
  const sdk::Json* value = row.find(column);
  return value && value->isString() ? value->asString() : std::string();
}

/// An integer column, or 0 when it is NULL, absent or not an integer.
inline std::int64_t intField(const sdk::Json& row, std::string_view column) {
  const sdk::Json* value = row.find(column);
  return value && value->isInt() ? value->asInt() : 0;
}

}  // namespace tabhost::core
