// What an uploaded logo is, decided by its bytes (never by the client's
// Content-Type): PNG, JPEG, or an SVG document without script.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace settings {

/// The image's content type, or nullopt when the bytes are none of the
/// three. Throws sdk::Error 400 "unsafe_svg" for an SVG that could run
/// script (script elements, on* handlers, javascript: URLs, entities).
std::optional<std::string> logoContentType(std::string_view bytes);

}  // namespace settings
