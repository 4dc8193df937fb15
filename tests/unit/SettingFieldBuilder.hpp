// A settings-schema field with only a name and a type, for tests to refine.
#pragma once

#include <string>

#include "tabhost/sdk/settings.hpp"

namespace tabhost::test {

inline sdk::SettingField field(std::string name, sdk::SettingType type) {
  sdk::SettingField result;
  result.name = std::move(name);
  result.type = type;
  return result;
}

}  // namespace tabhost::test
