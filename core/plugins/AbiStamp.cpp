#include "core/plugins/AbiStamp.hpp"

#include <charconv>
#include <fstream>
#include <iterator>

#include "core/plugins/ElfSymbols.hpp"
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
  std::ifstream in(file, std::ios::binary);
  const std::string image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto symbols = in ? elfSymbolsIn(image, TABHOST_SDK_SECTION) : std::nullopt;
  if (!symbols) {
    problem = "not a shared library (not a well-formed ELF file of this machine's architecture)";
    return std::nullopt;
  }
  for (const auto& symbol : *symbols)
    if (auto stamp = parseStampSymbol(symbol)) return stamp;
  problem = "not a Tabhost plugin (no ABI stamp; build it with TABHOST_PLUGIN)";
  return std::nullopt;
}

}  // namespace tabhost::core
