#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The statistics tree (tshark -2 -q -z tcpreuse,tree) over one capture: every row named in
# the expectation file must show that count ("<topic> = <count>", the topic as printed,
# without its indentation).
# usage: check_stats.sh TSHARK PLUGIN CAPTURE EXPECT [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 4 ] || { echo "usage: $0 TSHARK PLUGIN CAPTURE EXPECT [MAJOR.MINOR]" >&2; exit 2; }
tshark_env_setup "$1" "$2" "${5:-}" || exit 1
capture=$(tshark_env_add "$3") || exit 1
table="$TSHARK_TMP/stats.txt"
tshark_run -2 -q -r "$capture" -z tcpreuse,tree >"$table" 2>"$TSHARK_TMP/stats.err" ||
    { echo "FAIL: tshark -z tcpreuse,tree: $(head -c 400 "$TSHARK_TMP/stats.err")"; exit 1; }
failures=0 checks=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in '' | '#'*) continue ;; esac
    topic=${line% = *}
    want=${line##* = }
    # a row: the topic, then two or more spaces, then the count
    got=$(awk -v t="$topic" '{ s = $0; sub(/^ +/, "", s) }
        index(s, t "  ") == 1 { rest = substr(s, length(t) + 1); split(rest, f, " "); print f[1]; exit }' "$table")
    checks=$((checks + 1))
    if [ "$got" != "$want" ]; then
        echo "FAIL: $(basename "$4"): '$topic': expected $want, got '${got:-no such row}'"
        failures=$((failures + 1))
    fi
done <"$4"
[ $checks -gt 0 ] || { echo "FAIL: no checks in $4"; exit 1; }
if [ $failures -ne 0 ]; then
    echo "--- the table:"
    cat "$table"
    exit 1
fi
echo "ok: $checks rows of tshark -z tcpreuse,tree"
