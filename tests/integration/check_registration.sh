#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tshark loads the tcpreuse plugin and registers every contract field with its type.
# usage: check_registration.sh TSHARK PLUGIN CONTRACT_FIELDS FIELDS [MAJOR.MINOR]
#   FIELDS: the fields tshark knows with the plugin (list_fields.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 4 ] || { echo "usage: $0 TSHARK PLUGIN CONTRACT_FIELDS FIELDS [MAJOR.MINOR]" >&2; exit 2; }
contract=$3
fields=$4
tshark_env_setup "$1" "$2" "${5:-}" || exit 1

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

if ! tshark_run -G plugins 2>&1 | grep -Eq '^tcpreuse\.so[[:space:]]'; then
    fail "tshark -G plugins does not list tcpreuse.so"
fi
grep -qx 'tcpreuse	FT_PROTOCOL' "$fields" || fail "no protocol 'tcpreuse' in $fields"

# The contract's fields in the list, in one pass over its 200,000 and more lines.
registered=$(awk -F'\t' 'NR == FNR { split($0, w, /[ \t]+/); if (w[1] !~ /^(#|$)/) want[w[1]]; next }
    $1 in want' "$contract" "$fields")
checked=0
while read -r name types; do
    case $name in '' | '#'*) continue ;; esac
    checked=$((checked + 1))
    type=$(awk -F'\t' -v n="$name" '$1 == n { print $2; exit }' <<<"$registered")
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
