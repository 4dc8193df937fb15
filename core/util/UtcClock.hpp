// UTC timestamps as ISO 8601 text: they sort as text and read well in exports.
#pragma once

#include <cstdint>
#include <string>

namespace tabhost::core {

/// Now, e.g. "2026-11-22T19:13:26.123Z".
std::string utcTimestamp();

/// Now, in whole seconds since the Unix epoch.
std::int64_t unixSeconds();

/// `seconds` since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string utcFromUnix(std::int64_t seconds);

}  // namespace tabhost::core
