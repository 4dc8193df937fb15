// The ABI stamp a plugin exports, read from its symbol table before loading.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tabhost::core {

struct AbiStamp {
  unsigned major = 0;
  unsigned minor = 0;
  std::string buildSignature;

  /// "1.0"
  std::string version() const { return std::to_string(major) + "." + std::to_string(minor); }
};

/// The host's own stamp (the SDK it was built with).
AbiStamp hostAbi();

/// Parses "tabhost_stamp_abi<major>_<minor>__<signature>"; nullopt when the
/// symbol is not a stamp.
std::optional<AbiStamp> parseStampSymbol(std::string_view symbol);

/// Reads the stamp from a plugin file's symbol table without loading it
/// (ElfSymbols.hpp: every offset checked); nullopt with `problem` set when
/// the file is no plugin.
std::optional<AbiStamp> readStamp(const std::string& file, std::string& problem);

/// Why a plugin with `plugin` cannot be loaded by a host with `host`, or
/// nullopt when it can (same major, plugin minor <= host minor, same build
/// signature).
std::optional<std::string> abiIncompatibility(const AbiStamp& plugin, const AbiStamp& host);

}  // namespace tabhost::core
