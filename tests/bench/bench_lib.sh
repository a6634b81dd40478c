# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by tests/bench/bench.sh and tests/bench/scan_bench.sh: what both benchmarks do the
# same way. Their setup (the build's tools, tshark with and without the plugin through
# scripts/tshark_env.sh, a work folder), one timed run of a command, the median of figures, a
# figure judged against its target, and the header that says which machine printed them.
# The sourcing script sets top (the source tree), and build, plugin and parts from its options.
# shellcheck shell=bash disable=SC2154,SC2034 # top, build, parts... set and used by the sourcing script

# die MESSAGE: said on stderr under the script's name; exit status 1.
die() { echo "${0##*/}: $*" >&2; exit 1; }

# usage [STATUS]: the script's usage, its header's lines from "# usage:" to the first bare "#".
usage() { sed -n '/^# usage:/,/^#$/p' "$0" >&2; exit "${1:-2}"; }

# bench_option PARTS OPTION VALUE: an option both benchmarks take, each with a value: --runs,
# --connections, --only (one of PARTS, added to parts), --build, --plugin; and --help. Any
# other option is a usage error.
bench_option() {
    case $2 in
    --runs) runs=${3:?} ;;
    --connections) connections=${3:?} ;;
    --only) [[ ${3:-} =~ ^[a-z]+$ && " $1 " == *" $3 "* ]] || usage; parts="$parts $3" ;;
    --build) build=${3:?} ;;
    --plugin) plugin=${3:?} ;;
    -h | --help) usage 0 ;;
    *) usage ;;
    esac
}

# want PART: whether PART is among $parts (the --only options, or every part).
want() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# bench_setup WORK_NAME: checks the tools both benchmarks need, sets up tshark with and without
# the plugin (tshark_run, tshark_run_plain) and makes the work folder $TSHARK_TMP/WORK_NAME,
# writable by the unprivileged user tshark runs as; sets plugin (default
# BUILD/plugin/epan/tcpreuse.so), pcapgen and work.
bench_setup() {
    plugin=${plugin:-$build/plugin/epan/tcpreuse.so}
    pcapgen=$build/tests/gen/tcpreuse-pcapgen
    command -v tshark >/dev/null || die "tshark not found"
    [ -r "$plugin" ] || die "no plugin at $plugin (build first, or --plugin)"
    [ -x "$pcapgen" ] || die "no $pcapgen (build first)"
    [ -x "$build/tests/bench/tcpreuse-rusage" ] || die "no $build/tests/bench/tcpreuse-rusage (build first)"
    # shellcheck source=scripts/tshark_env.sh
    . "$top/scripts/tshark_env.sh"
    tshark_env_setup "$(command -v tshark)" "$plugin" || exit 1
    tshark_run -G plugins 2>/dev/null | grep -q 'tcpreuse\.so' ||
        die "tshark did not load $plugin (built for another Wireshark?)"
    # so that tshark_env's EXIT trap removes the temporary files, once the runs in the background
    # (paired runs) are stopped
    trap 'kill $(jobs -p) 2>/dev/null; wait; exit 130' INT TERM
    work=$TSHARK_TMP/$1
    { mkdir -p "$work" && chmod 1777 "$work"; } || die "cannot make $work"
}

# bench_header NAME: the first two lines, which build and which machine.
bench_header() {
    local cpu
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    echo "== $1 bench ($(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ))"
    echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# lab_capture OUT: the lab's busy NAT (captures/lab/busy-nat.pcap.gz) unpacked, readable by tshark.
lab_capture() {
    { gzip -dc "$top/captures/lab/busy-nat.pcap.gz" >"$1" && chmod 644 "$1"; } || die "cannot unpack the lab capture"
}

# busy_capture CONNECTIONS OUT: tcpreuse-pcapgen's busy NAT, readable by tshark.
busy_capture() {
    { "$pcapgen" busy "$1" "$2" >/dev/null && chmod 644 "$2"; } || die "the generator failed"
}

frames_of() { capinfos -c -M "$1" 2>/dev/null | awk -F': *' '/Number of packets/ { print $2 }'; }

median() { # numbers on stdin -> their median
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
                                        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# col N FILE: the median of column N
col() { awk -v c="$1" '{ print $c }' "$2" | median; }

# verdict VALUE OP TARGET: PASS or MISS (OP is <= or >=)
verdict() {
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
        ok = (op == "<=") ? (v + 0 <= t + 0) : (v + 0 >= t + 0)
        print (v == "nan" ? "n/a" : ok ? "PASS" : "MISS") }'
}

# time_run OUT COMMAND...: one run of COMMAND, its output to /dev/null and its stderr to
# OUT.err, timed by tcpreuse-rusage (tests/bench/rusage.c) into OUT.one: "wall user system peak_rss_kb" (s, s, s to the
# microsecond, KB). tshark_run and tshark_run_plain are timed through TSHARK_AS: the timer goes
# before setpriv, so it sees tshark. A failed run is said on stderr with the end of what it said.
time_run() {
    local out=$1
    shift
    local time=("$build/tests/bench/tcpreuse-rusage" "$out.one")
    local TSHARK_AS=("${time[@]}" "${TSHARK_AS[@]}")
    case $1 in tshark_run | tshark_run_plain) time=() ;; esac
    "${time[@]}" "$@" >/dev/null 2>"$out.err" || { echo "  (a run failed: $*)" >&2; tail -n 3 "$out.err" >&2; }
}
