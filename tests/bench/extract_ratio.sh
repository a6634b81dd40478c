#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What tcpreuse costs tshark: times `tshark -r` and `tshark -r -Y tcp.analysis.flags` on a
# capture without and with the plugin, best of N runs each, and prints the ratios.
#
# usage: tests/bench/extract_ratio.sh <pcap> [tcpreuse.so] [runs]
#   tcpreuse.so  default: build/plugin/epan/tcpreuse.so of this source tree
#   runs         default: 5
#
# tshark ignores personal plugin folders when run as root, so both sides run as an
# unprivileged user (nobody, when started as root) with a temporary HOME; only the "with"
# HOME holds the plugin, everything else is identical.
set -eu

usage() { echo "usage: $0 <pcap> [tcpreuse.so] [runs]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage
pcap=$1
plugin=${2:-$(dirname "$0")/../../build/plugin/epan/tcpreuse.so}
runs=${3:-5}
[ -r "$pcap" ] || { echo "$0: cannot read $pcap" >&2; exit 1; }
[ -r "$plugin" ] || { echo "$0: no plugin at $plugin (build first, or pass its path)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "$0: tshark not found" >&2; exit 1; }

# The plugin folder is named after the Wireshark version it must match (e.g. 4.0).
ws_mm=$(tshark -v 2>/dev/null | sed -n '1s/.* \([0-9][0-9]*\.[0-9][0-9]*\)\..*/\1/p')
[ -n "$ws_mm" ] || { echo "$0: cannot tell the tshark version" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/without" "$work/with/.local/lib/wireshark/plugins/$ws_mm/epan"
cp "$plugin" "$work/with/.local/lib/wireshark/plugins/$ws_mm/epan/tcpreuse.so"
cp "$pcap" "$work/capture"
chmod -R a+rX "$work"
if [ "$(id -u)" -eq 0 ]; then
    chown -R 65534:65534 "$work/without" "$work/with"
fi

as_user() { # as_user <home> <command...>
    home=$1; shift
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$home" "$@"
    else
        env HOME="$home" "$@"
    fi
}

as_user "$work/with" tshark -G plugins | grep -q 'tcpreuse\.so' ||
    { echo "$0: tshark did not load $plugin (built for another Wireshark?)" >&2; exit 1; }

now_ns() { date +%s%N; }

elapsed_s() { # elapsed_s <home> <tshark args...>: wall time of one run, in ns
    home=$1; shift
    start=$(now_ns)
    as_user "$home" tshark -r "$work/capture" "$@" >/dev/null 2>&1
    echo $(( $(now_ns) - start ))
}

compare() { # compare <label> <tshark args...>: best of $runs each way, runs interleaved so
            # that a change in machine load hits both sides alike
    label=$1; shift
    best_without=; best_with=
    i=0
    while [ "$i" -lt "$runs" ]; do
        t=$(elapsed_s "$work/without" "$@")
        if [ -z "$best_without" ] || [ "$t" -lt "$best_without" ]; then best_without=$t; fi
        t=$(elapsed_s "$work/with" "$@")
        if [ -z "$best_with" ] || [ "$t" -lt "$best_with" ]; then best_with=$t; fi
        i=$((i + 1))
    done
    awk -v l="$label" -v a="$best_without" -v b="$best_with" \
        'BEGIN { printf "%-40s %9.3fs %9.3fs %6.2fx\n", l, a / 1e9, b / 1e9, b / a }'
}

frames=$(as_user "$work/without" tshark -r "$work/capture" -T fields -e frame.number 2>/dev/null | wc -l)
echo "capture: $pcap ($frames frames), tshark $ws_mm, best of $runs runs"
printf '%-40s %10s %10s %7s\n' "command" "without" "with" "ratio"
compare "tshark -r"
compare "tshark -r -Y tcp.analysis.flags" -Y tcp.analysis.flags
