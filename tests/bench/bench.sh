#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Issue 10's figures in one run: what tcpreuse costs tshark, and the engine alone. Each figure
# is printed with its target and PASS or MISS. It asserts nothing: the exit status is 0 unless
# something could not run (no build, no tshark, the plugin not loaded).
#
# usage: tests/bench/bench.sh [--runs N] [--gen-runs N] [--connections C] [--only PART]...
#                             [--icount-runs N] [--no-icount] [--keep DIR] [--plugin tcpreuse.so]
#                             [--build DIR]
#   --runs N         rounds of timed tshark runs on the lab capture (default 15)
#   --gen-runs N     the same on the generated capture (default 11: a round there takes 10-40 s)
#   --connections C  connections of the generated capture (default 103000: 1,003,086 packets)
#   --only PART      run one part only (repeatable): lab | gen | icount | engine
#                      lab     tshark timed on captures/lab/busy-nat.pcap.gz
#                      gen     tshark timed on a generated ~1M-packet busy NAT capture
#                      icount  tshark instruction counts on the lab capture
#                      engine  tcpreuse-engine-bench: synthetic load and capture replays
#   --icount-runs N  runs of each command whose instructions the 1.05x target judges, the
#                    filtered run and the 1-frame start (odd; default 3: the median is taken)
#   --no-icount      no instruction counts at all (no callgrind)
#   --keep DIR       keep the callgrind outputs in DIR (for callgrind_annotate)
#   --plugin FILE    default BUILD/plugin/epan/tcpreuse.so
#   --build DIR      default build (of this source tree)
#
# The whole default run takes about 25 minutes (the generated capture's 11 rounds: 10) on 2 shared cores; `--only lab --only engine`
# about 2, `--only icount` about 8. Build first: cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j2
#
# tshark: the same command with the plugin loaded and not, both through scripts/tshark_env.sh
# (as nobody when started as root, each with a temporary HOME: only the "with" HOME holds the
# plugin). Each round runs without and with at the same time on one CPU, rounds at once on each
# allowed CPU (see "Paired runs" below); each side's figures are medians of wall time, CPU time (user
# + system, to the ms) and peak RSS (tests/bench/rusage.c); the ratios are the medians of the
# rounds' ratios, and the CPU time's is judged with its 95 % interval (PASS, MISS or UNSURE:
# see row); the wall time, which also counts waiting, is shown unjudged. The "-Y tcpreuse" row compares two commands
# that both have the plugin. Instruction counts: `perf stat -e instructions:u` when the machine
# has hardware counters, else callgrind's, on the lab capture; "startup" is the same command on
# the capture's first packet, so that (whole - startup) / packets is the cost per packet. They
# do not vary with load, but they do from run to run of the same command by about 0.1 %
# (Wireshark's hash maps take a random seed at start: 1.5 M instructions on the lab capture's
# 1.6 G, 100 a frame): the rows the 1.05x target judges are medians of --icount-runs runs.
#
# Engine: tcpreuse-engine-bench, medians of 7 runs of the engine's thread CPU time (steal time
# on a shared VM left out; it still moves by a third from run to run: the spread is printed
# beside). The synthetic busy NAT at N and 10N
# connections (port pool 20000 both times, so the pairs are the same and the heap's growth is
# the findings'): segments/s and ns/segment at 10N, 10N/N time ratio, bytes per pair, bytes per
# frame with a finding = heap growth / findings growth. Capture replays: the lab capture, and
# generated captures of C/10 and C connections (10x the packets). Instructions per segment:
# callgrind inside tr_engine_process only, synthetic load at 10k and 100k connections (pool 2000).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
runs=15
gen_runs=11
icount_runs=3
connections=103000
parts=
icount=1
keep=
build=$top/build
plugin=
# shellcheck source=tests/bench/bench_lib.sh
. "$top/tests/bench/bench_lib.sh"

while [ $# -gt 0 ]; do
    case $1 in
    --gen-runs) gen_runs=${2:?}; shift 2 ;;
    --icount-runs)
        # odd, so that the median is one of the runs (an instruction count, not an average)
        [[ ${2:-} =~ ^[0-9]+$ && $(($2 % 2)) == 1 ]] || die "--icount-runs takes an odd number"
        icount_runs=$2; shift 2 ;;
    --no-icount) icount=0; shift ;;
    --keep) keep=${2:?}; shift 2 ;;
    *) bench_option "lab gen icount engine" "$@"; shift 2 ;;
    esac
done
[ -n "$parts" ] || parts=" lab gen icount engine"
[ "$icount" = 1 ] || parts=${parts// icount/}
bench_setup bench
engine_bench=$build/tests/bench/tcpreuse-engine-bench
[ -x "$engine_bench" ] || die "no $engine_bench (build first)"
if [ -n "$keep" ]; then mkdir -p "$keep" || die "cannot make $keep"; keep=$(cd "$keep" && pwd); fi

# ---- helpers ----

# row LABEL WITHOUT WITH UNIT TARGET [RATIO [LOW HIGH]]: a with/without line, its ratio judged
# against TARGET (an upper bound, or "-" for none); RATIO, when given, is the ratio shown (the
# median of paired runs' ratios) instead of WITH / WITHOUT. With LOW and HIGH, the 95 %
# interval of that median, the verdict is PASS when the whole interval meets the target, MISS
# when none of it does, and UNSURE when the runs cannot tell (more rounds can).
row() {
    local label=$1 a=$2 b=$3 unit=$4 target=$5 ratio=${6:-} low=${7:-} high=${8:-} v=
    [ -n "$ratio" ] || ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf (a > 0 ? "%.3f" : "nan"), (a > 0 ? b / a : 0) }')
    if [ "$target" = - ]; then
        v=
    elif [ -n "$high" ] && [ "$ratio" != nan ]; then
        v="target <= ${target}x $(awk -v l="$low" -v h="$high" -v t="$target" 'BEGIN {
            print (h + 0 <= t + 0 ? "PASS" : l + 0 > t + 0 ? "MISS" : "UNSURE") }')"
    else
        v="target <= ${target}x $(verdict "$ratio" "<=" "$target")"
    fi
    printf '  %-44s %14s %14s %-5s %7sx  %s\n' "$label" "$a" "$b" "$unit" "$ratio" "$v"
}

# One timed tshark run: timed_run <with|without> <outfile-prefix> <cpu|-> <tshark args...>;
# appends "wall cpu rss_kb" to <prefix>.times. With a CPU number the run is pinned to it.
timed_run() {
    local side=$1 out=$2 cpu=$3 run=tshark_run_plain start end
    shift 3
    [ "$side" = without ] || run=tshark_run
    # shellcheck disable=SC2034 # read by tshark_run through time_run (bash's dynamic scope)
    [ "$cpu" = - ] || local TSHARK_AS=(taskset -c "$cpu" "${TSHARK_AS[@]}")
    start=$(date +%s%N)
    time_run "$out" "$run" "$@"
    end=$(date +%s%N)
    # wall to the ms (date); CPU measured to the µs (tcpreuse-rusage), kept to the ms
    awk -v ns=$((end - start)) '{ printf "%.3f %.3f %s\n", ns / 1e9, $2 + $3, $4 }' "$out.one" >>"$out.times"
}

# Paired runs: the two commands of a round run at the same time on one CPU, which the kernel
# shares between them every few milliseconds, so that both meet the same moments of a shared
# machine; rounds run at once on each allowed CPU. On the development VM a run's time moves by
# a third from one minute to the next (other tenants): with each command on a CPU of its own
# (sessions 18 and before) tshark against itself gave round ratios of 0.91x to 1.19x; on one
# CPU, 0.96x to 1.035x (15 rounds, median 1.000x), and 42 rounds tell a 0.5 % difference.
# With one CPU, or without taskset, the runs alternate (A first) and the ratio is of medians.
read -r -a bench_cpus < <(awk '/^Cpus_allowed_list:/ {
    n = split($2, part, ","); for (i = 1; i <= n; i++) { if (split(part[i], r, "-") == 1) r[2] = r[1];
        for (c = r[1]; c <= r[2]; c++) printf "%d ", c } }' /proc/self/status 2>/dev/null)
paired=0
if [ "${#bench_cpus[@]}" -ge 2 ] && command -v taskset >/dev/null; then paired=1; fi
round_kind() { if [ "$paired" = 1 ]; then echo "rounds of paired runs"; else echo "alternating runs a side"; fi; }

# compare_pair LABEL RUNS SIDE_A SIDE_B ARGS_A -- ARGS_B: RUNS rounds; sets PAIR_A and PAIR_B
# (median wall, CPU and peak RSS of each side), PAIR_RATIO ("wall CPU" of B against A; nan when
# a run failed), PAIR_CI (the 95 % interval of the CPU ratio's median, paired runs only) and
# PAIR_SPREAD (a line on the rounds' CPU ratios, or nothing)
compare_pair() {
    local label=$1 n=$2 side_a=$3 side_b=$4
    shift 4
    local args_a=() args_b=()
    while [ "$1" != -- ]; do args_a+=("$1"); shift; done
    shift
    args_b=("$@")
    local a b i=0
    a=$(mktemp "$work/a.XXXXXX") || die "cannot make a file in $work"
    b=$(mktemp "$work/b.XXXXXX") || die "cannot make a file in $work"
    while [ "$i" -lt "$n" ]; do
        if [ "$paired" = 1 ]; then
            # a round on each CPU at once, each round's results in files of its own, added to
            # the sides' lists in round order once all are done
            local first=$i pids=() cpu r
            for cpu in "${bench_cpus[@]}"; do
                [ "$i" -lt "$n" ] || break
                timed_run "$side_a" "$a.$i" "$cpu" "${args_a[@]}" &
                pids+=($!)
                timed_run "$side_b" "$b.$i" "$cpu" "${args_b[@]}" &
                pids+=($!)
                i=$((i + 1))
            done
            wait "${pids[@]}"
            for ((r = first; r < i; r++)); do
                cat "$a.$r.times" >>"$a.times" 2>/dev/null
                cat "$b.$r.times" >>"$b.times" 2>/dev/null
            done
        else
            timed_run "$side_a" "$a" - "${args_a[@]}"
            timed_run "$side_b" "$b" - "${args_b[@]}"
            i=$((i + 1))
        fi
    done
    PAIR_A="$(col 1 "$a.times") $(col 2 "$a.times") $(col 3 "$a.times")"
    PAIR_B="$(col 1 "$b.times") $(col 2 "$b.times") $(col 3 "$b.times")"
    PAIR_RATIO="nan nan"
    PAIR_CI=
    PAIR_SPREAD=
    if [ "$(wc -l <"$a.times")" != "$n" ] || [ "$(wc -l <"$b.times")" != "$n" ]; then
        PAIR_SPREAD="(a run failed: no ratio)"
    elif [ "$paired" = 1 ]; then
        paste "$a.times" "$b.times" | awk '{ print ($1 > 0 ? $4 / $1 : "nan"), ($2 > 0 ? $5 / $2 : "nan") }' >"$b.ratios"
        PAIR_RATIO="$(col 1 "$b.ratios") $(col 2 "$b.ratios")"
        # The median's 95 % interval from the order statistics: ranks k and n + 1 - k, k the
        # largest with P(Binomial(n, 1/2) < k) <= 2.5 % (normal approximation; 1 below 7 rounds).
        PAIR_CI=$(awk '{ print $2 }' "$b.ratios" | sort -g | awk '{ v[NR] = $1 } END {
            k = int((NR - 1.96 * sqrt(NR)) / 2); if (k < 1) k = 1
            printf "%.3f %.3f", v[k], v[NR + 1 - k] }')
        PAIR_SPREAD=$(awk -v n="$n" -v ci="$PAIR_CI" '{ if (NR == 1 || $2 < lo) lo = $2; if (NR == 1 || $2 > hi) hi = $2 }
            END { split(ci, c, " "); printf "(CPU ratios of the %d rounds: %.3f to %.3f; the median'"'"'s 95 %% interval %.3f to %.3f)",
                  n, lo, hi, c[1], c[2] }' "$b.ratios")
    else
        PAIR_RATIO="$(awk -v a="${PAIR_A% *}" -v b="${PAIR_B% *}" 'BEGIN { split(a, x, " "); split(b, y, " ");
            print (x[1] > 0 ? y[1] / x[1] : "nan"), (x[2] > 0 ? y[2] / x[2] : "nan") }')"
    fi
    PAIR_RATIO=$(echo "$PAIR_RATIO" | awk '{ for (i = 1; i <= NF; i++)
        printf "%s%s", (i > 1 ? " " : ""), ($i == "nan" ? "nan" : sprintf("%.3f", $i)) }')
    : "$label"
}

# timed_rows COMMAND TARGET [rss]: the rows of the last compare_pair: wall time (unjudged), CPU
# time judged against TARGET with its rounds' spread, and with "rss" the peak RSS (<= 1.10x)
timed_rows() {
    local wa wb r ci
    read -r -a wa <<<"$PAIR_A"; read -r -a wb <<<"$PAIR_B"; read -r -a r <<<"$PAIR_RATIO"; read -r -a ci <<<"$PAIR_CI"
    row "$(printf '%-36swall' "$1")" "${wa[0]}" "${wb[0]}" s - "${r[0]}"
    row "$(printf '%-36sCPU' "")" "${wa[1]}" "${wb[1]}" s "$2" "${r[1]}" "${ci[@]}"
    [ -z "$PAIR_SPREAD" ] || printf '  %-44s %s\n' "" "$PAIR_SPREAD"
    [ "${3:-}" != rss ] || row "$(printf '%-36speak RSS' "")" "${wa[2]}" "${wb[2]}" KB 1.10
}

# tshark_figures CAPTURE RUNS: the three comparisons on one capture
tshark_figures() {
    local cap=$1 n=$2
    compare_pair filtered "$n" without with -r "$cap" -Y tcp.analysis.flags -- -r "$cap" -Y tcp.analysis.flags
    printf '  %-44s %14s %14s %-5s %8s\n' "" "without" "with" "" "ratio"
    timed_rows "tshark -r F -Y tcp.analysis.flags" 1.05 rss
    compare_pair plain "$n" without with -r "$cap" -- -r "$cap"
    timed_rows "tshark -r F" 1.20 rss
    compare_pair two-pass "$n" with with -2 -r "$cap" -Y tcp.analysis.flags -- -2 -r "$cap" -Y tcpreuse
    printf '  %-44s %14s %14s\n' "(both with the plugin)" "-Y tcp.a.f." "-Y tcpreuse"
    timed_rows "tshark -2 -r F -Y tcpreuse" 1.10
}

# ---- the machine ----

bench_header tcpreuse
tshark -v 2>/dev/null | head -n 1
echo "plugin: $plugin"

counter=none
if perf stat -x, -e instructions:u true 2>&1 >/dev/null | grep -q '^[0-9]'; then
    counter=perf
elif command -v valgrind >/dev/null; then
    counter=callgrind
fi
case $counter in
perf) echo "instruction counts: perf stat -e instructions:u" ;;
callgrind) echo "instruction counts: callgrind (perf stat -e instructions:u is not supported here: no hardware counters)" ;;
none) echo "instruction counts: none (no hardware counters for perf, no valgrind)" ;;
esac

lab_pcap=$work/busy-nat.pcap
lab_capture "$lab_pcap"

# ---- tshark, timed ----

if want lab; then
    echo
    echo "== tshark on the lab's busy capture (busy-nat.pcap, $(frames_of "$lab_pcap") frames): $runs $(round_kind)"
    tshark_figures "$lab_pcap" "$runs"
fi

if want gen || want engine; then
    gen_pcap=$work/busy-$connections.pcap
    busy_capture "$connections" "$gen_pcap"
fi
if want gen; then
    echo
    echo "== tshark on a generated busy NAT (tcpreuse-pcapgen busy $connections, $(frames_of "$gen_pcap") frames): $gen_runs $(round_kind)"
    tshark_figures "$gen_pcap" "$gen_runs"
fi

# ---- tshark, instruction counts ----

# icount <with|without> <name> <tshark args...>: prints the instructions of one run
icount() {
    local side=$1 name=$2 out
    shift 2
    out=$work/cg.$name
    if [ "$counter" = perf ]; then
        # shellcheck disable=SC2054 # "-x," is perf's field separator
        local TSHARK_AS=(perf stat -x, -e instructions:u -o "$out.perf" "${TSHARK_AS[@]}")
        if [ "$side" = with ]; then tshark_run "$@"; else tshark_run_plain "$@"; fi >/dev/null 2>&1
        awk -F, '/instructions/ { print $1 }' "$out.perf"
        return
    fi
    local TSHARK_BIN
    # shellcheck disable=SC2034 # read by tshark_run (bash's dynamic scope)
    TSHARK_BIN=$(command -v valgrind)
    local vg=(--tool=callgrind --callgrind-out-file="$out.out" "$(command -v tshark)")
    if [ "$side" = with ]; then tshark_run "${vg[@]}" "$@"; else tshark_run_plain "${vg[@]}" "$@"; fi \
        >/dev/null 2>"$out.err"
    [ -z "$keep" ] || cp "$out.out" "$keep/callgrind.$name.out"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out.err"
}

# icount_median <k> <with|without> <name> <tshark args...>: the median of k runs' instructions
# (callgrind keeps the last run's profile)
icount_median() {
    local k=$1 i=0 f=$work/icount.runs
    shift
    : >"$f"
    while [ "$i" -lt "$k" ]; do
        icount "$@" >>"$f"
        i=$((i + 1))
    done
    col 1 "$f"
}

if want icount && [ "$counter" != none ]; then
    echo
    n=$(frames_of "$lab_pcap")
    first=$work/first.pcap
    editcap -r "$lab_pcap" "$first" 1 >/dev/null && chmod 644 "$first"
    echo "== tshark instruction counts ($counter) on busy-nat.pcap ($n frames; startup = its first frame only;"
    echo "   the first three rows: medians of $icount_runs runs)"
    printf '  %-44s %14s %14s %-5s %8s\n' "" "without" "with" "" "ratio"
    s0=$(icount_median "$icount_runs" without startup-plain -r "$first" -Y tcp.analysis.flags)
    s1=$(icount_median "$icount_runs" with startup-with -r "$first" -Y tcp.analysis.flags)
    f0=$(icount_median "$icount_runs" without filtered-plain -r "$lab_pcap" -Y tcp.analysis.flags)
    f1=$(icount_median "$icount_runs" with filtered-with -r "$lab_pcap" -Y tcp.analysis.flags)
    p0=$(icount without read-plain -r "$lab_pcap")
    p1=$(icount with read-with -r "$lab_pcap")
    t0=$(icount with two-pass-flags -2 -r "$lab_pcap" -Y tcp.analysis.flags)
    t1=$(icount with two-pass-tcpreuse -2 -r "$lab_pcap" -Y tcpreuse)
    row "startup (1 frame, -Y tcp.analysis.flags)" "$s0" "$s1" Ir -
    row "tshark -r F -Y tcp.analysis.flags" "$f0" "$f1" Ir 1.05
    row "  per frame, startup taken off" "$(((f0 - s0) / n))" "$(((f1 - s1) / n))" Ir 1.05
    row "tshark -r F" "$p0" "$p1" Ir 1.20
    row "  per frame, startup taken off" "$(((p0 - s0) / n))" "$(((p1 - s1) / n))" Ir -
    printf '  %-44s %14s %14s\n' "(both with the plugin)" "-Y tcp.a.f." "-Y tcpreuse"
    row "tshark -2 -r F -Y tcpreuse" "$t0" "$t1" Ir 1.10
    row "  per frame, startup taken off" "$(((t0 - s1) / n))" "$(((t1 - s1) / n))" Ir -
fi

# ---- the engine ----

# engine_runs <k> <args...>: k runs; prints each RESULT line's key=value pairs as
# "seconds heap findings pairs ns msegs", one line per run, and keeps the last full output
engine_runs() {
    local k=$1 i=0
    shift
    while [ "$i" -lt "$k" ]; do
        "$engine_bench" "$@" >"$work/engine.out" || return 1
        awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
             print r["seconds"], r["heap_bytes"], r["findings"], r["pairs"], r["ns_per_segment"], r["msegs_per_s"], r["segments"] }' \
            "$work/engine.out"
        i=$((i + 1))
    done
}

# engine_median <k> <args...>: ENG_S ENG_HEAP ENG_FIND ENG_PAIRS ENG_NS ENG_MSEGS ENG_SEGS, medians
engine_median() {
    local f=$work/engine.runs
    engine_runs "$@" >"$f" || return 1
    ENG_S=$(col 1 "$f"); ENG_HEAP=$(col 2 "$f"); ENG_FIND=$(col 3 "$f"); ENG_PAIRS=$(col 4 "$f")
    ENG_NS=$(col 5 "$f"); ENG_MSEGS=$(col 6 "$f"); ENG_SEGS=$(col 7 "$f")
    ENG_SPREAD=$(awk 'NR == 1 || $6 < lo { lo = $6 } NR == 1 || $6 > hi { hi = $6 } END { printf "%.2f to %.2f", lo, hi }' "$f")
}

figure() { # figure LABEL VALUE UNIT OP TARGET
    printf '  %-44s %14s %-12s target %s %s %s\n' "$1" "$2" "$3" "$4" "$5" "$(verdict "$2" "$4" "$5")"
}
info() { printf '  %-44s %14s %s\n' "$1" "$2" "$3"; }

if want engine; then
    echo
    small=$((connections / 10))
    echo "== the engine alone (tcpreuse-engine-bench), medians of 7 runs, the engine's thread CPU time"
    n1=100000; n10=1000000
    engine_median 7 "$n1" 20000 || die "the engine bench failed"
    s1=$ENG_S; h1=$ENG_HEAP; f1=$ENG_FIND; pairs1=$ENG_PAIRS
    engine_median 7 "$n10" 20000 || die "the engine bench failed"
    echo "  synthetic busy NAT, port pool 20000: $n10 connections ($ENG_SEGS segments, $ENG_FIND frames with findings, $ENG_PAIRS pairs)"
    figure "segments per second" "$ENG_MSEGS" "M/s" ">=" 10
    info "  its 7 runs" "$ENG_SPREAD" "M/s"
    info "ns per segment" "$ENG_NS" "ns (10M/s is 100 ns)"
    figure "10x the connections: time ratio" "$(awk -v a="$s1" -v b="$ENG_S" 'BEGIN { printf "%.2f", b / a }')" \
        "x ($s1 s -> $ENG_S s)" "<=" 10.5
    bf=$(awk -v h1="$h1" -v h2="$ENG_HEAP" -v f1="$f1" -v f2="$ENG_FIND" 'BEGIN { printf "%.0f", (h2 - h1) / (f2 - f1) }')
    bp=$(awk -v h1="$h1" -v f1="$f1" -v bf="$bf" -v p="$pairs1" 'BEGIN { printf "%.0f", (h1 - f1 * bf) / p }')
    figure "bytes per frame with a finding" "$bf" "B (heap)" "<=" 96
    info "bytes per pair" "$bp" "B (heap at $n1 connections, findings taken off)"
    info "heap held by the engine" "$(awk -v h="$ENG_HEAP" 'BEGIN { printf "%.1f", h / 1e6 }')" "MB at $n10 connections"

    engine_median 7 --pcap "$lab_pcap" || die "the engine bench failed on the lab capture"
    echo "  replay of busy-nat.pcap: $ENG_SEGS segments, $ENG_FIND frames with findings, $ENG_PAIRS pairs"
    figure "segments per second" "$ENG_MSEGS" "M/s" ">=" 10
    info "ns per segment" "$ENG_NS" "ns"
    info "heap per frame with a finding (all of it)" \
        "$(awk -v h="$ENG_HEAP" -v f="$ENG_FIND" 'BEGIN { printf "%.0f", f ? h / f : 0 }')" "B (pairs included)"

    small_pcap=$work/busy-$small.pcap
    busy_capture "$small" "$small_pcap"
    engine_median 7 --pcap "$small_pcap" || die "the engine bench failed"
    s_small=$ENG_S; segs_small=$ENG_SEGS
    engine_median 7 --pcap "$gen_pcap" || die "the engine bench failed"
    echo "  replay of generated busy $connections: $ENG_SEGS segments, $ENG_FIND frames with findings, $ENG_PAIRS pairs"
    figure "segments per second" "$ENG_MSEGS" "M/s" ">=" 10
    info "ns per segment" "$ENG_NS" "ns"
    figure "vs busy $small ($segs_small segments): time ratio" \
        "$(awk -v a="$s_small" -v b="$ENG_S" 'BEGIN { printf "%.2f", b / a }')" "x ($s_small s -> $ENG_S s)" "<=" 10.5

    if [ "$icount" = 1 ] && [ "$counter" = callgrind ]; then
        # Only the instructions inside tr_engine_process: the load's own making is left out.
        eng_ir() {
            valgrind --tool=callgrind --toggle-collect=tr_engine_process \
                --callgrind-out-file="$work/cg.engine.$1.out" "$engine_bench" "$1" 2000 2>&1 >/dev/null |
                sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
            [ -z "$keep" ] || cp "$work/cg.engine.$1.out" "$keep/callgrind.engine.$1.out"
        }
        i1=$(eng_ir 10000); i10=$(eng_ir 100000)
        echo "  instructions in tr_engine_process (callgrind), synthetic load, port pool 2000"
        info "instructions per segment" "$((i10 / 800000))" "Ir (100000 connections, 800000 segments)"
        figure "10x the connections: instruction ratio" "$(awk -v a="$i1" -v b="$i10" 'BEGIN { printf "%.2f", b / a }')" \
            "x ($i1 -> $i10)" "<=" 10.5
    fi
fi

echo
echo "done: load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
