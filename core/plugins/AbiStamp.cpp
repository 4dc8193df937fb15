#include "core/plugins/AbiStamp.hpp"

#include <elf.h>

#include <charconv>
#include <cstring>
#include <fstream>
#include <vector>

#include <boost/dll/library_info.hpp>

#include "tabhost/sdk/abi.hpp"

namespace tabhost::core {

AbiStamp hostAbi() { return {TABHOST_SDK_ABI_MAJOR, TABHOST_SDK_ABI_MINOR, TABHOST_SDK_BUILD_SIGNATURE}; }

namespace {
// Reads a decimal number at the front of `text` and drops it from `text`.
std::optional<unsigned> takeNumber(std::string_view& text) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return value;
}
// Whether every section of a 64-bit ELF file lies inside it (what
// Boost.DLL trusts when it reads the symbol table).
bool sectionsWithinFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const auto size = static_cast<std::uint64_t>(in.tellg());
  Elf64_Ehdr header{};
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(&header), sizeof header)) return false;
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64) return false;
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shoff > size ||
      header.e_shnum > (size - header.e_shoff) / sizeof(Elf64_Shdr))
    return false;
  std::vector<Elf64_Shdr> sections(header.e_shnum);
  in.seekg(static_cast<std::streamoff>(header.e_shoff));
  if (!in.read(reinterpret_cast<char*>(sections.data()),
               static_cast<std::streamsize>(sections.size() * sizeof(Elf64_Shdr))))
    return false;
  for (const auto& section : sections)
    if (section.sh_type != SHT_NOBITS && (section.sh_offset > size || section.sh_size > size - section.sh_offset))
      return false;
  return true;
}

}  // namespace

std::optional<AbiStamp> parseStampSymbol(std::string_view symbol) {
  constexpr std::string_view prefix = TABHOST_SDK_STAMP_PREFIX;
  if (symbol.substr(0, prefix.size()) != prefix) return std::nullopt;
  symbol.remove_prefix(prefix.size());
  auto major = takeNumber(symbol);
  if (!major || symbol.empty() || symbol.front() != '_') return std::nullopt;
  symbol.remove_prefix(1);
  auto minor = takeNumber(symbol);
  if (!minor || symbol.substr(0, 2) != "__" || symbol.size() == 2) return std::nullopt;
  symbol.remove_prefix(2);
  return AbiStamp{*major, *minor, std::string(symbol)};
}

std::optional<std::string> abiIncompatibility(const AbiStamp& plugin, const AbiStamp& host) {
  if (plugin.major != host.major)
    return "built against SDK ABI " + plugin.version() + ", host supports ABI " + std::to_string(host.major) + ".0 to " +
           host.version();
  if (plugin.minor > host.minor)
    return "built against newer SDK ABI " + plugin.version() + " than the host's " + host.version();
  if (plugin.buildSignature != host.buildSignature)
    return "built with " + plugin.buildSignature + ", host was built with " + host.buildSignature;
  return std::nullopt;
}

std::optional<AbiStamp> readStamp(const std::string& file, std::string& problem) {
  const char* const notElf = "not a shared library (not an ELF file of this machine's architecture)";
  if (!sectionsWithinFile(file)) {
    problem = notElf;
    return std::nullopt;
  }
  try {
    boost::dll::library_info info(file);
    for (const auto& symbol : info.symbols(TABHOST_SDK_SECTION))
      if (auto stamp = parseStampSymbol(symbol)) return stamp;
    problem = "not a Tabhost plugin (no ABI stamp; build it with TABHOST_PLUGIN)";
  } catch (const std::exception&) {
    // Boost reports only a stream error here; what matters is the kind of file.
    problem = notElf;
  }
  return std::nullopt;
}

}  // namespace tabhost::core
