# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the tests of tcpreuse-scan as a command (check_cli.sh, check_live_filter.sh,
# check_shard.sh): their command line, a temporary folder, the checks and failures counted, a
# scanner run held to its exit status, and the verdict at the end.
# shellcheck shell=bash disable=SC2154,SC2034 # scan is set, python used, by the sourcing script

# scan_test_setup NAME "ARGUMENTS" COUNT "$@": exits 2 with the usage unless there are COUNT
# arguments; sets python (PYTHON3, default python3, isolated), tmp (a temporary folder, removed
# at exit), checks and failures.
scan_test_setup() {
    local name=$1 usage=$2 count=$3
    shift 3
    [ $# -eq "$count" ] || { echo "usage: $0 $usage" >&2; exit 2; }
    python=("${PYTHON3:-python3}" -I -S -B)
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcpreuse-scan-$name.XXXXXX") || exit 1
    trap 'rm -rf "$tmp"' EXIT
    failures=0 checks=0
}

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect_status WANT NAME ARGS...: runs the scanner, output in $tmp/NAME.out and .err.
expect_status() {
    local want=$1 name=$2 rc
    shift 2
    "$scan" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq "$want" ] || fail "$name: exit status $rc, wanted $want: $(head -c 300 "$tmp/$name.err")"
}

# scan_test_end WHAT: exit status 1 with the number of failures, else PASS and the checks of WHAT.
scan_test_end() {
    if [ "$failures" -gt 0 ]; then
        echo "FAIL: $failures of $checks checks"
        exit 1
    fi
    echo "PASS: $checks checks of $1"
}
