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
# Speed is CPU time (user + system, /usr/bin/time), the median of the runs: on a machine shared
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

die() { echo "scan_bench.sh: $*" >&2; exit 1; }
usage() { sed -n '7,16p' "$0" >&2; exit "${1:-2}"; }

while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=${2:?}; shift 2 ;;
    --tshark-runs) tshark_runs=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --pairs) pairs=${2:?}; shift 2 ;;
    --only)
        case ${2:-} in lab | gen | linear | memory) parts="$parts $2" ;; *) usage ;; esac
        shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --plugin) plugin=${2:?}; shift 2 ;;
    -h | --help) usage 0 ;;
    *) usage ;;
    esac
done
[ -n "$parts" ] || parts=" lab gen linear memory"
want() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
plugin=${plugin:-$build/plugin/epan/tcpreuse.so}
scan=$build/scan/tcpreuse-scan
pcapgen=$build/tests/gen/tcpreuse-pcapgen

[ -x "$scan" ] || die "no $scan (build first)"
[ -x "$pcapgen" ] || die "no $pcapgen (build first)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
command -v tcpdump >/dev/null || die "tcpdump not found (apt-get install tcpdump)"
command -v tshark >/dev/null || die "tshark not found"
[ -r "$plugin" ] || die "no plugin at $plugin (build first, or --plugin)"

# shellcheck source=scripts/tshark_env.sh
. "$top/scripts/tshark_env.sh"
tshark_env_setup "$(command -v tshark)" "$plugin" || exit 1
tshark_run -G plugins 2>/dev/null | grep -q 'tcpreuse\.so' || die "tshark did not load $plugin"
trap 'exit 130' INT TERM # so that tshark_env's EXIT trap removes the temporary files
work=$TSHARK_TMP/scan-bench
{ mkdir -p "$work" && chmod 1777 "$work"; } || die "cannot make $work"

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
                                        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# verdict VALUE OP TARGET: PASS or MISS
verdict() {
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
        ok = (op == "<=") ? (v + 0 <= t + 0) : (v + 0 >= t + 0)
        print (v == "nan" ? "n/a" : ok ? "PASS" : "MISS") }'
}

# timed NAME RUNS COMMAND...: runs it RUNS times; sets CPU, WALL (medians, s) and RSS (max, KB).
timed() {
    local name=$1 n=$2 i
    shift 2
    local out=$work/$name
    : >"$out.times"
    for ((i = 0; i < n; i++)); do
        /usr/bin/time -f '%e %U %S %M' -o "$out.one" "$@" >/dev/null 2>"$out.err" ||
            { echo "  (a run failed: $*)" >&2; tail -n 3 "$out.err" >&2; }
        awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out.one" >>"$out.times"
    done
    WALL=$(awk '{ print $1 }' "$out.times" | median)
    CPU=$(awk '{ print $2 }' "$out.times" | median)
    RSS=$(awk '{ print $3 }' "$out.times" | sort -g | tail -n 1)
}

frames_of() { capinfos -c -M "$1" 2>/dev/null | awk -F': *' '/Number of packets/ { print $2 }'; }
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
    local TSHARK_AS=(/usr/bin/time -f '%e %U %S %M' -o "$work/$name.tshark.one" "${TSHARK_AS[@]}") i
    : >"$work/$name.tshark.times"
    for ((i = 0; i < tshark_runs; i++)); do
        tshark_run -r "$cap" -Y tcpreuse >/dev/null 2>"$work/$name.tshark.err" ||
            { echo "  (a tshark run failed)" >&2; tail -n 3 "$work/$name.tshark.err" >&2; }
        awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/$name.tshark.one" >>"$work/$name.tshark.times"
    done
    tshark_cpu=$(awk '{ print $2 }' "$work/$name.tshark.times" | median)
    line "tshark -r F -Y tcpreuse (plugin)" "$tshark_cpu" "$(awk '{ print $1 }' "$work/$name.tshark.times" | median)" \
        "$(awk '{ print $3 }' "$work/$name.tshark.times" | sort -g | tail -n 1)" "$(rate "$frames" "$tshark_cpu")"
    local vs_tshark vs_floor
    vs_tshark=$(ratio "$tshark_cpu" "$scan_cpu")
    vs_floor=$(ratio "$scan_cpu" "$floor_cpu")
    echo "  scan against tshark: ${vs_tshark}x the packets/s   target >= 30x $(verdict "$vs_tshark" ">=" 30)"
    echo "  scan against the floor: ${vs_floor}x the time       target <= 3x  $(verdict "$vs_floor" "<=" 3)"
}

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "== tcpreuse-scan bench ($(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ))"
echo "machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(tshark -v 2>/dev/null | head -n 1); $(tcpdump --version 2>&1 | head -n 1)"

if want lab; then
    lab=$work/busy-nat.pcap
    gzip -dc "$top/captures/lab/busy-nat.pcap.gz" >"$lab" && chmod 644 "$lab" || die "cannot unpack the lab capture"
    speed lab "the lab's busy NAT (captures/lab/busy-nat.pcap.gz, unpacked)" "$lab"
fi

if want gen || want linear; then
    gen=$work/busy-$connections.pcap
    "$pcapgen" busy "$connections" "$gen" >/dev/null && chmod 644 "$gen" || die "the generator failed"
fi
want gen && speed gen "a generated busy NAT (tcpreuse-pcapgen busy $connections)" "$gen"

if want linear; then
    small=$work/busy-$((connections / 10)).pcap
    "$pcapgen" busy $((connections / 10)) "$small" >/dev/null || die "the generator failed"
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
