#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The precision corpus is complete: every committed capture (captures/*.pcap and
# captures/lab/*.pcap[.gz]) has an expectation with a check over the whole protocol
# (`tcpreuse = <frames>`, or `tcpreuse && !(<the kinds it holds>) =`, in both passes), so that
# its tshark test fails on any finding the expectation does not name.
# usage: check_corpus.sh SOURCE_DIR EXPECT_DIR
set -u
[ $# -eq 2 ] || { echo "usage: $0 SOURCE_DIR EXPECT_DIR" >&2; exit 2; }
src=$1 expect=$2
missing=0 checked=0
# whole_check FILE PASS: the file (or a file it includes) checks the whole protocol in PASS.
# Bash alone (no process per file): it runs over every expectation on every test run.
whole_check() {
    local file=$1 pass=$2 line lines
    mapfile -t lines <"$file"
    for line in "${lines[@]}"; do
        [[ $line =~ ^(${pass}:)?tcpreuse(\ =|\ \&\&) ]] && return 0
    done
    for line in "${lines[@]}"; do
        [[ $line =~ ^include[[:space:]]+(.+)$ ]] && whole_check "${file%/*}/${BASH_REMATCH[1]}" "$pass" && return 0
    done
    return 1
}
for capture in "$src"/captures/*.pcap "$src"/captures/lab/*.pcap "$src"/captures/lab/*.pcap.gz; do
    [ -e "$capture" ] || continue
    name=${capture##*/}; name=${name%.gz}; name=${name%.pcap}
    file=$expect/$name.expect
    case $capture in */lab/*) file=$expect/lab/$name.expect ;; esac
    checked=$((checked + 1))
    if [ ! -f "$file" ]; then
        echo "FAIL: $capture has no expectation ($file)"
        missing=$((missing + 1))
        continue
    fi
    for pass in 1 2; do
        if ! whole_check "$file" "$pass"; then
            echo "FAIL: $file has no check over the whole protocol for pass $pass"
            missing=$((missing + 1))
        fi
    done
done
[ "$checked" -gt 0 ] || { echo "FAIL: no capture found under $src/captures"; exit 1; }
[ "$missing" -eq 0 ] || exit 1
echo "PASS: $checked captures, each with every finding accounted for"
