// Converts the SDK's Json to and from text; Poco::JSON does the parsing.
#pragma once

#include <string>

#include "tabhost/sdk/json.hpp"

namespace tabhost::core {

/// Compact JSON text.
std::string toJsonText(const sdk::Json& value);
/// Appends compact JSON text to `out` (no intermediate strings per level).
void appendJsonText(const sdk::Json& value, std::string& out);

/// Parses JSON text, keeping object member order. Throws sdk::Error 400
/// "invalid_json" (with Poco's position message) on malformed input.
sdk::Json parseJsonText(const std::string& text);

}  // namespace tabhost::core
