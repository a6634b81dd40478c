#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What tcpreuse costs tshark: times `tshark -r` and `tshark -r -Y tcp.analysis.flags` on a
# capture without and with the plugin, best of N runs each, and prints the ratios.
#
# usage: tests/bench/extract_ratio.sh <pcap> [tcpreuse.so] [runs]
#   tcpreuse.so  default: build/plugin/epan/tcpreuse.so of this source tree
#   runs         default: 5
#
# Both sides run through scripts/tshark_env.sh (as nobody when started as root, each with a
# temporary HOME); only the "with" HOME holds the plugin, everything else is identical.
set -eu

usage() { echo "usage: $0 <pcap> [tcpreuse.so] [runs]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage
pcap=$1
plugin=${2:-$(dirname "$0")/../../build/plugin/epan/tcpreuse.so}
runs=${3:-5}
[ -r "$pcap" ] || { echo "$0: cannot read $pcap" >&2; exit 1; }
[ -r "$plugin" ] || { echo "$0: no plugin at $plugin (build first, or pass its path)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "$0: tshark not found" >&2; exit 1; }

. "$(dirname "$0")/../../scripts/tshark_env.sh"
tshark_env_setup "$(command -v tshark)" "$plugin" || exit 1
capture=$(tshark_env_add "$pcap")
tshark_run -G plugins | grep -q 'tcpreuse\.so' ||
    { echo "$0: tshark did not load $plugin (built for another Wireshark?)" >&2; exit 1; }

now_ns() { date +%s%N; }

elapsed_s() { # elapsed_s <tshark_run|tshark_run_plain> <tshark args...>: wall time of one run, in ns
    run=$1; shift
    start=$(now_ns)
    "$run" -r "$capture" "$@" >/dev/null 2>&1
    echo $(( $(now_ns) - start ))
}

compare() { # compare <label> <tshark args...>: best of $runs each way, runs interleaved so
            # that a change in machine load hits both sides alike
    label=$1; shift
    best_without=; best_with=
    i=0
    while [ "$i" -lt "$runs" ]; do
        t=$(elapsed_s tshark_run_plain "$@")
        if [ -z "$best_without" ] || [ "$t" -lt "$best_without" ]; then best_without=$t; fi
        t=$(elapsed_s tshark_run "$@")
        if [ -z "$best_with" ] || [ "$t" -lt "$best_with" ]; then best_with=$t; fi
        i=$((i + 1))
    done
    awk -v l="$label" -v a="$best_without" -v b="$best_with" \
        'BEGIN { printf "%-40s %9.3fs %9.3fs %6.2fx\n", l, a / 1e9, b / 1e9, b / a }'
}

frames=$(tshark_run_plain -r "$capture" -T fields -e frame.number 2>/dev/null | wc -l)
echo "capture: $pcap ($frames frames), $(tshark -v 2>/dev/null | head -n 1 | cut -c1-40), best of $runs runs"
printf '%-40s %10s %10s %7s\n' "command" "without" "with" "ratio"
compare "tshark -r"
compare "tshark -r -Y tcp.analysis.flags" -Y tcp.analysis.flags
