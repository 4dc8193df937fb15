// Tabhost plugin SDK — ABI version and build signature.
//
// A plugin and the host must agree on two things before any plugin code runs:
//
//  * the SDK ABI: same major, and the plugin's minor no newer than the host's
//    (interfaces only grow by appending; adding bumps the minor, changing or
//    removing anything bumps the major);
//  * the build signature: the C++ toolchain facts that decide whether the
//    standard-library types used by this SDK (std::string, std::vector,
//    std::function, ...) have the same layout on both sides.
//
// Both are encoded into the *name* of an exported symbol (the "stamp"), so the
// host can read them from the ELF symbol table without loading the library.
#pragma once

/// Major ABI version: bumped when an SDK interface changes or loses a member.
#define TABHOST_SDK_ABI_MAJOR 2
/// Minor ABI version: bumped when an SDK interface gains a member at its end.
#define TABHOST_SDK_ABI_MINOR 6
/// SDK release (informational; compatibility is decided by the ABI numbers).
#define TABHOST_SDK_VERSION "0.2.6"

#define TABHOST_SDK_DETAIL_STR2(x) #x
#define TABHOST_SDK_DETAIL_STR(x) TABHOST_SDK_DETAIL_STR2(x)

#if defined(__clang__)
#define TABHOST_SDK_DETAIL_COMPILER "clang" TABHOST_SDK_DETAIL_STR(__clang_major__)
#elif defined(__GNUC__)
#define TABHOST_SDK_DETAIL_COMPILER "gcc" TABHOST_SDK_DETAIL_STR(__GNUC__)
#else
#error "Tabhost plugins are built with GCC or Clang"
#endif

// The standard library and its dual ABI decide std::string's layout; debug
// mode (_GLIBCXX_DEBUG) changes the containers' layout.
#include <cstddef>  // defines _GLIBCXX_USE_CXX11_ABI / _LIBCPP_VERSION
#if defined(_LIBCPP_VERSION)
#define TABHOST_SDK_DETAIL_STDLIB "libcxx" TABHOST_SDK_DETAIL_STR(_LIBCPP_ABI_VERSION)
#elif defined(_GLIBCXX_USE_CXX11_ABI)
#define TABHOST_SDK_DETAIL_STDLIB "libstdcxx_abi" TABHOST_SDK_DETAIL_STR(_GLIBCXX_USE_CXX11_ABI)
#else
#define TABHOST_SDK_DETAIL_STDLIB "unknownstdlib"
#endif

#if defined(_GLIBCXX_DEBUG)
#define TABHOST_SDK_DETAIL_DEBUG "_dbg1"
#else
#define TABHOST_SDK_DETAIL_DEBUG "_dbg0"
#endif

/// The build signature, e.g. "gcc12_libstdcxx_abi1_dbg0". Host and plugin must
/// match exactly (nginx-style): a mismatch means the SDK's C++ types differ.
#define TABHOST_SDK_BUILD_SIGNATURE \
  TABHOST_SDK_DETAIL_COMPILER "_" TABHOST_SDK_DETAIL_STDLIB TABHOST_SDK_DETAIL_DEBUG

/// Prefix of the stamp symbol's name; the full name is
/// `tabhost_stamp_abi<major>_<minor>__<build signature>`.
#define TABHOST_SDK_STAMP_PREFIX "tabhost_stamp_abi"
#define TABHOST_SDK_STAMP_SYMBOL                                          \
  TABHOST_SDK_STAMP_PREFIX TABHOST_SDK_DETAIL_STR(TABHOST_SDK_ABI_MAJOR) "_" \
      TABHOST_SDK_DETAIL_STR(TABHOST_SDK_ABI_MINOR) "__" TABHOST_SDK_BUILD_SIGNATURE

/// ELF section holding the stamp and the entry alias, listed by the host
/// without loading the library.
#define TABHOST_SDK_SECTION "tabhost"
/// Name of the exported entry alias (a pointer to the descriptor function,
/// laid out as BOOST_DLL_ALIAS lays out its aliases).
#define TABHOST_SDK_ENTRY_SYMBOL "tabhost_plugin_entry"
