#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs tshark with the tcpreuse plugin over one capture, once single pass and once with
# -2, each time printing every frame in full (PDML: every field with its value and its
# label, the whole tree -V prints), and checks each run:
#  - its health: tshark exits 0, says nothing of tcpreuse, CRITICAL, WARNING or ERROR on
#    stderr, reports no dissector bug, and marks no more packets Malformed than tshark
#    without the plugin in the same mode;
#  - the capture's expectation file (format: expect/README.md), by check_expect.py;
#  - with a <capture>.stats beside the expectation file, the statistics tree the two-pass run
#    prints after its PDML (-z tcpreuse,tree), by check_stats.sh;
#  - for a capture of the real-stack lab (a .truth file beside it), the two-pass run's
#    verdicts against the kernel's counters (captures/lab/check.py), read with the
#    preferences of the lab's server (check.py --tshark-options);
#  - with TCPREUSE_SCAN set, that tcpreuse-scan reports the capture as the two-pass run does:
#    the same frames with the same fields and texts, the same statistics tree (check_scan.py,
#    one scan with the same preferences); and that the plugin on the scan's extract (-w) finds
#    what the scan found on the extract's 4-tuples (check_extract.py, a two-pass run on the
#    extract when it is smaller than the capture).
# usage: check_capture.sh TSHARK PLUGIN CAPTURE EXPECT FIELDS [MAJOR.MINOR]
#   FIELDS: the fields tshark knows with the plugin (list_fields.sh)
#   PYTHON3 in the environment: the Python interpreter (default: python3)
#   TCPREUSE_SCAN in the environment: the built tcpreuse-scan (optional)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 5 ] || { echo "usage: $0 TSHARK PLUGIN CAPTURE EXPECT FIELDS [MAJOR.MINOR]" >&2; exit 2; }
capture_src=$3
expect=$4
fields=$5
name=$(basename "$capture_src")
if [ ! -f "$expect" ]; then
    echo "FAIL: no expectations for $name (wanted $expect)"
    exit 1
fi
# `prefs NAME:VALUE` lines of the expectation: tshark preferences for both passes (-o), e.g.
# a small tcpreuse.max_pairs. The baseline run without the plugin gets none (it would not
# know the tcpreuse ones).
prefs=()
while read -r word pref _; do
    [ "$word" = prefs ] && [ -n "$pref" ] && prefs+=(-o "$pref")
done <"$expect"
tshark_env_setup "$1" "$2" "${6:-}" || exit 1
capture=$(tshark_env_add "$capture_src") || exit 1
python=("${PYTHON3:-python3}" -I -S -B)  # the standard library is all it needs; no bytecode left
truth=${capture_src%.pcap*}.truth
lab=()
if [ -f "$truth" ]; then
    lab=(--lab "$truth" "$capture_src")
    read -r -a lab_prefs <<<"$("${python[@]}" "$here/../../captures/lab/check.py" --tshark-options "$truth")"
    prefs+=(${lab_prefs[@]+"${lab_prefs[@]}"})
fi

failures=0 checks=0 baselines=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# The "Malformed Packet" marks -V would print: hidden ones are left out, as -V leaves them
# out (the plugin's own expert infos of group Malformed, tcpreuse.expert.truncated, add a
# hidden one).
malformed_marks() {
    grep 'Malformed Packet' "$1" | grep -vc 'hide="yes"'
}

# run_pass PASS [TSHARK ARGS...]: the run with the plugin and its health.
run_pass() {
    local pass=$1
    shift
    local out="$TSHARK_TMP/pass$pass.pdml" err="$TSHARK_TMP/pass$pass.err" rc
    # Only the protocols the checks read (check_expect.py's PDML_PROTOCOLS): the dissection
    # and its tree are the same, the output a tenth of the whole on a busy capture.
    # The two-pass run also prints the statistics tree, after the PDML.
    local with_tree=()
    [ "$pass" = 2 ] && with_tree=(${tree[@]+"${tree[@]}"})
    tshark_run -r "$capture" ${prefs[@]+"${prefs[@]}"} "$@" ${with_tree[@]+"${with_tree[@]}"} \
        -T pdml -J "frame tcpreuse _ws.malformed" >"$out" 2>"$err"
    rc=$?
    if [ ${#with_tree[@]} -gt 0 ]; then
        awk -v pdml="$out.only" -v table="$TSHARK_TMP/tree.txt" \
            '{ print > (done ? table : pdml) } /^<\/pdml>$/ { done = 1 }' "$out" && mv "$out.only" "$out"
    fi
    checks=$((checks + 4))
    [ "$rc" -eq 0 ] || fail "[pass $pass] tshark exited $rc: $(head -c 600 "$err")"
    if grep -Eq 'tcpreuse|CRITICAL|WARNING|ERROR' "$err"; then
        fail "[pass $pass] tshark stderr: $(head -c 600 "$err")"
    fi
    if grep -qi 'dissector bug' "$out"; then
        fail "[pass $pass] dissector bug: $(grep -i -m 3 'dissector bug' "$out")"
    fi
    # Without marks there cannot be more than without the plugin: the baseline run is
    # only needed when the plugin's run has some.
    local with without
    with=$(malformed_marks "$out")
    if [ "$with" -gt 0 ]; then
        baselines=$((baselines + 1))
        tshark_run_plain -r "$capture" "$@" -T pdml -J "frame _ws.malformed" >"$TSHARK_TMP/plain$pass.pdml" 2>/dev/null
        without=$(malformed_marks "$TSHARK_TMP/plain$pass.pdml")
        [ "$with" -le "$without" ] ||
            fail "[pass $pass] $with malformed-packet marks with the plugin, $without without"
    fi
}

stats=${expect%.expect}.stats
scan=${TCPREUSE_SCAN:-}
tree=()
if [ -f "$stats" ] || [ -n "$scan" ]; then
    tree=(-z tcpreuse,tree)
fi
run_pass 1
run_pass 2 -2
echo "health: $checks checks of 2 tshark runs with the plugin, $baselines baseline runs without"
if [ -f "$stats" ]; then
    bash "$here/check_stats.sh" "$TSHARK_TMP/tree.txt" "$stats" || failures=$((failures + 1))
fi
if [ -n "$scan" ]; then
    # The scanner takes the plugin's preferences as tshark does (-o tcpreuse.NAME:VALUE).
    scan_prefs=()
    for ((i = 1; i < ${#prefs[@]}; i += 2)); do
        [[ ${prefs[i]} == tcpreuse.* ]] && scan_prefs+=(-o "${prefs[i]}")
    done
    # The same scan writes the extract (-w): in the capture's format, pcapng for the lab's.
    extract=$TSHARK_TMP/extract.pcap
    [ -f "$truth" ] && extract=$TSHARK_TMP/extract.pcapng
    "$scan" -r "$capture_src" ${scan_prefs[@]+"${scan_prefs[@]}"} --json --summary -w "$extract" \
        >"$TSHARK_TMP/scan.out" 2>"$TSHARK_TMP/scan.err"
    rc=$?
    [ "$rc" -eq 0 ] || fail "tcpreuse-scan exited $rc: $(head -c 600 "$TSHARK_TMP/scan.err")"
    "${python[@]}" "$here/check_scan.py" "$TSHARK_TMP/pass2.pdml" "$TSHARK_TMP/tree.txt" "$TSHARK_TMP/scan.out" ||
        failures=$((failures + 1))
    # The plugin's two-pass run on the extract, when it is not the whole capture (check_extract.py
    # then only checks that it is).
    extract_pdml=-
    if [ "$(grep -o '^tcpreuse-scan: -w [^:]*: [0-9]*' "$TSHARK_TMP/scan.err" | awk '{ print $NF }')" != \
         "$(grep -c '<packet>' "$TSHARK_TMP/pass2.pdml")" ]; then
        extract_pdml=$TSHARK_TMP/extract.pdml
        chmod 644 "$extract" # in TSHARK_TMP, where tshark (run as nobody) reads
        tshark_run -r "$extract" ${prefs[@]+"${prefs[@]}"} -2 -T pdml -J "frame tcpreuse" \
            >"$extract_pdml" 2>"$TSHARK_TMP/extract.err" ||
            fail "tshark on the extract: $(head -c 600 "$TSHARK_TMP/extract.err")"
    fi
    "${python[@]}" "$here/check_extract.py" "$TSHARK_TMP/scan.out" "$capture_src" "$extract" "$extract_pdml" \
        "$fields" || failures=$((failures + 1))
fi
"${python[@]}" "$here/check_expect.py" "$fields" "$expect" \
    "$TSHARK_TMP/pass1.pdml" "$TSHARK_TMP/pass2.pdml" "${lab[@]}" || failures=$((failures + 1))

if [ "$failures" -gt 0 ]; then
    echo "FAIL: $name"
    exit 1
fi
echo "PASS: $name"
