#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tshark loads the tcpreuse plugin and registers every contract field with its type, as
# list_fields.sh's `tshark -G fields` of the plugin shows (its own tshark run would prove no
# more; `tshark -G plugins` is checked by scripts/matrix-run.sh and captures/lab/check.sh).
# usage: check_registration.sh CONTRACT_FIELDS FIELDS
#   FIELDS: the fields tshark knows with the plugin (list_fields.sh)
set -u
[ $# -eq 2 ] || { echo "usage: $0 CONTRACT_FIELDS FIELDS" >&2; exit 2; }
contract=$1
fields=$2

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

grep -qx 'tcpreuse	FT_PROTOCOL' "$fields" || fail "no protocol 'tcpreuse' in $fields"

# The contract's fields in the list, in one pass over it.
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
