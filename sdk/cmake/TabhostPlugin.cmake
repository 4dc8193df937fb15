# tabhost_add_plugin(<id> SOURCES <files...> [UI_DIR <folder>] [UI_DEPENDS <files...>])
#
# Builds the plugin <id> as tabhost_<id>.so, a loadable module (never linked
# against), with only the TABHOST_PLUGIN symbols exported. Drop the .so into
# the host's plugins.dir.
#
# UI_DIR: a folder of built UI files (the tab's ES module and what it loads)
# to embed in the .so, with the UI kit beside them as tabhost-ui.js; the
# plugin registers them with Registrar::tabUi(embeddedUi(), ...) (see
# tabhost/sdk/ui.hpp and docs/plugin-ui.md). No npm or bundler is needed.
# UI_DEPENDS: files that produce the folder's content, when a build step of
# yours writes it (its files are found at build time, not configure time).

# Kept as global properties: the function may be called from directories
# that do not see this file's variables (and inside it CMAKE_CURRENT_LIST_DIR
# is the caller's). TABHOST_UI_KIT, the kit's ES module, is set before this
# file is included: by TabhostSDKConfig.cmake when installed, by
# sdk/CMakeLists.txt in the source tree.
set_property(GLOBAL PROPERTY TABHOST_SDK_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")
set_property(GLOBAL PROPERTY TABHOST_UI_KIT "${TABHOST_UI_KIT}")

function(tabhost_add_plugin id)
  cmake_parse_arguments(ARG "" "UI_DIR" "SOURCES;UI_DEPENDS" ${ARGN})
  set(target tabhost_${id})
  set(sources ${ARG_SOURCES})
  if(ARG_UI_DIR)
    get_property(cmake_dir GLOBAL PROPERTY TABHOST_SDK_CMAKE_DIR)
    get_property(kit GLOBAL PROPERTY TABHOST_UI_KIT)
    get_filename_component(ui_dir "${ARG_UI_DIR}" ABSOLUTE)
    set(embedded "${CMAKE_CURRENT_BINARY_DIR}/${target}_ui.cpp")
    # A folder a build step writes is followed through UI_DEPENDS instead.
    set(ui_files)
    if(NOT ARG_UI_DEPENDS)
      file(GLOB_RECURSE ui_files CONFIGURE_DEPENDS "${ui_dir}/*")
    endif()
    add_custom_command(
      OUTPUT "${embedded}"
      COMMAND "${CMAKE_COMMAND}" "-DUI_DIR=${ui_dir}" "-DKIT=${kit}" "-DOUT=${embedded}"
              -P "${cmake_dir}/TabhostEmbedUi.cmake"
      DEPENDS ${ui_files} ${ARG_UI_DEPENDS} "${kit}" "${cmake_dir}/TabhostEmbedUi.cmake"
      COMMENT "Embedding the UI of plugin ${id}"
      VERBATIM)
    list(APPEND sources "${embedded}")
  endif()
  add_library(${target} MODULE ${sources})
  if(TARGET TabhostSDK::sdk)
    target_link_libraries(${target} PRIVATE TabhostSDK::sdk)
  else()
    target_link_libraries(${target} PRIVATE tabhost_sdk)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # A plugin must resolve every symbol itself: an undefined one would only
  # fail when the host loads it.
  target_link_options(${target} PRIVATE "LINKER:--no-undefined")
endfunction()
