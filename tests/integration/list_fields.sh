#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the fields tshark knows with the tcpreuse plugin loaded to OUT, one
# `abbrev<TAB>type` line each (FT_PROTOCOL for a protocol), sorted bytewise: what the
# other tshark tests read, so that tshark lists them once for all of them. Only the
# protocols the tests can read are kept (frame, tcpreuse, _ws: check_capture.sh's PDML
# and the field contract): every test reads the list, a tenth of a second for the whole.
# usage: list_fields.sh TSHARK PLUGIN OUT [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 3 ] || { echo "usage: $0 TSHARK PLUGIN OUT [MAJOR.MINOR]" >&2; exit 2; }
out=$3
rm -f "$out"  # never leave an older list for the tests to read
tshark_env_setup "$1" "$2" "${4:-}" || exit 1
if ! tshark_run -G fields >"$TSHARK_TMP/fields.txt" 2>"$TSHARK_TMP/fields.err"; then
    echo "FAIL: tshark -G fields: $(head -c 600 "$TSHARK_TMP/fields.err")"
    exit 1
fi
awk -F'\t' 'function kept(a) { return a ~ /^(frame|tcpreuse|_ws)($|\.)/ }
    $1 == "F" && kept($3) { print $3 "\t" $4 } $1 == "P" && kept($3) { print $3 "\tFT_PROTOCOL" }' \
    "$TSHARK_TMP/fields.txt" | LC_ALL=C sort -u >"$TSHARK_TMP/types.txt" &&
    mv "$TSHARK_TMP/types.txt" "$out" || exit 1
echo "ok: $(wc -l <"$out") fields and protocols of frame, tcpreuse and _ws"
