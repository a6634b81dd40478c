#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Issue 8's figures for tcpreuse-scan, each with its target and PASS or MISS. It asserts
# nothing: the exit status is 0 unless something could not run.
#
# usage: tests/bench/scan_bench.sh [--runs N] [--tshark-runs N] [--connections C] [--pairs P]
#                                  [--only PART]... [--build DIR] [--plugin FILE]
#   --runs N         timed runs of tcpreuse-scan and tcpdump per capture (default 5; medians)
#   --tshark-runs N  timed tshark runs per capture (default 1: about a minute on 1M frames)
#   --connections C  the generated busy NAT (default 103000: 1,003,086 frames); C/10 for linearity
#   --pairs P        the pairs capture for memory (default 200000 handshakes; P/10 beside it)
#   --only PART      lab | gen | linear | memory (repeatable; default all)
#   --build DIR      default build (of this source tree)
#   --plugin FILE    default BUILD/plugin/epan/tcpreuse.so
#
# Speed is CPU time (user + system, to the microsecond: tests/bench/rusage.c), the median of the runs: on a machine shared
# with other work, wall time measures the others too (it is printed beside). Packets per second
# = frames / CPU seconds. Commands (output to /dev/null):
#   scan    tcpreuse-scan -r F --summary     (the statistics tree: the first look at a capture)
#   tshark  tshark -r F -Y tcpreuse          (the plugin loaded, through scripts/tshark_env.sh)
#   floor   tcpdump -r F -w /dev/null        (reading the file only)
# Targets (issue 8): scan >= 30x tshark's packets/s; scan <= 3x the floor's time; 10x the
# packets <= 10.5x the time (generated busy NAT of C/10 and C connections); peak RSS <= 600 bytes
# per tracked socket pair, measured as the growth of peak RSS from P/10 to P handshakes on P/10
# and P distinct 4-tuples (tests/bench/pairs_pcap.py: no finding, so that the findings' memory
# is not counted as the pairs'), beside peak RSS / pairs on the busy NAT (findings included).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
runs=5
tshark_runs=1
connections=103000
pairs=200000
parts=
build=$top/build
plugin=
# shellcheck source=tests/bench/bench_lib.sh
. "$top/tests/bench/bench_lib.sh"

while [ $# -gt 0 ]; do
    case $1 in
    --tshark-runs) tshark_runs=${2:?}; shift 2 ;;
    --pairs) pairs=${2:?}; shift 2 ;;
    *) bench_option "lab gen linear memory" "$@"; shift 2 ;;
    esac
done
[ -n "$parts" ] || parts=" lab gen linear memory"
scan=$build/scan/tcpreuse-scan

[ -x "$scan" ] || die "no $scan (build first)"
command -v tcpdump >/dev/null || die "tcpdump not found (apt-get install tcpdump)"
bench_setup scan-bench

# timed NAME RUNS COMMAND...: runs it RUNS times (COMMAND may be tshark_run); sets CPU, WALL
# (medians, s) and RSS (max, KB).
timed() {
    local name=$1 n=$2 i
    shift 2
    local out=$work/$name
    : >"$out.times"
    for ((i = 0; i < n; i++)); do
        time_run "$out" "$@"
        awk '{ printf "%.6f %.6f %s\n", $1, $2 + $3, $4 }' "$out.one" >>"$out.times"
    done
    WALL=$(printf '%.4f' "$(col 1 "$out.times")")
    CPU=$(printf '%.4f' "$(col 2 "$out.times")")
    RSS=$(awk '{ print $3 }' "$out.times" | sort -g | tail -n 1)
}

rate() { awk -v f="$1" -v s="$2" 'BEGIN { printf (s > 0 ? "%.0f" : "nan"), (s > 0 ? f / s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "nan"), (b > 0 ? a / b : 0) }'; }

line() { printf '  %-40s %10s %10s %10s %14s\n' "$@"; }

# speed TAG TITLE CAPTURE: the three commands on one capture, and the two speed targets (TAG
# names the files of the runs)
speed() {
    local name=$1 title=$2 cap=$3 frames scan_cpu tshark_cpu floor_cpu
    frames=$(frames_of "$cap")
    echo
    echo "== $title ($frames frames): CPU s (median of $runs; tshark $tshark_runs), wall s, peak RSS"
    line "" "CPU s" "wall s" "RSS KB" "packets/s"
    timed "$name.scan" "$runs" "$scan" -r "$cap" --summary
    scan_cpu=$CPU
    line "tcpreuse-scan -r F --summary" "$CPU" "$WALL" "$RSS" "$(rate "$frames" "$CPU")"
    timed "$name.floor" "$runs" tcpdump -r "$cap" -w /dev/null
    floor_cpu=$CPU
    line "tcpdump -r F -w /dev/null (floor)" "$CPU" "$WALL" "$RSS" "$(rate "$frames" "$CPU")"
    timed "$name.tshark" "$tshark_runs" tshark_run -r "$cap" -Y tcpreuse
    tshark_cpu=$CPU
    line "tshark -r F -Y tcpreuse (plugin)" "$CPU" "$WALL" "$RSS" "$(rate "$frames" "$CPU")"
    local vs_tshark vs_floor
    vs_tshark=$(ratio "$tshark_cpu" "$scan_cpu")
    vs_floor=$(ratio "$scan_cpu" "$floor_cpu")
    echo "  scan against tshark: ${vs_tshark}x the packets/s   target >= 30x $(verdict "$vs_tshark" ">=" 30)"
    echo "  scan against the floor: ${vs_floor}x the time       target <= 3x  $(verdict "$vs_floor" "<=" 3)"
}

bench_header tcpreuse-scan
echo "$(tshark -v 2>/dev/null | head -n 1); $(tcpdump --version 2>&1 | head -n 1)"

if want lab; then
    lab=$work/busy-nat.pcap
    lab_capture "$lab"
    speed lab "the lab's busy NAT (captures/lab/busy-nat.pcap.gz, unpacked)" "$lab"
fi

if want gen || want linear; then
    gen=$work/busy-$connections.pcap
    busy_capture "$connections" "$gen"
fi
want gen && speed gen "a generated busy NAT (tcpreuse-pcapgen busy $connections)" "$gen"

if want linear; then
    small=$work/busy-$((connections / 10)).pcap
    busy_capture $((connections / 10)) "$small"
    small_frames=$(frames_of "$small") big_frames=$(frames_of "$gen")
    echo
    echo "== linearity: tcpreuse-scan -r F --summary, CPU s (median of $runs)"
    timed linear.small "$runs" "$scan" -r "$small" --summary
    small_cpu=$CPU
    line "busy $((connections / 10)) ($small_frames frames)" "$CPU" "$WALL" "$RSS" "$(rate "$small_frames" "$CPU")"
    timed linear.big "$runs" "$scan" -r "$gen" --summary
    line "busy $connections ($big_frames frames)" "$CPU" "$WALL" "$RSS" "$(rate "$big_frames" "$CPU")"
    packets=$(ratio "$big_frames" "$small_frames")
    time_ratio=$(ratio "$CPU" "$small_cpu")
    echo "  ${packets}x the packets: ${time_ratio}x the time   target <= 10.5x $(verdict "$time_ratio" "<=" 10.5)"
fi

if want memory; then
    echo
    echo "== memory: peak RSS per tracked socket pair"
    python3 "$(dirname "$0")/pairs_pcap.py" $((pairs / 10)) "$work/pairs-small.pcap" || die "pairs_pcap.py failed"
    python3 "$(dirname "$0")/pairs_pcap.py" "$pairs" "$work/pairs-big.pcap" || die "pairs_pcap.py failed"
    timed pairs.small 1 "$scan" -r "$work/pairs-small.pcap" --summary
    small_rss=$RSS
    line "$((pairs / 10)) handshakes, no finding" "$CPU" "$WALL" "$RSS" ""
    timed pairs.big 1 "$scan" -r "$work/pairs-big.pcap" --summary --stats
    line "$pairs handshakes, no finding" "$CPU" "$WALL" "$RSS" ""
    grep 'socket pairs tracked' "$work/pairs.big.err" | sed 's/^/  /'
    per_pair=$(awk -v a="$small_rss" -v b="$RSS" -v n=$((pairs - pairs / 10)) 'BEGIN { printf "%.0f", (b - a) * 1024 / n }')
    echo "  peak RSS growth per pair: $per_pair B   target <= 600 B $(verdict "$per_pair" "<=" 600)"
    if [ -n "${gen:-}" ] && [ -f "$gen" ]; then
        timed pairs.busy 1 "$scan" -r "$gen" --summary --stats
        busy_pairs=$(sed -n 's/.*frames, \([0-9]*\) socket pairs tracked.*/\1/p' "$work/pairs.busy.err")
        findings=$(sed -n 's/.*, \([0-9]*\) frames with findings.*/\1/p' "$work/pairs.busy.err")
        echo "  busy NAT: peak RSS $RSS KB for $busy_pairs pairs and $findings frames with findings:" \
            "$(awk -v r="$RSS" -v p="$busy_pairs" 'BEGIN { printf "%.0f", r * 1024 / p }') B a pair, findings included"
    fi
fi
