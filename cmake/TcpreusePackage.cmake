# SPDX-License-Identifier: GPL-2.0-or-later
#
# The Debian package tcpreuse-wireshark, made by CPack from the global install:
#
#   cmake -S . -B build-deb -DTCPREUSE_INSTALL_GLOBAL=ON -DTCPREUSE_BUILD_TESTS=OFF
#   cmake --build build-deb --target package        # build-deb/tcpreuse-wireshark_*.deb
#
# A plugin loads only into the Wireshark major.minor it was built for and links the
# libwireshark ABI of that build, so the package depends on exactly that library package
# (libwireshark16 for 4.0, libwireshark18 for 4.4, ...), read from the SONAME of the
# libwireshark the build links, and on its version range major.minor.
# Included from the top CMakeLists.txt; TcpreuseDebDepends.cmake (plugin/epan) computes the
# dependency.

set(TCPREUSE_DEB_NAME tcpreuse-wireshark)

if(TCPREUSE_INSTALL_GLOBAL)
  set(_doc "share/doc/${TCPREUSE_DEB_NAME}")
  install(FILES
    "${PROJECT_SOURCE_DIR}/README.md"
    "${PROJECT_SOURCE_DIR}/doc/rules.md"
    "${PROJECT_SOURCE_DIR}/packaging/tcpreuse.colorfilters"
    "${PROJECT_SOURCE_DIR}/packaging/copyright"
    DESTINATION "${_doc}")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${TCPREUSE_DEB_NAME})
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin: why TCP connections fail when socket pairs are reused")
# CPack puts the summary first and indents the rest (an empty line becomes " .").
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"tcpreuse is a post-dissector that keeps, for every TCP socket pair, the history
of its earlier sessions, and says for every frame what happened and why: SYNs
meeting TIME_WAIT (and whether PAWS or sequence numbers reject them), stale ACKs,
the RSTs they provoke, timestamp clocks behind NATs and port pools too small.
tcpreuse-scan runs the same analysis over capture files too big for Wireshark,
without its dissection, and says where to look.

Built for Wireshark ${TCPREUSE_WS_MAJOR_MINOR}: a plugin loads only into the Wireshark
major.minor it was built for.")
if(NOT CPACK_PACKAGE_CONTACT)
  set(CPACK_PACKAGE_CONTACT "tcpreuse maintainers")
endif()
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# 0.1.0-1+ws4.0: the Wireshark line is part of the version and the file name.
set(CPACK_DEBIAN_PACKAGE_RELEASE "1+ws${TCPREUSE_WS_MAJOR_MINOR}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${TCPREUSE_DEB_DEPENDS}")
set(CPACK_DEBIAN_PACKAGE_ENHANCES "wireshark, tshark")
# libc6, libglib2.0-0 (libglib2.0-0t64 on trixie), ... as dpkg-shlibdeps finds them; CPack
# needs `file` for that too.
find_program(TCPREUSE_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(TCPREUSE_FILE file)
if(TCPREUSE_DPKG_SHLIBDEPS AND TCPREUSE_FILE)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(STATUS "Package: no dpkg-shlibdeps or no file(1): the .deb depends on libwireshark only "
                 "(apt-get install dpkg-dev file)")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}")
set(CPACK_OUTPUT_CONFIG_FILE "${PROJECT_BINARY_DIR}/CPackConfig.cmake")
set(CPACK_SOURCE_OUTPUT_CONFIG_FILE "${PROJECT_BINARY_DIR}/CPackSourceConfig.cmake")
include(CPack)
