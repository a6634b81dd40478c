# SPDX-License-Identifier: GPL-2.0-or-later
# The training run of TcpreusePgo.cmake: the instrumented scanner reads each capture (its
# findings are not wanted, only the profile its exit writes).
# cmake -DSCAN=<tcpreuse-scan> -DCAPTURES=<a;b;...> -P pgo_train.cmake
foreach(capture IN LISTS CAPTURES)
  execute_process(COMMAND "${SCAN}" -r "${capture}" --summary
                  OUTPUT_QUIET ERROR_QUIET RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "training run failed (${status}): ${SCAN} -r ${capture}")
  endif()
endforeach()
