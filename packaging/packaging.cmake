# Install rules and CPack: a .deb (dependencies declared) and a .tar.gz.
#
#   cmake --build build && cpack --config build/CPackConfig.cmake
#
# Layout under the prefix (/usr in the .deb):
#   bin/switchyard                            the CLI (serve, test, graph, inspect, journal)
#   bin/switchyard-dashboard                  the dashboard, which `switchyard` execs
#   bin/switchyard-preview                    the app preview (QtWebEngine), its own process
#   share/switchyard/tools/js/node_modules/@esbuild/linux-x64/bin/esbuild
#   share/switchyard/tools/js/node_modules/{postcss,lightningcss,...}  CSS tools
#   share/switchyard/tools/js/node_modules/esbuild   its JS API (vite.config reading)
#   share/switchyard/examples/hello/          the bundled example (with node_modules)
#   share/applications, share/icons, share/metainfo
# The binary looks for <exe dir>/../share/switchyard first and falls back to
# the build tree's paths (app/runtimePaths.cpp); SWITCHYARD_TOOLS_JS_DIR
# overrides both.
include(GNUInstallDirs)
# `cpack` and `cmake --install` package what `cmake --build` built; they do not
# build every test first (the preinstall target's dependency on all).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(SY_APP_ID "dev.switchyard.Switchyard")
set(SY_DATA_DIR "${CMAKE_INSTALL_DATADIR}/switchyard")

# libnode is private: the binary's RUNPATH is $ORIGIN/../lib/switchyard, where
# packaging/privateLibnode.cmake puts libnode.so.108 and the JS builtins it reads
# (so the .deb needs neither libnode108 nor Debian's nodejs, and installs beside
# NodeSource's). The build tree's RUNPATH (build/_libnode) is replaced on install.
# Both engine executables: the CLI and the dashboard it execs (app/dashboardLauncher.h).
foreach(_sy_exe switchyard switchyard-dashboard)
  install(PROGRAMS $<TARGET_FILE:${_sy_exe}> DESTINATION ${CMAKE_INSTALL_BINDIR}
    COMPONENT switchyard)
  install(CODE "
    set(_sy_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${_sy_exe}\")
    file(RPATH_SET FILE \"\${_sy_bin}\" NEW_RPATH \"\$ORIGIN/../lib/switchyard\")
    if(CMAKE_INSTALL_DO_STRIP)
      execute_process(COMMAND \"${CMAKE_STRIP}\" \"\${_sy_bin}\")
    endif()" COMPONENT switchyard)
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/privateLibnode.cmake)
# The dashboard starts the preview from its own folder (views/preview).
install(TARGETS switchyard-preview RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  COMPONENT switchyard)
install(PROGRAMS ${SWITCHYARD_TOOLS_JS_DIR}/node_modules/@esbuild/linux-x64/bin/esbuild
  DESTINATION ${SY_DATA_DIR}/tools/js/node_modules/@esbuild/linux-x64/bin COMPONENT switchyard)
install(FILES ${SWITCHYARD_TOOLS_JS_DIR}/node_modules/esbuild/LICENSE.md
  DESTINATION ${SY_DATA_DIR}/tools/js/node_modules/@esbuild/linux-x64 OPTIONAL
  COMPONENT switchyard)
# The tool host's CSS tools (engine/env/cssTool.js): PostCSS, postcss-load-config,
# lightningcss (its linux-x64 addon) and their dependencies; esbuild's JS API
# for the viteConfig tool (engine/env/viteConfigTool.js bundles vite.config.*).
foreach(_sy_pkg postcss nanoid picocolors source-map-js postcss-load-config lilconfig
        lightningcss lightningcss-linux-x64-gnu detect-libc esbuild)
  install(DIRECTORY ${SWITCHYARD_TOOLS_JS_DIR}/node_modules/${_sy_pkg}
    DESTINATION ${SY_DATA_DIR}/tools/js/node_modules COMPONENT switchyard)
endforeach()
set(_sy_hello "${PROJECT_SOURCE_DIR}/examples/hello")
# The rwsdk app with its Vitest files (tests/) and D1 migrations, vite.config.mts
# (read natively: rwsdk/vite, @cloudflare/vite-plugin and vite are not loaded),
# types, and of its npm install (~880 MB with the Vite/wrangler/vitest
# devDependencies and rwsdk's build-time dependencies) only the packages the
# engine reads to serve, crawl and test it (~24 MB): the ones `strace -f -e
# trace=%file` saw opened by `switchyard graph --env client|ssr|worker`, `switchyard
# test` and `switchyard serve` + GET / on a copy without .switchyard.
# tests/packaging (e2e_deb_package) runs the installed example's tests and page.
# `npm install` in the copy restores the rest (rwsdk's own dev server, wrangler).
set(SY_EXAMPLE_RUNTIME_PACKAGES
  react react-dom react-server-dom-webpack scheduler react-is rwsdk rsc-html-stream
  server-only kysely kysely-do eventsource-parser is-number)
install(DIRECTORY ${_sy_hello}/src ${_sy_hello}/public ${_sy_hello}/migrations ${_sy_hello}/types
  ${_sy_hello}/tests
  DESTINATION ${SY_DATA_DIR}/examples/hello COMPONENT switchyard)
foreach(_sy_pkg IN LISTS SY_EXAMPLE_RUNTIME_PACKAGES)
  install(DIRECTORY ${_sy_hello}/node_modules/${_sy_pkg}
    DESTINATION ${SY_DATA_DIR}/examples/hello/node_modules COMPONENT switchyard
    PATTERN ".cache" EXCLUDE PATTERN ".vite" EXCLUDE)
endforeach()
install(FILES ${_sy_hello}/wrangler.jsonc ${_sy_hello}/package.json ${_sy_hello}/package-lock.json
  ${_sy_hello}/tsconfig.json ${_sy_hello}/vite.config.mts ${_sy_hello}/worker-configuration.d.ts
  DESTINATION ${SY_DATA_DIR}/examples/hello COMPONENT switchyard)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/${SY_APP_ID}.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT switchyard)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/${SY_APP_ID}.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT switchyard)
install(FILES ${PROJECT_SOURCE_DIR}/resources/switchyard.svg
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT switchyard)

set(CPACK_PACKAGE_NAME "switchyard")
set(CPACK_PACKAGE_VENDOR "Switchyard")
set(CPACK_PACKAGE_CONTACT "Switchyard developers <dev@switchyard.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Dev engine and dashboard for React Server Components apps")
set(CPACK_PACKAGE_DESCRIPTION
  "Switchyard runs a React Server Components app on the Cloudflare Workers model (client, ssr and worker environments in one V8 isolate) and shows its module graphs, dependency optimizer and live loop.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY "switchyard")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_FILE_NAME "switchyard-${PROJECT_VERSION}-Linux-x86_64")
set(CPACK_STRIP_FILES ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
# The tarball unpacks to switchyard-<version>-Linux-x86_64/{bin,share}: run
# bin/switchyard from there (it finds ../share/switchyard).

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "amd64")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://switchyard.invalid/")
# Declared by hand: dpkg-shlibdeps would need the build tree's private libnode
# prefix. Versions are Debian 12's. No nodejs, libnode108 or node-* packages:
# libnode and its JS builtins are private (privateLibnode.cmake); its own
# libraries are listed instead (libuv1, libc-ares2, libnghttp2-14, libbrotli1,
# libicu72, libssl3, zlib1g). tests/packaging checks this list with dpkg and apt.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6 (>= 2.34), libstdc++6 (>= 12), libgcc-s1 (>= 3.4), libqt6core6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6widgets6 (>= 6.4), libqt6network6 (>= 6.4), libqt6svg6 (>= 6.4), qt6-qpa-plugins, libsqlite3-0 (>= 3.40), libuv1 (>= 1.44.1), libc-ares2 (>= 1.18.1), libnghttp2-14 (>= 1.41.0), libbrotli1 (>= 1.0.0), libicu72 (>= 72.1), libssl3 (>= 3.0.0), zlib1g (>= 1:1.1.4), libcgraph6, libgvc6, libqt6webenginewidgets6 (>= 6.4), libqt6webenginecore6 (>= 6.4), libqt6webenginecore6-bin (>= 6.4)")
# Qt's own translations (qtbase_de.qm, qtbase_ja.qm: the standard buttons and
# dialogs), loaded beside ours (app/guiMain.cpp installTranslations).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, chromium | www-browser")
# Per generator: the .deb installs with DESTDIR into /usr (packaging/cpackProjectConfig.cmake).
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpackProjectConfig.cmake")

include(CPack)
