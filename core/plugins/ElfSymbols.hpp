// The names of the symbols a 64-bit ELF file defines in one section, read
// with every offset checked against the file: a plugin file is read before
// anything of it is trusted (its ABI stamp decides whether it is loaded),
// and a crafted one must be refused, not followed out of bounds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tabhost::core {

/// nullopt when `image` (a whole file) is no well-formed 64-bit
/// little-endian ELF file; an empty list when no symbol is in `section`.
std::optional<std::vector<std::string>> elfSymbolsIn(std::string_view image, std::string_view section);

}  // namespace tabhost::core
