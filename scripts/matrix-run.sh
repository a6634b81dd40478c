#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What the version matrix runs for one Wireshark version, on the host or inside a chroot
# (scripts/version-matrix.sh): the package check (scripts/package-check.sh: build the .deb,
# install it, tshark as root, purge it; first, as it is quick), the whole test suite
# (scripts/test.sh) and an explicit check that tshark loads the built plugin (tshark -G plugins
# lists tcpreuse.so).
# As root. Its last line is "matrix-run: passed <version>" or "matrix-run: FAILED <stage>".
# Exit: 0 passed, 10 the suite failed, 11 the plugin did not load, 12 the package check failed.
set -uo pipefail
cd "$(dirname "$0")/.."
version=$(pkg-config --modversion wireshark 2>/dev/null || echo unknown)
say() { printf 'matrix-run: %s\n' "$*"; }
stage() { SECONDS=0; say "== $1 (Wireshark $version)"; }
took() { say "   $1 took ${SECONDS} s"; }

stage "package: scripts/package-check.sh"
if ! bash scripts/package-check.sh; then say "FAILED package"; exit 12; fi
took package

stage "suite: scripts/test.sh"
if ! bash scripts/test.sh; then say "FAILED suite"; exit 10; fi
took suite

stage "plugin load: tshark -G plugins"
build=${BUILD_DIR:-build}
loads=$(
    . scripts/tshark_env.sh
    tshark_env_setup "$(command -v tshark)" "$build/plugin/epan/tcpreuse.so" || exit 1
    tshark_run -G plugins 2>/dev/null | grep -P '^tcpreuse\.so\s*\t'
) || true
if [ -z "$loads" ]; then say "FAILED plugin load: tshark -G plugins does not list tcpreuse.so"; exit 11; fi
say "   $(printf '%s' "$loads" | tr '\t' ' ' | tr -s ' ')"

say "passed $version"
