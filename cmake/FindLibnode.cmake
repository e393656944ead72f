# FindLibnode: V8 and node's embedder API from Debian's libnode (Node 18, V8 10.2).
#
# Input:  LIBNODE_ROOT (a prefix holding include/node and lib/<triplet>/libnode.so.108),
#         default /usr.
# Output: imported target Libnode::Libnode, Libnode_V8_VERSION.
#
# Refuses V8 headers that do not match the library (toolchain.md, trap 2:
# NodeSource ships V8 11.3 headers in /usr/include/node with no library;
# compiling against them and linking libnode's V8 10.2 gives a silent ABI
# mismatch).
set(LIBNODE_ROOT "/usr" CACHE PATH "Prefix of Debian's libnode-dev (usr/ of an unpacked .deb)")

find_path(Libnode_INCLUDE_DIR v8-version.h
  PATHS "${LIBNODE_ROOT}/include/node" NO_DEFAULT_PATH)
find_library(Libnode_LIBRARY NAMES node libnode.so.108
  PATHS "${LIBNODE_ROOT}/lib/x86_64-linux-gnu" "${LIBNODE_ROOT}/lib" NO_DEFAULT_PATH)

if(Libnode_INCLUDE_DIR)
  file(STRINGS "${Libnode_INCLUDE_DIR}/v8-version.h" _v8_lines
       REGEX "#define V8_(MAJOR|MINOR)_VERSION")
  string(REGEX REPLACE ".*V8_MAJOR_VERSION ([0-9]+).*" "\\1" _v8_major "${_v8_lines}")
  string(REGEX REPLACE ".*V8_MINOR_VERSION ([0-9]+).*" "\\1" _v8_minor "${_v8_lines}")
  set(Libnode_V8_VERSION "${_v8_major}.${_v8_minor}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libnode
  REQUIRED_VARS Libnode_LIBRARY Libnode_INCLUDE_DIR Libnode_V8_VERSION)

if(Libnode_FOUND)
  # libnode.so.108 is Node 18 and embeds V8 10.2: the headers must say the same.
  get_filename_component(_libname "${Libnode_LIBRARY}" NAME)
  if(NOT Libnode_V8_VERSION VERSION_EQUAL "10.2")
    message(FATAL_ERROR "FindLibnode: ${Libnode_INCLUDE_DIR}/v8-version.h is V8 ${Libnode_V8_VERSION}, "
      "but ${_libname} (Node 18) embeds V8 10.2. These are not libnode-dev's headers "
      "(NodeSource's /usr/include/node?). Set LIBNODE_ROOT to libnode-dev's prefix; scripts/setup.sh does.")
  endif()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(LIBUV REQUIRED IMPORTED_TARGET libuv)
  if(NOT TARGET Libnode::Libnode)
    add_library(Libnode::Libnode SHARED IMPORTED)
    set_target_properties(Libnode::Libnode PROPERTIES
      IMPORTED_LOCATION "${Libnode_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${Libnode_INCLUDE_DIR}"
      INTERFACE_LINK_LIBRARIES PkgConfig::LIBUV)
  endif()
endif()
mark_as_advanced(Libnode_INCLUDE_DIR Libnode_LIBRARY)
