// requestReadiness reads whatever a client has sent so far, before any
// parser has looked at it: heads cut anywhere, framing headers in every
// form, chunked bodies half sent.
#include <cstdint>
#include <string_view>

#include "core/http/RequestReadiness.hpp"
#include "FuzzCheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tabhost::core;
  const std::string_view received(reinterpret_cast<const char*>(data), size);
  const Readiness whole = requestReadiness(received);

  // A request handed to a worker is never taken back: once the bytes so far
  // are ready, more bytes of the same request keep it ready. (Past
  // kMaxHeadBytes a head without an end is handed on for the parser to
  // refuse, whatever follows, so the property stops there.)
  if (size < kMaxHeadBytes) {
    const Readiness half = requestReadiness(received.substr(0, size / 2));
    fuzzCheck(!half.ready || whole.ready, "a ready request stays ready as more of it arrives");
  }
  return 0;
}
