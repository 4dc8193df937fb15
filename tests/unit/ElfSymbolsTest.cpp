// The plugin loader's ELF reading: a real plugin's stamp is found; a file
// cut short or pointing outside itself is refused, never read past its end.
#include <gtest/gtest.h>

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "core/plugins/AbiStamp.hpp"
#include "core/plugins/ElfSymbols.hpp"
#include "tabhost/sdk/abi.hpp"

namespace tabhost::core {
namespace {

std::string fixturePlugin() {
  std::ifstream in(std::string(TABHOST_FIXTURE_DIR) + "/basic.so", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Elf64_Ehdr headerOf(const std::string& image) {
  Elf64_Ehdr header;
  std::memcpy(&header, image.data(), sizeof header);
  return header;
}

TEST(ElfSymbols, APluginsStampIsFoundInItsSection) {
  const auto symbols = elfSymbolsIn(fixturePlugin(), TABHOST_SDK_SECTION);
  ASSERT_TRUE(symbols);
  EXPECT_TRUE(std::ranges::any_of(*symbols, [](const std::string& s) { return parseStampSymbol(s).has_value(); }));
  EXPECT_EQ(elfSymbolsIn(fixturePlugin(), "no-such-section"), std::vector<std::string>{});
}

TEST(ElfSymbols, AFileCutShortOrPointingOutsideItselfIsRefused) {
  const std::string image = fixturePlugin();
  EXPECT_FALSE(elfSymbolsIn(image.substr(0, image.size() / 2), TABHOST_SDK_SECTION));
  EXPECT_FALSE(elfSymbolsIn("\x7f" "ELF", TABHOST_SDK_SECTION));

  std::string names = image;
  Elf64_Ehdr header = headerOf(names);
  header.e_shstrndx = header.e_shnum;  // the section names' table is no section
  std::memcpy(names.data(), &header, sizeof header);
  EXPECT_FALSE(elfSymbolsIn(names, TABHOST_SDK_SECTION));

  std::string table = image;
  header = headerOf(table);
  header.e_shoff = ~0ull - 8;  // the section table lies beyond the file (and would wrap)
  std::memcpy(table.data(), &header, sizeof header);
  EXPECT_FALSE(elfSymbolsIn(table, TABHOST_SDK_SECTION));
}

}  // namespace
}  // namespace tabhost::core
