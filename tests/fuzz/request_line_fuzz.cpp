// percentEscapesValid guards what the pipeline then decodes with Poco: a
// target it lets through must decode without throwing (a throw there was
// the 500 of issue 25), and one it refuses must be one Poco refuses too.
#include <cstdint>
#include <string>

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "core/http/RequestLine.hpp"
#include "FuzzCheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  const bool valid = tabhost::core::percentEscapesValid(target);
  bool decodes = true;
  try {
    std::string decoded;
    Poco::URI::decode(target, decoded);
  } catch (const Poco::SyntaxException&) {
    decodes = false;
  }
  fuzzCheck(valid == decodes, "percentEscapesValid agrees with Poco::URI::decode");
  return 0;
}
