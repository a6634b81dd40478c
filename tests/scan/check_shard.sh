#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tcpreuse-scan --shard K/N and merge: three shards put together print exactly what one process
# prints (findings as JSON lines, the summary, the frames; also each report alone), on
#  - the lab's busy NAT (captures/lab/busy-nat.pcap.gz) and a generated busy NAT
#    (tcpreuse-pcapgen busy 5000): one address pair each, so one shard holds every finding and
#    the others none (the key keeps an address pair whole, scan/shard.h);
#  - every committed capture one after the other in one file (mergecap -a): hundreds of address
#    pairs that the shards share;
# and that merge refuses what is not a whole: a shard missing or given twice, shards of another
# N or other options, an output cut short, overlapping shards.
# usage: check_shard.sh SCANNER PCAPGEN SOURCE_DIR
set -u
# shellcheck source=tests/scan/lib.sh
. "$(dirname "$0")/lib.sh"
scan_test_setup shard "SCANNER PCAPGEN SOURCE_DIR" 3 "$@"
scan=$1 pcapgen=$2 src=$3

# sharded NAME CAPTURE N REPORTS...: one run and N shards merged give the same output; prints
# how many findings each shard had.
sharded() {
    local name=$1 capture=$2 n=$3 k spread= before=$failures
    shift 3
    checks=$((checks + 1))
    "$scan" -r "$capture" "$@" >"$tmp/$name.single" 2>/dev/null
    local want=$?
    local outputs=()
    for ((k = 1; k <= n; k++)); do
        "$scan" -r "$capture" "$@" --shard "$k/$n" >"$tmp/$name.$k" 2>/dev/null
        local rc=$?
        [ "$rc" -eq "$want" ] || fail "$name: shard $k/$n exited $rc, one process $want"
        outputs+=("$tmp/$name.$k")
        spread="$spread $(grep -c '^{"frame":' "$tmp/$name.$k")"
    done
    "$scan" merge "${outputs[@]}" >"$tmp/$name.merged" 2>"$tmp/$name.err"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "$name: merge exited $rc, one process $want: $(head -c 300 "$tmp/$name.err")"
    cmp -s "$tmp/$name.single" "$tmp/$name.merged" ||
        fail "$name: merged shards differ from one process: $(diff "$tmp/$name.single" "$tmp/$name.merged" | head -5)"
    [ "$failures" -eq "$before" ] || return
    echo "ok: $name: $n shards merged = one process ($(wc -l <"$tmp/$name.single") lines; frames with findings per shard:$spread)"
}

# refused NAME WANT ARGS...: merge refuses, with exit status WANT.
refused() {
    local name=merge-$1 want=$2
    shift 2
    expect_status "$want" "$name" merge "$@"
    [ -s "$tmp/$name.err" ] || fail "$name: nothing said on stderr"
}

"$pcapgen" busy 5000 "$tmp/busy-5000.pcap" >/dev/null || fail "tcpreuse-pcapgen busy 5000"
busy_lab=$src/captures/lab/busy-nat.pcap.gz
for capture in "$busy_lab" "$tmp/busy-5000.pcap"; do
    name=$(basename "$capture" | sed 's/\..*//')
    sharded "$name" "$capture" 3 --json --summary --frames
done

if command -v mergecap >/dev/null; then
    mergecap -a -w "$tmp/corpus.pcapng" "$src"/captures/*.pcap "$src"/captures/lab/*.pcap* 2>/dev/null ||
        fail "mergecap -a of the committed captures"
    sharded corpus "$tmp/corpus.pcapng" 3 --json --summary --frames
    sharded corpus-findings "$tmp/corpus.pcapng" 3 --json
    sharded corpus-summary "$tmp/corpus.pcapng" 3 --summary
    sharded corpus-frames "$tmp/corpus.pcapng" 3 --frames
    sharded corpus-7 "$tmp/corpus.pcapng" 7 --summary -o tcpreuse.time_wait:120
else
    echo "note: mergecap not found: the committed captures in one file are not sharded"
fi

# What merge refuses (outputs of the lab's busy NAT, 3 shards).
s=$tmp/busy-nat
refused missing-shard 3 "$s.1" "$s.2"
refused twice 3 "$s.1" "$s.2" "$s.2"
"$scan" -r "$busy_lab" --json --summary --frames --shard 1/2 >"$tmp/other-n" 2>/dev/null
refused other-n 3 "$tmp/other-n" "$s.2" "$s.3"
"$scan" -r "$busy_lab" --json --summary --frames --shard 1/3 --time-wait 30 >"$tmp/other-options" 2>/dev/null
refused other-options 3 "$tmp/other-options" "$s.2" "$s.3"
head -n 20 "$s.1" >"$tmp/cut"
refused cut-short 3 "$tmp/cut" "$s.2" "$s.3"
sed -n '1p' "$s.2" >"$tmp/overlap"
sed -n '2,$p' "$s.1" | sed 's/"tcpreuse_scan_shard_end":"1\/3"/"tcpreuse_scan_shard_end":"2\/3"/' >>"$tmp/overlap"
refused overlap 3 "$s.1" "$tmp/overlap" "$s.3"
refused no-shard-output 3 "$busy_lab" "$s.2" "$s.3"
refused no-arguments 2

scan_test_end "tcpreuse-scan --shard and merge"
