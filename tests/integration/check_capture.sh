#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs tshark with the tcpreuse plugin over one capture, single pass and with -2, and
# checks it against the capture's expectation file (format: expect/README.md). Also
# checks that tshark exits 0, reports no dissector bug, and finds no more malformed
# packets with the plugin than without it.
# usage: check_capture.sh TSHARK PLUGIN CAPTURE EXPECT [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 4 ] || { echo "usage: $0 TSHARK PLUGIN CAPTURE EXPECT [MAJOR.MINOR]" >&2; exit 2; }
capture_src=$3
expect=$4
if [ ! -f "$expect" ]; then
    echo "FAIL: no expectations for $(basename "$capture_src") (wanted $expect)"
    exit 1
fi
tshark_env_setup "$1" "$2" "${5:-}" || exit 1
capture=$(tshark_env_add "$capture_src") || exit 1

# The checks, one per index: which passes, kind (filter/value), frame, what, wanted, where.
c_passes=() c_kind=() c_frame=() c_what=() c_want=() c_where=()

squeeze() {  # one line, single spaces, no spaces at the ends
    tr '\n' ' ' | sed -e 's/[[:space:]][[:space:]]*/ /g' -e 's/^ //' -e 's/ $//'
}

read_expect() {
    local file=$1 n=0 line passes
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        line=$(printf '%s' "$line" | sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
        case $line in '' | '#'*) continue ;; esac
        if [[ $line =~ ^include[[:space:]]+(.+)$ ]]; then
            read_expect "$(dirname "$file")/${BASH_REMATCH[1]}" || return 1
            continue
        fi
        passes="1 2"
        if [[ $line =~ ^([12]):(.*)$ ]]; then
            passes=${BASH_REMATCH[1]}
            line=${BASH_REMATCH[2]}
        fi
        c_passes+=("$passes")
        c_where+=("$(basename "$file"):$n")
        if [[ $line =~ ^@([0-9]+)[[:space:]]+([^[:space:]]+)[[:space:]]+=[[:space:]]*(.*)$ ]]; then
            c_kind+=(value)
            c_frame+=("${BASH_REMATCH[1]}")
            c_what+=("${BASH_REMATCH[2]}")
            c_want+=("$(printf '%s' "${BASH_REMATCH[3]}" | squeeze)")
        elif [[ $line =~ ^(.*[^[:space:]])[[:space:]]+=[[:space:]]*([^=]*)$ ]]; then
            c_kind+=(filter)
            c_frame+=(0)
            c_what+=("${BASH_REMATCH[1]}")
            c_want+=("$(printf '%s' "${BASH_REMATCH[2]}" | squeeze)")
        else
            echo "FAIL: $(basename "$file"):$n: cannot read '$line'"
            return 1
        fi
    done <"$file"
}
read_expect "$expect" || exit 1

failures=0
checks=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# check_health PASS ARGS...: exit status, stderr, dissector bugs, malformed packets.
check_health() {
    local pass=$1
    shift
    local out="$TSHARK_TMP/full.$pass" err="$TSHARK_TMP/full.$pass.err" rc
    tshark_run -r "$capture" "$@" -V >"$out" 2>"$err"
    rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 0 ] || fail "[pass $pass] tshark -V exited $rc: $(head -c 600 "$err")"
    if grep -Eq 'tcpreuse|CRITICAL|WARNING|ERROR' "$err"; then
        fail "[pass $pass] tshark -V stderr: $(head -c 600 "$err")"
    fi
    if grep -qi 'dissector bug' "$out"; then
        fail "[pass $pass] dissector bug: $(grep -i -m 3 'dissector bug' "$out")"
    fi
    local with without
    with=$(grep -c 'Malformed Packet' "$out")
    without=$(tshark_run_plain -r "$capture" "$@" -V 2>/dev/null | grep -c 'Malformed Packet')
    [ "$with" -eq "$without" ] ||
        fail "[pass $pass] $with malformed-packet marks with the plugin, $without without"
}

# The field values of every frame for the value checks of one pass, tab-separated,
# each field once (tshark leaves all but the last of repeated -e columns empty):
# value_fields lists them in column order, from column 2 on.
value_table() {
    local pass=$1 i
    shift
    value_fields=()
    for i in "${!c_kind[@]}"; do
        [ "${c_kind[$i]}" = value ] && [[ " ${c_passes[$i]} " == *" $pass "* ]] || continue
        [[ " ${value_fields[*]} " == *" ${c_what[$i]} "* ]] || value_fields+=("${c_what[$i]}")
    done
    [ ${#value_fields[@]} -gt 0 ] || return 0
    local args=()
    for i in "${value_fields[@]}"; do args+=(-e "$i"); done
    tshark_run -r "$capture" "$@" -T fields -E separator=/t -E occurrence=a -E aggregator=, \
        -e frame.number "${args[@]}" 2>"$TSHARK_TMP/values.err" >"$TSHARK_TMP/values.$pass" ||
        fail "[pass $pass] reading the fields failed: $(head -c 600 "$TSHARK_TMP/values.err")"
}

value_column() {  # the column of field $1 in the value table
    local i
    for i in "${!value_fields[@]}"; do
        [ "${value_fields[$i]}" = "$1" ] && { echo $((i + 2)); return; }
    done
}

run_pass() {
    local pass=$1 i got
    shift
    check_health "$pass" "$@"
    value_table "$pass" "$@"
    for i in "${!c_kind[@]}"; do
        [[ " ${c_passes[$i]} " == *" $pass "* ]] || continue
        checks=$((checks + 1))
        if [ "${c_kind[$i]}" = filter ]; then
            if ! got=$(tshark_run -r "$capture" "$@" -Y "${c_what[$i]}" -T fields -e frame.number \
                2>"$TSHARK_TMP/filter.err"); then
                fail "${c_where[$i]} [pass $pass] -Y '${c_what[$i]}' failed: $(head -c 300 "$TSHARK_TMP/filter.err")"
                continue
            fi
            got=$(printf '%s' "$got" | squeeze)
            [ "$got" = "${c_want[$i]}" ] ||
                fail "${c_where[$i]} [pass $pass] -Y '${c_what[$i]}': expected frames '${c_want[$i]}', got '$got'"
        else
            if ! awk -F'\t' -v f="${c_frame[$i]}" '$1 == f { found = 1 } END { exit !found }' \
                "$TSHARK_TMP/values.$pass" 2>/dev/null; then
                fail "${c_where[$i]} [pass $pass] frame ${c_frame[$i]}: no such frame in the output"
                continue
            fi
            got=$(awk -F'\t' -v f="${c_frame[$i]}" -v c="$(value_column "${c_what[$i]}")" \
                '$1 == f { print $c }' "$TSHARK_TMP/values.$pass")
            [ "$got" = "${c_want[$i]}" ] ||
                fail "${c_where[$i]} [pass $pass] frame ${c_frame[$i]} ${c_what[$i]}: expected '${c_want[$i]}', got '$got'"
        fi
    done
}

run_pass 1
run_pass 2 -2

name=$(basename "$capture_src")
if [ "$failures" -gt 0 ]; then
    echo "$name: $failures of $checks checks failed"
    exit 1
fi
echo "PASS: $name, $checks checks"
