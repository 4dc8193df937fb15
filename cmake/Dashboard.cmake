# The dashboard's front end: TypeScript bundled with esbuild from the npm
# packages pinned in package-lock.json (installed by `npm ci`, once per
# lockfile change), so that the README's two commands still build everything.
# Node 20 and npm come with the machine (Debian's nodejs is older).
find_program(NODE_EXECUTABLE node REQUIRED)
find_program(NPM_EXECUTABLE npm REQUIRED)

set(TABHOST_NPM_STAMP ${CMAKE_BINARY_DIR}/npm-ci.stamp)
# --ignore-scripts: no package runs code at install (esbuild's binary comes
# as a package of its own and needs no install script).
add_custom_command(
  OUTPUT ${TABHOST_NPM_STAMP}
  COMMAND ${NPM_EXECUTABLE} ci --ignore-scripts --no-audit --no-fund --loglevel=error
  COMMAND ${CMAKE_COMMAND} -E touch ${TABHOST_NPM_STAMP}
  DEPENDS ${PROJECT_SOURCE_DIR}/package.json ${PROJECT_SOURCE_DIR}/package-lock.json
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "npm ci (the dashboard's build and test packages)"
  VERBATIM)
add_custom_target(tabhost_npm DEPENDS ${TABHOST_NPM_STAMP})

# tabhost_bundle_ui(<output .js> <entry .ts> <folder of its sources>)
# One minified ES module with everything it imports (Lit, the UI kit, the
# table parts the built-in tabs share in plugins/common/ui).
function(tabhost_bundle_ui output entry sources_dir)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${sources_dir}/*.ts ${PROJECT_SOURCE_DIR}/plugins/common/ui/src/*.ts)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${NODE_EXECUTABLE} ${PROJECT_SOURCE_DIR}/core/web/bundle.mjs ${entry} ${output}
    DEPENDS ${TABHOST_NPM_STAMP} ${sources} ${PROJECT_SOURCE_DIR}/core/web/bundle.mjs
            ${PROJECT_SOURCE_DIR}/sdk/ui/tabhost-ui.js
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Bundling ${entry}"
    VERBATIM)
endfunction()
