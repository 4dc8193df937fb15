// The plugin loader reads a .so's ABI stamp from its symbol table before
// loading it (readStamp: the ELF section bounds, then Boost.DLL and
// parseStampSymbol each symbol name). The input is used both ways: as a
// file whose stamp is read, and as one symbol name.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "core/plugins/AbiStamp.hpp"
#include "tabhost/sdk/abi.hpp"
#include "FuzzCheck.hpp"

namespace {

using tabhost::core::AbiStamp;
using tabhost::core::parseStampSymbol;

// A file of this process's own, removed at exit.
const std::string& scratchFile() {
  static const std::string path = [] {
    std::string name = "/tmp/tabhost-fuzz-abi-XXXXXX";
    const int fd = mkstemp(name.data());
    if (fd >= 0) close(fd);
    std::atexit([] { std::remove(scratchFile().c_str()); });
    return name;
  }();
  return path;
}

void checkSymbol(std::string_view symbol) {
  const auto stamp = parseStampSymbol(symbol);
  if (!stamp) return;
  // What was read is what the symbol says: written back, it reads the same.
  const std::string again = std::string(TABHOST_SDK_STAMP_PREFIX) + std::to_string(stamp->major) + "_" +
                            std::to_string(stamp->minor) + "__" + stamp->buildSignature;
  const auto reread = parseStampSymbol(again);
  fuzzCheck(reread && reread->major == stamp->major && reread->minor == stamp->minor &&
                reread->buildSignature == stamp->buildSignature,
            "a stamp written back from what was read reads the same");
  tabhost::core::abiIncompatibility(*stamp, tabhost::core::hostAbi());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  checkSymbol(bytes);

  std::ofstream(scratchFile(), std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(size));
  std::string problem;
  if (const auto stamp = tabhost::core::readStamp(scratchFile(), problem))
    tabhost::core::abiIncompatibility(*stamp, tabhost::core::hostAbi());
  else
    fuzzCheck(!problem.empty(), "a file refused says why");
  return 0;
}
