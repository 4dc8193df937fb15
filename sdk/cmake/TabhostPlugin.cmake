# tabhost_add_plugin(<id> SOURCES <files...>)
#
# Builds the plugin <id> as tabhost_<id>.so, a loadable module (never linked
# against), with only the TABHOST_PLUGIN symbols exported. Drop the .so into
# the host's plugins.dir.
function(tabhost_add_plugin id)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  set(target tabhost_${id})
  add_library(${target} MODULE ${ARG_SOURCES})
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
