# SPDX-License-Identifier: GPL-2.0-or-later
#
# Locate Wireshark's development files for building an epan plugin.
# Prefers Wireshark's CMake package (Debian: wireshark-dev); falls back to pkg-config
# "wireshark" (Debian: libwireshark-dev alone, which ships no CMake package).
#
# Sets:
#   TCPREUSE_WS_LIBRARY            what to link: the imported target `epan` or PkgConfig::WIRESHARK
#   TCPREUSE_WS_VERSION            e.g. 4.0.17
#   TCPREUSE_WS_MAJOR_MINOR        e.g. 4.0: a plugin loads only into the major.minor it was built for
#   TCPREUSE_WS_GLOBAL_PLUGIN_DIR  the global plugin folder of that version (without /epan)
#   TCPREUSE_WS_GLOBAL_DATA_DIR    Wireshark's data folder (its global profiles are in profiles/)

find_package(Wireshark CONFIG QUIET)
if(Wireshark_FOUND)
  set(TCPREUSE_WS_LIBRARY epan)
  set(TCPREUSE_WS_VERSION "${Wireshark_VERSION}")
  set(TCPREUSE_WS_MAJOR_MINOR "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")
  set(TCPREUSE_WS_GLOBAL_PLUGIN_DIR "${Wireshark_PLUGIN_INSTALL_DIR}")
  set(_tcpreuse_ws_prefix "${Wireshark_INSTALL_PREFIX}")
  set(_tcpreuse_ws_how "CMake package in ${Wireshark_DIR}")
  if(NOT Wireshark_PLUGINS_ENABLED)
    message(WARNING "This Wireshark was built without plugin support: tcpreuse.so will not load")
  endif()
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(WIRESHARK REQUIRED IMPORTED_TARGET wireshark)
  set(TCPREUSE_WS_LIBRARY PkgConfig::WIRESHARK)
  set(TCPREUSE_WS_VERSION "${WIRESHARK_VERSION}")
  string(REGEX MATCH "^[0-9]+\\.[0-9]+" TCPREUSE_WS_MAJOR_MINOR "${WIRESHARK_VERSION}")
  pkg_get_variable(TCPREUSE_WS_GLOBAL_PLUGIN_DIR wireshark plugindir)
  pkg_get_variable(_tcpreuse_ws_prefix wireshark prefix)
  set(_tcpreuse_ws_how "pkg-config")
endif()

# Neither the CMake package nor wireshark.pc names the data folder: on Unix it is
# <prefix>/share/wireshark (`tshark -G folders`: "Global configuration").
set(TCPREUSE_WS_GLOBAL_DATA_DIR "${_tcpreuse_ws_prefix}/share/wireshark" CACHE PATH
    "Wireshark's data folder; the global profile goes to its profiles/ folder")

if(NOT TCPREUSE_WS_MAJOR_MINOR)
  message(FATAL_ERROR "Could not tell the Wireshark version (found through ${_tcpreuse_ws_how})")
endif()
message(STATUS "Wireshark ${TCPREUSE_WS_VERSION} (${_tcpreuse_ws_how}); "
               "global plugin folder ${TCPREUSE_WS_GLOBAL_PLUGIN_DIR}; "
               "data folder ${TCPREUSE_WS_GLOBAL_DATA_DIR}")
