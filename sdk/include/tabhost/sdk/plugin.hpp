// Tabhost plugin SDK — the plugin interface and its one export macro.
//
// A plugin is a class derived from tabhost::sdk::Plugin, exported once per
// shared library with TABHOST_PLUGIN:
//
//   class HelloPlugin : public tabhost::sdk::Plugin {
//     tabhost::sdk::Manifest manifest() const override { ... }
//     void start(tabhost::sdk::Registrar& r) override { r.route(...); }
//   };
//   TABHOST_PLUGIN(HelloPlugin, "hello", "1.0.0")
//
// The host (1) reads the stamp symbol's name from the ELF file without loading
// it and refuses another ABI or build signature, (2) loads the library and
// reads the descriptor through the entry alias, (3) creates the plugin, reads
// its manifest, orders plugins by dependency, and (4) calls start() in that
// order. Plugins are never unloaded while the host runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>

#include "tabhost/sdk/abi.hpp"
#include "tabhost/sdk/manifest.hpp"
#include "tabhost/sdk/registrar.hpp"

namespace tabhost::sdk {

/// Base class of every plugin. One instance per host process.
class Plugin {
 public:
  virtual ~Plugin() = default;
  /// Who the plugin is and what it needs. Called once, before start().
  virtual Manifest manifest() const = 0;
  /// Registers routes, migrations, assets, stat cards, audit actions and
  /// event handlers. Throwing disables the plugin (and the plugins that depend
  /// on it) and discards what it registered; the host keeps running.
  virtual void start(Registrar& registrar) = 0;
  /// Called once at shutdown, in reverse start order.
  virtual void stop() noexcept {}
};

/// The plain descriptor behind the entry alias. Every call through it is
/// noexcept: failures come back as a non-zero result and a message copied into
/// the host's buffer.
struct PluginDescriptor {
  /// sizeof(PluginDescriptor) as the plugin saw it (grows only by appending).
  std::uint32_t structSize;
  std::uint32_t abiMajor;
  std::uint32_t abiMinor;
  /// TABHOST_SDK_BUILD_SIGNATURE as the plugin was compiled.
  const char* buildSignature;
  /// The plugin id and version; the manifest must say the same.
  const char* id;
  const char* version;
  /// Creates the plugin; nullptr on failure with a message in `error`.
  Plugin* (*create)(char* error, std::size_t errorSize);
  /// Destroys what create() returned.
  void (*destroy)(Plugin* plugin);
  /// Copies the manifest into `out`; 0 on success.
  int (*describe)(const Plugin* plugin, Manifest* out, char* error, std::size_t errorSize);
  /// Runs Plugin::start; 0 on success.
  int (*start)(Plugin* plugin, Registrar* registrar, char* error, std::size_t errorSize);
};

namespace detail {

inline void copyError(const char* what, char* error, std::size_t errorSize) noexcept {
  if (errorSize == 0) return;
  std::strncpy(error, what, errorSize - 1);
  error[errorSize - 1] = '\0';
}

template <class F>
int guardCall(F&& f, char* error, std::size_t errorSize) noexcept {
  try {
    f();
    return 0;
  } catch (const std::exception& e) {
    copyError(e.what(), error, errorSize);
  } catch (...) {
    copyError("unknown exception", error, errorSize);
  }
  return 1;
}

template <class P>
Plugin* create(char* error, std::size_t errorSize) noexcept {
  Plugin* made = nullptr;
  guardCall([&] { made = new P(); }, error, errorSize);
  return made;
}

inline void destroy(Plugin* plugin) noexcept { delete plugin; }

inline int describe(const Plugin* plugin, Manifest* out, char* error, std::size_t errorSize) noexcept {
  return guardCall([&] { *out = plugin->manifest(); }, error, errorSize);
}

inline int start(Plugin* plugin, Registrar* registrar, char* error, std::size_t errorSize) noexcept {
  return guardCall([&] { plugin->start(*registrar); }, error, errorSize);
}

}  // namespace detail
}  // namespace tabhost::sdk

/// Exports `PluginClass` (default-constructible, derived from
/// tabhost::sdk::Plugin) with its id and version. Use once per library, at
/// namespace scope. It emits, in the "tabhost" ELF section:
///  * the stamp — a symbol whose name carries the SDK ABI and build signature,
///    so the host checks compatibility before loading the file;
///  * `tabhost_plugin_entry` — a pointer to the function returning the
///    descriptor, laid out like a BOOST_DLL_ALIAS (the host imports it with
///    boost::dll::import_alias) but without including Boost in your build.
#define TABHOST_PLUGIN(PluginClass, PluginId, PluginVersion)                                          \
  namespace {                                                                                         \
  const ::tabhost::sdk::PluginDescriptor tabhost_plugin_descriptor_ = {                               \
      sizeof(::tabhost::sdk::PluginDescriptor), TABHOST_SDK_ABI_MAJOR, TABHOST_SDK_ABI_MINOR,         \
      TABHOST_SDK_BUILD_SIGNATURE, PluginId, PluginVersion,                                           \
      &::tabhost::sdk::detail::create<PluginClass>, &::tabhost::sdk::detail::destroy,                 \
      &::tabhost::sdk::detail::describe, &::tabhost::sdk::detail::start};                             \
  const ::tabhost::sdk::PluginDescriptor* tabhost_plugin_describe_() noexcept {                      \
    return &tabhost_plugin_descriptor_;                                                               \
  }                                                                                                   \
  }                                                                                                   \
  extern "C" {                                                                                        \
  __attribute__((visibility("default"), used, section(TABHOST_SDK_SECTION)))                          \
  const ::tabhost::sdk::PluginDescriptor* (*tabhost_plugin_entry)() noexcept = &tabhost_plugin_describe_; \
  __attribute__((visibility("default"), used, section(TABHOST_SDK_SECTION)))                          \
  std::uint32_t tabhost_plugin_stamp_ __asm__(TABHOST_SDK_STAMP_SYMBOL) = TABHOST_SDK_ABI_MAJOR;       \
  }
