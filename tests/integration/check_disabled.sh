#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Disabling the protocol (tshark --disable-protocol tcpreuse, the GUI's Enabled Protocols)
# turns the analysis off: the post-dissector, registered under a helper protocol of tcpreuse
# (proto.c), is enabled with tcpreuse and no other way. On a capture where tcpreuse flags
# frames (checked first, the same two-pass run enabled), no frame has a tcpreuse item.
# usage: check_disabled.sh TSHARK PLUGIN CAPTURE [MAJOR.MINOR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../scripts/tshark_env.sh"
[ $# -ge 3 ] || { echo "usage: $0 TSHARK PLUGIN CAPTURE [MAJOR.MINOR]" >&2; exit 2; }
tshark_env_setup "$1" "$2" "${4:-}" || exit 1
capture=$(tshark_env_add "$3") || exit 1

# flagged ARGS...: how many frames the two-pass run shows with a tcpreuse item
flagged() {
    local out
    out=$(tshark_run -2 -r "$capture" -Y tcpreuse -T fields -e frame.number "$@" 2>"$TSHARK_TMP/err") || {
        echo "FAIL: tshark $*: $(head -c 300 "$TSHARK_TMP/err")" >&2
        return 1
    }
    grep -c . <<<"$out" || true  # no line: 0, with grep's status 1
}

enabled=$(flagged) || exit 1
[ "$enabled" -gt 0 ] || { echo "FAIL: no frame flagged with tcpreuse enabled: the check below could not fail"; exit 1; }
disabled=$(flagged --disable-protocol tcpreuse) || exit 1
if [ "$disabled" -ne 0 ]; then
    echo "FAIL: $disabled frames still carry a tcpreuse item with the protocol disabled"
    exit 1
fi
echo "PASS: $enabled frames flagged enabled, none disabled"
