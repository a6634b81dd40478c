#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What tcpreuse costs tshark in cache lines, not only instructions: cachegrind's simulation of
# this machine's caches on the filtered run (tshark -r F -Y tcp.analysis.flags) with the plugin
# and without, per frame.
#
# usage: tests/bench/cache_lines.sh [--connections C] [--capture FILE] [--top N]
#                                   [--plugin tcpreuse.so] [--build DIR]
#   --connections C  the generated busy NAT's connections (default 10300: 99,753 frames)
#   --capture FILE   a capture of your own instead (FILE must be readable by nobody)
#   --top N          tcpreuse's source files listed by instruction-cache misses (default 15)
#
# Why: in tshark, Wireshark runs some 50,000 instructions between two frames of ours, so every
# code line the plugin runs comes from beyond the first-level instruction cache, and what it
# touches pushes Wireshark's own lines out. On the development VM a first-level miss weighs
# about fifteen instructions (README, "Why time is not instructions"): the time ratio follows
# instructions + 15 x misses, not the instructions alone.
#
# The caches simulated are the first CPU's (sysfs): L1 instructions, L1 data, and its L2 as the
# last level (cachegrind would take the shared L3, which the plugin's data fits in). Both runs
# go at once (about 2 minutes each on 100,000 frames). Printed per frame: instructions (Ir),
# first-level instruction misses (I1), first-level data misses (D1, reads and writes) and
# second-level misses (L2), for the whole run, for tcpreuse's code (source files under this
# tree) and for the rest (Wireshark, GLib, the C library); then tcpreuse's files with the most
# instruction-cache misses. Each run also counts tshark's start: with --capture, compare frames
# of one capture only.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
connections=10300
capture=
top_files=15
parts=
build=$top/build
plugin=
# shellcheck source=tests/bench/bench_lib.sh
. "$top/tests/bench/bench_lib.sh"

while [ $# -gt 0 ]; do
    case $1 in
    --capture) capture=${2:?}; shift 2 ;;
    --top) top_files=${2:?}; shift 2 ;;
    *) bench_option "" "$@"; shift 2 ;;
    esac
done
: "$parts"
command -v valgrind >/dev/null || die "valgrind not found"
bench_setup cache-lines

# cache_of LEVEL TYPE: SIZE,ASSOC,LINE of cpu0's cache of that level and type (sysfs)
cache_of() {
    local d size
    for d in /sys/devices/system/cpu/cpu0/cache/index*; do
        if [ "$(cat "$d/level" 2>/dev/null)" != "$1" ] || [ "$(cat "$d/type" 2>/dev/null)" != "$2" ]; then
            continue
        fi
        size=$(sed 's/K$//' "$d/size") || return 1
        echo "$((size * 1024)),$(cat "$d/ways_of_associativity"),$(cat "$d/coherency_line_size")"
        return 0
    done
    return 1
}
if ! { l1d=$(cache_of 1 Data) && l1i=$(cache_of 1 Instruction) && l2=$(cache_of 2 Unified); }; then
    die "no cache geometry in sysfs (level 1 data and instruction, level 2 unified)"
fi

if [ -z "$capture" ]; then
    capture=$work/busy-$connections.pcap
    busy_capture "$connections" "$capture"
fi
frames=$(frames_of "$capture")
[[ $frames =~ ^[1-9][0-9]*$ ]] || die "cannot count the frames of $capture"

bench_header tcpreuse-cache-lines
echo "capture: $capture ($frames frames); caches: I1 $l1i, D1 $l1d, L2 (last level) $l2 (size,ways,line)"

sim=(--tool=cachegrind --cache-sim=yes "--I1=$l1i" "--D1=$l1d" "--LL=$l2")
TSHARK_BIN=$(command -v valgrind)
# shellcheck disable=SC2034 # read by tshark_run (bash's dynamic scope)
tshark_run_plain "${sim[@]}" --cachegrind-out-file="$work/without.out" "$(command -v tshark)" \
    -r "$capture" -Y tcp.analysis.flags >/dev/null 2>"$work/without.err" &
tshark_run "${sim[@]}" --cachegrind-out-file="$work/with.out" "$(command -v tshark)" \
    -r "$capture" -Y tcp.analysis.flags >/dev/null 2>"$work/with.err" &
wait || true
for side in without with; do
    [ -s "$work/$side.out" ] || { tail -n 5 "$work/$side.err" >&2; die "cachegrind failed ($side)"; }
done

# sums FILE: "file Ir I1 D1 L2" (misses: D1 reads and writes, L2 all) for each source file
sums() {
    # a line: number Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
    awk '/^fl=/ { fl = substr($0, 4) }
         /^[0-9]/ { ir[fl] += $2; i1[fl] += $3; d1[fl] += $6 + $9; l2[fl] += $4 + $7 + $10 }
         END { for (f in ir) print f, ir[f], i1[f], d1[f], l2[f] }' "$1"
}
sums "$work/without.out" >"$work/without.sums"
sums "$work/with.out" >"$work/with.sums"

echo
printf '  %-28s %12s %10s %10s %10s\n' "extra a frame (with - without)" Ir I1 D1 L2
awk -v top="$top/" -v frames="$frames" '
    function add(side, part, i) { for (i = 2; i <= 5; i++) v[side, part, i] += $i }
    FNR == 1 { side++ }
    { ours = index($1, top) == 1; add(side, "all"); add(side, ours ? "ours" : "rest") }
    END {
        split("all ours rest", parts, " ")
        names["all"] = "all"; names["ours"] = "tcpreuse'"'"'s code"; names["rest"] = "the rest (Wireshark...)"
        for (p = 1; p <= 3; p++) {
            printf "  %-28s", names[parts[p]]
            for (i = 2; i <= 5; i++) printf " %+10.1f", (v[2, parts[p], i] - v[1, parts[p], i]) / frames
            printf "\n"
        }
        printf "  %-28s", "without the plugin, a frame"
        for (i = 2; i <= 5; i++) printf " %10.1f", v[1, "all", i] / frames
        printf "\n"
    }' "$work/without.sums" "$work/with.sums"

echo
echo "  tcpreuse's files by first-level instruction misses, a frame:"
printf '  %-40s %10s %10s %10s\n' file Ir I1 D1
awk -v top="$top/" -v frames="$frames" 'index($1, top) == 1 { f = substr($1, length(top) + 1)
        printf "  %-40s %10.1f %10.1f %10.1f\n", f, $2 / frames, $3 / frames, $4 / frames }' "$work/with.sums" |
    sort -k3,3 -g -r | head -n "$top_files"
