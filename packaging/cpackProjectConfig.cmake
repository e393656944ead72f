# CPACK_PROJECT_CONFIG_FILE: per-generator settings, read by cpack for each generator.
if(CPACK_GENERATOR STREQUAL "DEB")
  # The .deb installs with DESTDIR and its real prefix (/usr), so the private
  # libnode's builtin paths are made for /usr/lib/switchyard (privateLibnode.cmake).
  set(CPACK_SET_DESTDIR ON)
  set(CPACK_INSTALL_PREFIX "/usr")
  set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
else()
  # A relocatable archive: libnode keeps Debian's builtin paths.
  set(ENV{SY_INSTALL_RELOCATABLE} 1)
endif()
