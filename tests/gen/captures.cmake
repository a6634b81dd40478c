# SPDX-License-Identifier: GPL-2.0-or-later
# Writes every scenario's capture into OUT_DIR with GENERATOR. With COMPARE_WITH, also
# checks that each file is byte-for-byte the one in COMPARE_WITH, and that COMPARE_WITH
# holds no other capture. Usage:
#   cmake -DGENERATOR=<tcpreuse-pcapgen> -DOUT_DIR=<dir> [-DCOMPARE_WITH=<dir>] -P captures.cmake
cmake_minimum_required(VERSION 3.16)

file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(COMMAND ${GENERATOR} list OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "${GENERATOR} list failed (${rc})")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${listing}")

execute_process(COMMAND ${GENERATOR} all ${OUT_DIR} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "${GENERATOR} all ${OUT_DIR} failed (${rc})")
endif()

set(differ "")
set(names "")
foreach(line IN LISTS lines)
  string(REGEX MATCH "^[^ ]+" name "${line}")
  list(APPEND names ${name})
  if(DEFINED COMPARE_WITH)
    # Compared in this process (no tool started per file).
    file(SHA256 ${OUT_DIR}/${name}.pcap made)
    set(committed "")
    if(EXISTS ${COMPARE_WITH}/${name}.pcap)
      file(SHA256 ${COMPARE_WITH}/${name}.pcap committed)
    endif()
    if(NOT made STREQUAL committed)
      list(APPEND differ ${name})
    endif()
  endif()
endforeach()

if(DEFINED COMPARE_WITH)
  file(GLOB committed RELATIVE ${COMPARE_WITH} ${COMPARE_WITH}/*.pcap)
  foreach(file IN LISTS committed)
    string(REGEX REPLACE "\\.pcap$" "" name "${file}")
    if(NOT name IN_LIST names)
      list(APPEND differ "${name} (no such scenario)")
    endif()
  endforeach()
  list(LENGTH names count)
  if(differ)
    message(FATAL_ERROR "captures that differ from the generator's output: ${differ}")
  endif()
  message(STATUS "${count} captures reproduced byte for byte")
endif()
