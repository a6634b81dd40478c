#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Re-run the real-stack lab into a temporary directory and check the plugin
# against the fresh kernel counters (the `lab` target). Needs root and network
# namespaces; exits 77 (ctest SKIP) with a message where they are unavailable.
# usage: lab-check.sh [--plugin PATH] [--busy]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plugin_args=() busy=--no-busy
while [ $# -gt 0 ]; do
	case $1 in
	--plugin) plugin_args=(--plugin "$2"); shift 2 ;;
	--busy) busy=""; shift ;;
	*) echo "lab-check.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
if [ "$(id -u)" -ne 0 ]; then
	echo "lab-check.sh: SKIP: the lab needs root (network namespaces)" >&2; exit 77
fi
if ! ip netns add "trl-probe-$$" 2>/dev/null; then
	echo "lab-check.sh: SKIP: cannot create network namespaces here" >&2; exit 77
fi
ip netns del "trl-probe-$$"
out=$(mktemp -d /tmp/trl-labrun.XXXXXX)
trap 'rm -rf "$out"' EXIT
"$here/run-all.sh" --out "$out" $busy
rc=0
"$here/check.sh" "${plugin_args[@]}" --dir "$out" || rc=$?
exit $rc
