#include "core/plugins/VersionRange.hpp"

#include <charconv>
#include <sstream>

namespace tabhost::core {

std::optional<SemVer> parseSemVer(std::string_view text) {
  SemVer v{};
  for (std::size_t i = 0; i < 3; ++i) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v[i]);
    if (ec != std::errc() || end == text.data()) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (i < 2) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
  }
  if (!text.empty()) return std::nullopt;
  return v;
}

bool versionSatisfies(const SemVer& version, std::string_view range, std::string& error) {
  std::istringstream words{std::string(range)};
  std::string word;
  while (words >> word) {
    std::string_view op(word);
    std::size_t opLength = op.find_first_of("0123456789");
    if (opLength == std::string_view::npos) {
      error = "malformed version range '" + std::string(range) + "'";
      return false;
    }
    std::string_view comparison = op.substr(0, opLength);
    auto bound = parseSemVer(op.substr(opLength));
    if (!bound) {
      error = "malformed version '" + std::string(op.substr(opLength)) + "' in range '" + std::string(range) + "'";
      return false;
    }
    bool ok;
    if (comparison == ">=") ok = version >= *bound;
    else if (comparison == ">") ok = version > *bound;
    else if (comparison == "<=") ok = version <= *bound;
    else if (comparison == "<") ok = version < *bound;
    else if (comparison == "=" || comparison.empty()) ok = version == *bound;
    else {
      error = "unknown comparison '" + std::string(comparison) + "' in range '" + std::string(range) + "'";
      return false;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace tabhost::core
