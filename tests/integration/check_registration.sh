#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tshark loads the tcpreuse plugin and registers every contract field with its type.
# usage: check_registration.sh TSHARK PLUGIN CONTRACT_FIELDS [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 3 ] || { echo "usage: $0 TSHARK PLUGIN CONTRACT_FIELDS [MAJOR.MINOR]" >&2; exit 2; }
contract=$3
tshark_env_setup "$1" "$2" "${4:-}" || exit 1

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

if ! tshark_run -G plugins 2>&1 | grep -Eq '^tcpreuse\.so[[:space:]]'; then
    fail "tshark -G plugins does not list tcpreuse.so"
fi

fields="$TSHARK_TMP/fields.txt"
tshark_run -G fields >"$fields" 2>"$TSHARK_TMP/fields.err" || fail "tshark -G fields failed"
if ! awk -F'\t' '$1 == "P" && $3 == "tcpreuse" { found = 1 } END { exit !found }' "$fields"; then
    fail "no protocol 'tcpreuse' in tshark -G fields"
fi

checked=0
while read -r name types; do
    case $name in '' | '#'*) continue ;; esac
    checked=$((checked + 1))
    type=$(awk -F'\t' -v n="$name" '$1 == "F" && $3 == n { print $4; exit }' "$fields")
    if [ -z "$type" ]; then
        fail "field $name is not registered"
    elif ! [[ $type =~ ^($types)$ ]]; then
        fail "field $name is $type, expected $types"
    fi
done <"$contract"

if [ "$failures" -gt 0 ]; then
    echo "$failures of $checked contract fields (and the plugin listing) failed"
    exit 1
fi
echo "PASS: tcpreuse listed, $checked contract fields registered with their types"
