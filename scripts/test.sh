#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build tcpreuse and run the whole test suite (unit tests and tshark integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
# Configured once; the build re-runs CMake itself when a CMakeLists.txt changes.
[ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
