# A private libnode for the installed switchyard (included by packaging.cmake).
#
# Installs, under <prefix>/lib/switchyard (the binary's RUNPATH is
# $ORIGIN/../lib/switchyard):
#   libnode.so.108          Debian's libnode (Node 18.20, V8 10.2), the one the build linked
#   nodejs/{cjs-lexer.js, cjs-lexer-dist.js, undici.js, acorn.js, acorn-walk.js}
#                           the builtins Debian's libnode reads from /usr/share/nodejs
#                           (node-cjs-module-lexer, node-undici, node-acorn), with their
#                           copyright files
# and rewrites libnode's compiled-in /usr/share/nodejs/... paths to those files
# (packaging/relocateLibnode.cpp), so nothing of Debian's nodejs stack
# (libnode108, node-*, nodejs) is needed: Debian's libnode108 conflicts with
# NodeSource's nodejs ("Conflicts: nodejs-legacy"), and node-acorn depends on
# nodejs. libnode's own libraries (libuv1, libc-ares2, libnghttp2-14, libbrotli1,
# libicu72, libssl3, zlib1g) are plain Debian libraries the .deb depends on.
#
# The rewritten paths are absolute: they are made for the install prefix the
# install runs with (/usr in the .deb). A prefix too long for libnode's strings,
# or the relocatable .tar.gz (cpackProjectConfig.cmake sets SY_INSTALL_RELOCATABLE), keeps Debian's paths: there libnode
# needs node-undici, node-acorn and node-cjs-module-lexer installed.

add_executable(sy_relocate_libnode ${CMAKE_CURRENT_LIST_DIR}/relocateLibnode.cpp)
set_target_properties(sy_relocate_libnode PROPERTIES AUTOMOC OFF)

get_filename_component(_sy_libnode_real "${Libnode_LIBRARY}" REALPATH)
set(SY_PRIVATE_LIB_DIR "lib/switchyard")

# Debian's paths (compiled into libnode.so.108) -> the file names under nodejs/.
set(_sy_builtins
  "/usr/share/nodejs/cjs-module-lexer/lexer.js=cjs-lexer.js"
  "/usr/share/nodejs/cjs-module-lexer/dist/lexer.js=cjs-lexer-dist.js"
  "/usr/share/nodejs/undici/undici-fetch.js=undici.js"
  "/usr/share/nodejs/acorn/dist/acorn.js=acorn.js"
  "/usr/share/nodejs/acorn-walk/dist/walk.js=acorn-walk.js")
foreach(_sy_pair IN LISTS _sy_builtins)
  string(REPLACE "=" ";" _sy_parts "${_sy_pair}")
  list(GET _sy_parts 0 _sy_from)
  list(GET _sy_parts 1 _sy_name)
  install(FILES "${_sy_from}" RENAME "${_sy_name}"
    DESTINATION ${SY_PRIVATE_LIB_DIR}/nodejs COMPONENT switchyard)
endforeach()
foreach(_sy_pkg node-cjs-module-lexer node-undici node-acorn)
  install(FILES /usr/share/doc/${_sy_pkg}/copyright RENAME ${_sy_pkg}.copyright
    DESTINATION ${SY_PRIVATE_LIB_DIR}/nodejs COMPONENT switchyard)
endforeach()

install(CODE "
  set(_sy_runtime_dir \"\${CMAKE_INSTALL_PREFIX}/${SY_PRIVATE_LIB_DIR}\")
  set(_sy_lib \"\$ENV{DESTDIR}\${_sy_runtime_dir}/libnode.so.108\")
  file(MAKE_DIRECTORY \"\$ENV{DESTDIR}\${_sy_runtime_dir}\")
  set(_sy_pairs)
  set(_sy_fits ON)
  foreach(_sy_pair ${_sy_builtins})
    string(REPLACE \"=\" \";\" _sy_parts \"\${_sy_pair}\")
    list(GET _sy_parts 0 _sy_from)
    list(GET _sy_parts 1 _sy_name)
    set(_sy_to \"\${_sy_runtime_dir}/nodejs/\${_sy_name}\")
    string(LENGTH \"\${_sy_from}\" _sy_from_len)
    string(LENGTH \"\${_sy_to}\" _sy_to_len)
    if(_sy_to_len GREATER _sy_from_len OR \"\$ENV{SY_INSTALL_RELOCATABLE}\")
      set(_sy_fits OFF)
    endif()
    list(APPEND _sy_pairs \"\${_sy_from}=\${_sy_to}\")
  endforeach()
  if(_sy_fits)
    message(STATUS \"Installing: \${_sy_lib} (builtins read from \${_sy_runtime_dir}/nodejs)\")
    execute_process(COMMAND \"$<TARGET_FILE:sy_relocate_libnode>\" \"${_sy_libnode_real}\"
      \"\${_sy_lib}\" \${_sy_pairs} RESULT_VARIABLE _sy_rc)
    if(NOT _sy_rc EQUAL 0)
      message(FATAL_ERROR \"sy_relocate_libnode failed for ${_sy_libnode_real}\")
    endif()
  else()
    message(STATUS \"Installing: \${_sy_lib} (prefix \${CMAKE_INSTALL_PREFIX}: builtins stay in /usr/share/nodejs)\")
    file(COPY_FILE \"${_sy_libnode_real}\" \"\${_sy_lib}\")
  endif()
  file(CHMOD \"\${_sy_lib}\" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)" COMPONENT switchyard)
