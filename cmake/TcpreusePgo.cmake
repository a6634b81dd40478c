# SPDX-License-Identifier: GPL-2.0-or-later
# Profile-guided optimisation of the engine, the frame walker and the scanner (issue 10).
#
# Why: in tshark, Wireshark runs some 57,000 instructions between two frames of the plugin, so
# none of the plugin's code is in the first-level instruction cache when a frame comes: each
# code line a frame runs is fetched again, and costs about as much as 15 instructions. How
# many lines that is depends on how the compiler lays the code out: the usual segment's path
# in consecutive lines, or interleaved with the code of SYNs, RSTs and errors. A profile tells
# GCC which is which. Cachegrind, tshark's filtered run over 100,000 generated busy-NAT frames
# (not a training capture): the plugin's first-level instruction misses a frame 113 -> 94.
#
# How: a training build of the same sources (in <build>/pgo/build), instrumented
# (-fprofile-generate), whose tcpreuse-scan reads the bundled captures (the lab's real Linux
# captures, busy NAT first, and the scenario captures); the profile it leaves in
# <build>/pgo/profile then lays out the engine, walker, report and scanner code of this build.
# The plugin's Wireshark glue is not trained (the scanner does not run it) and is built as
# usual. GCC only (-fprofile-prefix-path: GCC 11 on); off with -DTCPREUSE_PGO=OFF, and when the
# scanner is not built (it is the training run).

option(TCPREUSE_PGO "Lay out the engine and the walker by a profile of the scanner over the bundled captures (GCC)" ON)
if(NOT TCPREUSE_PGO OR TCPREUSE_FUZZ OR NOT TCPREUSE_BUILD_SCAN OR NOT CMAKE_C_COMPILER_ID STREQUAL "GNU"
   OR CMAKE_C_COMPILER_VERSION VERSION_LESS 11
   OR NOT CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$")
  set(TCPREUSE_PGO OFF)
  return()
endif()

set(pgo_build "${CMAKE_BINARY_DIR}/pgo/build")
set(pgo_profile "${CMAKE_BINARY_DIR}/pgo/profile")
set(pgo_stamp "${CMAKE_BINARY_DIR}/pgo/trained.stamp")
# A build of its own, which make's job server does not reach from a custom command.
cmake_host_system_information(RESULT pgo_jobs QUERY NUMBER_OF_LOGICAL_CORES)

# The training run reads what is bundled: real captures of the problem, not the benchmarks'.
file(GLOB pgo_captures CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/captures/lab/*.pcap.gz" "${PROJECT_SOURCE_DIR}/captures/lab/*.pcap"
  "${PROJECT_SOURCE_DIR}/captures/*.pcap")
# Retrained when any code the scanner runs changes.
file(GLOB_RECURSE pgo_sources CONFIGURE_DEPENDS
  "${PROJECT_SOURCE_DIR}/plugin/engine/*" "${PROJECT_SOURCE_DIR}/plugin/wire/*"
  "${PROJECT_SOURCE_DIR}/plugin/report/*" "${PROJECT_SOURCE_DIR}/plugin/wtap/*"
  "${PROJECT_SOURCE_DIR}/scan/*" "${PROJECT_SOURCE_DIR}/include/*")

add_custom_command(OUTPUT "${pgo_stamp}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${pgo_profile}"
  COMMAND "${CMAKE_COMMAND}" -S "${PROJECT_SOURCE_DIR}" -B "${pgo_build}" -G "${CMAKE_GENERATOR}"
          "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}" "-DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}"
          -DTCPREUSE_PGO=OFF -DTCPREUSE_BUILD_PLUGIN=OFF -DTCPREUSE_BUILD_TESTS=OFF
          "-DCMAKE_C_FLAGS=-fprofile-generate=${pgo_profile} -fprofile-prefix-path=${pgo_build} -fprofile-update=prefer-atomic"
  COMMAND "${CMAKE_COMMAND}" -E env --unset=MAKEFLAGS
          "${CMAKE_COMMAND}" --build "${pgo_build}" --target tcpreuse-scan --parallel ${pgo_jobs}
  COMMAND "${CMAKE_COMMAND}" "-DSCAN=${pgo_build}/scan/tcpreuse-scan" "-DCAPTURES=${pgo_captures}"
          -P "${PROJECT_SOURCE_DIR}/cmake/pgo_train.cmake"
  COMMAND "${CMAKE_COMMAND}" -E touch "${pgo_stamp}"
  DEPENDS ${pgo_sources} ${pgo_captures} "${PROJECT_SOURCE_DIR}/cmake/pgo_train.cmake"
  COMMENT "Training build: tcpreuse-scan over the bundled captures, for the profile that lays out the engine"
  VERBATIM)
add_custom_target(tcpreuse_pgo_profile DEPENDS "${pgo_stamp}")

# A file the training did not run (the glue, a test) is built as without a profile.
set(pgo_use -fprofile-use=${pgo_profile} -fprofile-prefix-path=${CMAKE_BINARY_DIR} -fprofile-partial-training
    -Wno-missing-profile)
foreach(target tcpreuse_engine tcpreuse_wire tcpreuse_report tcpreuse-scan)
  target_compile_options(${target} PRIVATE ${pgo_use})
  add_dependencies(${target} tcpreuse_pgo_profile)
endforeach()
