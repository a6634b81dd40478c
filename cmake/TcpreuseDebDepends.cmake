# SPDX-License-Identifier: GPL-2.0-or-later
#
# Which Debian package holds the libwireshark this build links (libwireshark16 for 4.0,
# libwireshark18 for 4.4, ...), and the Depends of tcpreuse-wireshark on it: the SONAME of
# the library names the package (dpkg, when it knows the file, says so directly), and the
# version range is the Wireshark major.minor the plugin is built for.
# Included from plugin/epan after TcpreuseWireshark.cmake, where the imported target `epan`
# or WIRESHARK_LINK_LIBRARIES are visible. Sets TCPREUSE_DEB_DEPENDS (cache, internal).

# The libwireshark shared library this build links.
set(_tcpreuse_libws "")
if(TARGET epan)
  foreach(_prop IMPORTED_LOCATION IMPORTED_LOCATION_NONE IMPORTED_LOCATION_RELEASE
                IMPORTED_LOCATION_RELWITHDEBINFO IMPORTED_LOCATION_NOCONFIG)
    get_target_property(_loc epan ${_prop})
    if(_loc AND NOT _tcpreuse_libws)
      set(_tcpreuse_libws "${_loc}")
    endif()
  endforeach()
else()
  foreach(_lib IN LISTS WIRESHARK_LINK_LIBRARIES)
    if(_lib MATCHES "/libwireshark\\.so")
      set(_tcpreuse_libws "${_lib}")
    endif()
  endforeach()
endif()

# Its SONAME (libwireshark.so.16) names the Debian library package (libwireshark16);
# dpkg, when it knows the file, says so directly.
set(TCPREUSE_DEB_LIBWIRESHARK "")
if(_tcpreuse_libws)
  get_filename_component(_tcpreuse_libws "${_tcpreuse_libws}" REALPATH)
  find_program(TCPREUSE_READELF NAMES readelf ${CMAKE_READELF})
  if(TCPREUSE_READELF)
    execute_process(COMMAND ${TCPREUSE_READELF} -d "${_tcpreuse_libws}"
                    OUTPUT_VARIABLE _dyn ERROR_QUIET)
    if(_dyn MATCHES "SONAME[^[]*\\[libwireshark\\.so\\.([0-9]+)\\]")
      set(TCPREUSE_DEB_LIBWIRESHARK "libwireshark${CMAKE_MATCH_1}")
    endif()
  endif()
  find_program(TCPREUSE_DPKG_QUERY dpkg-query)
  if(TCPREUSE_DPKG_QUERY)
    execute_process(COMMAND ${TCPREUSE_DPKG_QUERY} -S "${_tcpreuse_libws}"
                    OUTPUT_VARIABLE _owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(_owner MATCHES "^(libwireshark[0-9]+)(:[a-z0-9]+)?: ")
      if(TCPREUSE_DEB_LIBWIRESHARK AND NOT TCPREUSE_DEB_LIBWIRESHARK STREQUAL CMAKE_MATCH_1)
        message(WARNING "SONAME says ${TCPREUSE_DEB_LIBWIRESHARK}, dpkg says ${CMAKE_MATCH_1}: using dpkg's")
      endif()
      set(TCPREUSE_DEB_LIBWIRESHARK "${CMAKE_MATCH_1}")
    endif()
  endif()
endif()

if(NOT TCPREUSE_DEB_LIBWIRESHARK)
  message(STATUS "Package: cannot tell the libwireshark package from '${_tcpreuse_libws}': "
                 "the .deb will not depend on it")
  set(_tcpreuse_depends "")
else()
  # Any release of this major.minor, no other: 4.0.0 <= version < 4.1~.
  string(REPLACE "." ";" _mm "${TCPREUSE_WS_MAJOR_MINOR}")
  list(GET _mm 0 _major)
  list(GET _mm 1 _minor)
  math(EXPR _next "${_minor} + 1")
  set(_tcpreuse_depends
      "${TCPREUSE_DEB_LIBWIRESHARK} (>= ${_major}.${_minor}.0), ${TCPREUSE_DEB_LIBWIRESHARK} (<< ${_major}.${_next}~)")
  message(STATUS "Package: depends on ${_tcpreuse_depends}")
endif()
set(TCPREUSE_DEB_DEPENDS "${_tcpreuse_depends}" CACHE INTERNAL "Depends of the .deb on libwireshark")

