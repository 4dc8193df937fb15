// UTC timestamps as ISO 8601 text: they sort as text and read well in exports.
#pragma once

#include <string>

namespace tabhost::core {

/// Now, e.g. "2026-11-22T19:13:26.123Z".
std::string utcTimestamp();

}  // namespace tabhost::core
