#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tcpreuse-scan as a command: what it reads and how it fails, on variants of committed
# captures (pcap_variants.py):
#  - the same IP packets under every link-layer header it reads (raw IP, Linux cooked SLL and
#    SLL2, BSD and OpenBSD loopback), compressed (gzip; zstd and lz4 where they are), as pcapng
#    (where editcap is) and from the standard input: the same report as the Ethernet file;
#  - a file cut in the middle of a frame: exit status 4, said on stderr, and the report of the
#    frames before the cut (those frames written as a whole file);
#  - a link type it does not read: exit status 5, said once with the link type's name;
#  - no such file, a file that is no capture, no such interface: 3; a wrong option or value, or
#    options that do not go together (-r with -i, -w or --control-only with the other): 2;
#  - the reports together (--json --summary --frames) are each report alone, in that order;
#  - -w: the extract's format (the capture's, pcapng by name, gzip by name), the extract of a
#    cut file (that of the frames before the cut), and what -w refuses (the standard input,
#    the capture itself) or cannot do (a folder that does not exist: exit 1, reports printed).
#    What the plugin finds in an extract is checked by each capture's tshark test
#    (integration/check_extract.py).
# usage: check_cli.sh SCANNER SOURCE_DIR
#   PYTHON3 in the environment: the Python interpreter (default: python3)
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/scan/lib.sh
. "$here/lib.sh"
scan_test_setup cli "SCANNER SOURCE_DIR" 2 "$@"
scan=$1 src=$2

# same_report NAME REFERENCE: the reports are the same.
same_report() {
    checks=$((checks + 1))
    cmp -s "$tmp/$1.out" "$tmp/$2.out" || fail "$1: not the report of $2: $(diff "$tmp/$2.out" "$tmp/$1.out" | head -5)"
}

variants() {
    "${python[@]}" "$here/pcap_variants.py" "$@" || fail "pcap_variants.py $*"
}

for capture in story000_nat_paws ipv6_tw_reuse; do
    file=$src/captures/$capture.pcap
    expect_status 0 "$capture" -r "$file" --json
    [ -s "$tmp/$capture.out" ] || fail "$capture: no findings"
    for link in raw sll sll2 null loop; do
        variants relink "$link" "$file" "$tmp/$capture-$link.pcap"
        expect_status 0 "$capture-$link" -r "$tmp/$capture-$link.pcap" --json
        same_report "$capture-$link" "$capture"
    done
    for compressor in gzip zstd lz4; do
        command -v "$compressor" >/dev/null || continue
        "$compressor" -c "$file" >"$tmp/$capture.pcap.$compressor"
        expect_status 0 "$capture-$compressor" -r "$tmp/$capture.pcap.$compressor" --json
        same_report "$capture-$compressor" "$capture"
    done
    expect_status 0 "$capture-stdin" -r - --json <"$file"
    same_report "$capture-stdin" "$capture"
    if command -v editcap >/dev/null; then
        editcap -F pcapng "$file" "$tmp/$capture.pcapng" || fail "editcap -F pcapng $file"
        expect_status 0 "$capture-pcapng" -r "$tmp/$capture.pcapng" --json
        same_report "$capture-pcapng" "$capture"
    fi
done

# Cut in the middle of frame 14 of story 000: the report of its first 13 frames.
story=$src/captures/story000_nat_paws.pcap
variants head 13 "$story" "$tmp/first13.pcap"
head -c $(($(wc -c <"$tmp/first13.pcap") + 30)) "$story" >"$tmp/cut.pcap"
expect_status 0 first13 -r "$tmp/first13.pcap" --json
expect_status 4 cut -r "$tmp/cut.pcap" --json
same_report cut first13
grep -q 'ends early, after frame 13: it is cut short' "$tmp/cut.err" || fail "cut: stderr says $(cat "$tmp/cut.err")"

variants relink wifi "$story" "$tmp/wifi.pcap"
expect_status 5 wifi -r "$tmp/wifi.pcap"
[ "$(grep -c 'IEEE 802.11' "$tmp/wifi.err")" = 1 ] || fail "wifi: the link type not said once: $(cat "$tmp/wifi.err")"
[ -s "$tmp/wifi.out" ] && fail "wifi: a report from frames not read"

expect_status 3 missing -r "$tmp/no-such-file.pcap"
grep -q 'cannot read' "$tmp/missing.err" || fail "missing: stderr says $(cat "$tmp/missing.err")"
echo "not a capture" >"$tmp/text.pcap"
expect_status 3 text -r "$tmp/text.pcap"
expect_status 2 no-capture --json
expect_status 2 two-formats -r "$story" --json --csv
expect_status 2 bad-pref -r "$story" -o tcpreuse.no_such:1
expect_status 2 bad-value -r "$story" --time-wait=soon
expect_status 2 file-and-live -r "$story" -i lo
expect_status 2 control-only-file -r "$story" --control-only
expect_status 2 extract-live -i lo -w "$tmp/live-x.pcap"
expect_status 3 no-such-interface -i tcpreuse-no-such-if0
expect_status 0 print-filter --print-filter
grep -q '^snaplen [0-9]' "$tmp/print-filter.out" || fail "print-filter: $(head -c 300 "$tmp/print-filter.out")"

# The reports together are each alone, one after the other.
expect_status 0 json -r "$story" --json
expect_status 0 summary -r "$story" --summary
expect_status 0 frames -r "$story" --frames
expect_status 0 together -r "$story" --json --summary --frames
cat "$tmp/json.out" "$tmp/summary.out" "$tmp/frames.out" >"$tmp/each.out"
same_report together each
grep -qx 'filter: frame.number in {10, 19, 28..29, 37, 46, 55..59}' "$tmp/frames.out" ||
    fail "frames: $(cat "$tmp/frames.out")"

# -w: the format written, the extract of a cut file, and what -w refuses.
magic() { od -An -tx1 -N4 "$1" | tr -d ' '; }
expect_status 0 extract-pcap -r "$story" -w "$tmp/x.pcap"
[ "$(magic "$tmp/x.pcap")" = 4d3cb2a1 ] || fail "extract-pcap: not the capture's nanosecond pcap: $(magic "$tmp/x.pcap")"
grep -q -- '-w .*x.pcap: 66 frames of 5 connections with findings (nsecpcap)' "$tmp/extract-pcap.err" ||
    fail "extract-pcap: stderr says $(cat "$tmp/extract-pcap.err")"
expect_status 0 extract-pcapng -r "$story" -w "$tmp/x.pcapng"
[ "$(magic "$tmp/x.pcapng")" = 0a0d0d0a ] || fail "extract-pcapng: not pcapng: $(magic "$tmp/x.pcapng")"
expect_status 0 extract-gz -r "$story" -w "$tmp/x.pcap.gz"
[ "$(od -An -tx1 -N2 "$tmp/x.pcap.gz" | tr -d ' ')" = 1f8b ] || fail "extract-gz: not gzip-compressed"
for written in x.pcap x.pcapng x.pcap.gz; do
    expect_status 0 "extract-$written-read" -r "$tmp/$written" --json
    same_report "extract-$written-read" json
done
expect_status 0 first13-extract -r "$tmp/first13.pcap" -w "$tmp/first13-x.pcap"
expect_status 4 cut-extract -r "$tmp/cut.pcap" -w "$tmp/cut-x.pcap"
checks=$((checks + 1))
cmp -s "$tmp/first13-x.pcap" "$tmp/cut-x.pcap" || fail "cut-extract: not the extract of the frames before the cut"
expect_status 2 extract-stdin -r - -w "$tmp/stdin-x.pcap" <"$story"
cp "$story" "$tmp/itself.pcap"
expect_status 2 extract-itself -r "$tmp/itself.pcap" -w "$tmp/itself.pcap"
cmp -s "$story" "$tmp/itself.pcap" || fail "extract-itself: the capture was overwritten"
expect_status 1 extract-nowhere -r "$story" --json -w "$tmp/no-such-folder/x.pcap"
same_report extract-nowhere json

scan_test_end "tcpreuse-scan's reading, reports and exit statuses"
