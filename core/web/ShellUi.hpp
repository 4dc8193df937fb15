// The dashboard shell's built files (core/web/src bundled by esbuild),
// embedded by core/CMakeLists.txt with the SDK's TabhostEmbedUi.cmake and
// served as the host's assets (/ui/tabhost/...).
#pragma once

#include "tabhost/sdk/ui.hpp"

namespace tabhost::core {

/// Defined in the generated ShellUi.cpp.
sdk::UiFiles shellUi();

}  // namespace tabhost::core
