// Tabhost plugin SDK — a plugin's tab in the dashboard (since SDK ABI 2.6).
//
// A tab's UI is a custom element in an ES module, embedded in the plugin's
// .so and served at /t/{tenant}/ui/{plugin id}/... (docs/plugin-ui.md).
// `tabhost_add_plugin(<id> SOURCES ... UI_DIR <folder>)` embeds every file
// of the folder, plus the UI kit as `tabhost-ui.js`, and defines
// embeddedUi() for the plugin to register them:
//
//   void start(Registrar& r) override {
//     r.tabUi(embeddedUi(), "acme-orders", "orders-tab.js");
//   }
//
// A plugin built without UI_DIR has no embeddedUi(): calling it fails at
// link time ("undefined reference to tabhost::sdk::embeddedUi()").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tabhost::sdk {

/// One embedded file. Its bytes live in the plugin's read-only data, as long
/// as the plugin (plugins are never unloaded).
struct UiFile {
  /// Path relative to the folder, with '/' separators, e.g. "orders-tab.js".
  const char* path;
  /// Chosen from the file's extension, e.g. "text/javascript; charset=utf-8".
  const char* contentType;
  std::string_view bytes;
};

/// The embedded files: the folder's in path order, then the UI kit.
struct UiFiles {
  const UiFile* data = nullptr;
  std::size_t size = 0;
  const UiFile* begin() const { return data; }
  const UiFile* end() const { return data + size; }
};

/// The files `tabhost_add_plugin(... UI_DIR ...)` embedded (defined in the
/// source file it generates).
UiFiles embeddedUi();

/// The custom element that is the plugin's tab (Registrar::addTabUi).
struct TabUiSpec {
  /// A valid custom element name, e.g. "acme-orders": lower case, starting
  /// with a letter, with a '-'. Unique among installed plugins.
  std::string element;
  /// Path of an asset this plugin registered before, the ES module that
  /// defines `element`, e.g. "orders-tab.js".
  std::string module;
};

}  // namespace tabhost::sdk
