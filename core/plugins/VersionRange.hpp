// Semantic versions and the ranges plugins use to name their dependencies.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tabhost::core {

/// major.minor.patch (pre-release and build suffixes are not accepted).
using SemVer = std::array<unsigned, 3>;

std::optional<SemVer> parseSemVer(std::string_view text);

/// True when `version` satisfies every space-separated comparison in `range`
/// (">=1.2.0 <2.0.0", "=1.0.0", "1.0.0" meaning "="). An empty range accepts
/// anything. A malformed range sets `error` and returns false.
bool versionSatisfies(const SemVer& version, std::string_view range, std::string& error);

}  // namespace tabhost::core
