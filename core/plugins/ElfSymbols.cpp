#include "core/plugins/ElfSymbols.hpp"

#include <elf.h>

#include <cstring>

namespace tabhost::core {

namespace {

// A view of the file in which every read is checked.
class Image {
 public:
  explicit Image(std::string_view bytes) : bytes_(bytes) {}

  bool holds(std::uint64_t offset, std::uint64_t size) const {
    return offset <= bytes_.size() && size <= bytes_.size() - offset;
  }
  template <class T>
  std::optional<T> read(std::uint64_t offset) const {
    if (!holds(offset, sizeof(T))) return std::nullopt;
    T value;
    std::memcpy(&value, bytes_.data() + offset, sizeof(T));
    return value;
  }
  /// The NUL-terminated text at `offset` inside [tableOffset, tableOffset + tableSize).
  std::optional<std::string_view> text(const Elf64_Shdr& table, std::uint64_t offset) const {
    if (!holds(table.sh_offset, table.sh_size) || offset >= table.sh_size) return std::nullopt;
    const std::string_view inside = bytes_.substr(table.sh_offset + offset, table.sh_size - offset);
    const std::size_t end = inside.find('\0');
    if (end == std::string_view::npos) return std::nullopt;
    return inside.substr(0, end);
  }

 private:
  std::string_view bytes_;
};

}  // namespace

std::optional<std::vector<std::string>> elfSymbolsIn(std::string_view bytes, std::string_view section) {
  const Image image(bytes);
  const auto header = image.read<Elf64_Ehdr>(0);
  if (!header || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64 ||
      header->e_ident[EI_DATA] != ELFDATA2LSB || header->e_shentsize != sizeof(Elf64_Shdr) ||
      header->e_shstrndx >= header->e_shnum)
    return std::nullopt;
  if (!image.holds(header->e_shoff, std::uint64_t{header->e_shnum} * sizeof(Elf64_Shdr))) return std::nullopt;
  std::vector<Elf64_Shdr> sections;
  for (std::uint64_t i = 0; i < header->e_shnum; ++i) {
    const auto entry = image.read<Elf64_Shdr>(header->e_shoff + i * sizeof(Elf64_Shdr));
    if (!entry) return std::nullopt;
    sections.push_back(*entry);
  }
  // The section's index, by its name in the section names' table.
  const Elf64_Shdr& names = sections[header->e_shstrndx];
  std::optional<std::size_t> wanted;
  for (std::size_t i = 0; i < sections.size() && !wanted; ++i) {
    const auto name = image.text(names, sections[i].sh_name);
    if (!name) return std::nullopt;
    if (*name == section) wanted = i;
  }
  std::vector<std::string> found;
  if (!wanted) return found;
  for (const auto& table : sections) {
    if (table.sh_type != SHT_SYMTAB && table.sh_type != SHT_DYNSYM) continue;
    if (table.sh_entsize != sizeof(Elf64_Sym) || table.sh_link >= sections.size() ||
        !image.holds(table.sh_offset, table.sh_size))
      return std::nullopt;
    for (std::uint64_t at = 0; at + sizeof(Elf64_Sym) <= table.sh_size; at += sizeof(Elf64_Sym)) {
      const auto symbol = image.read<Elf64_Sym>(table.sh_offset + at);
      if (!symbol || symbol->st_shndx != *wanted) continue;
      const auto name = image.text(sections[table.sh_link], symbol->st_name);
      if (!name) return std::nullopt;
      found.emplace_back(*name);
    }
  }
  return found;
}

}  // namespace tabhost::core
