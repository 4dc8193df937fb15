// parseJsonText reads every JSON request body. Malformed text must end in
// sdk::Error 400 invalid_json, nothing else; text it accepts must come
// back from toJsonText in a form that parses to the same text again.
#include <cstdint>
#include <string>

#include "core/json/JsonCodec.hpp"
#include "tabhost/sdk/error.hpp"
#include "FuzzCheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tabhost;
  sdk::Json value;
  try {
    value = core::parseJsonText(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const sdk::Error& e) {
    fuzzCheck(e.status() == 400 && e.code() == "invalid_json", "malformed JSON is a 400 invalid_json");
    return 0;
  }
  const std::string text = core::toJsonText(value);
  std::string again;
  try {
    again = core::toJsonText(core::parseJsonText(text));
  } catch (const sdk::Error&) {
    fuzzCheck(false, "what toJsonText writes parses");
  }
  fuzzCheck(again == text, "toJsonText of parsed toJsonText output is the same text");
  return 0;
}
