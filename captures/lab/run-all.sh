#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every lab scenario (root only). Captures and truth files go to --out
# (default: this directory, i.e. they replace the committed ones).
# usage: run-all.sh [--out DIR] [--no-busy] [--busy-only] [--no-slow]
#   --no-slow: skip s8-tw-restart (it waits out TIME_WAIT restarts: ~2.5 min)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here busy=1 small=1 slow=1
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift 2 ;;
	--no-busy) busy=0; shift ;;
	--busy-only) small=0; shift ;;
	--no-slow) slow=0; shift ;;
	*) echo "run-all.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
if [ "$(id -u)" -ne 0 ]; then
	echo "run-all.sh: SKIP: must run as root (network namespaces, veth, iptables)" >&2
	exit 77
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ $small = 1 ]; then
	for s in s1-nat-tw-paws s2-nat-client-closes s3-forgotten-conn s4-refused-abort s5-nat-tw-paws-v6 s7-nat-tw-ts2 s9-rfc1337 s10-ecn-middlebox; do
		echo "run-all: $s" >&2
		LAB_OUT=$out "$here/$s.sh"
	done
fi
if [ $small = 1 ] && [ $slow = 1 ]; then
	echo "run-all: s8-tw-restart (about 2.5 minutes)" >&2
	LAB_OUT=$out "$here/s8-tw-restart.sh"
fi
if [ $busy = 1 ]; then
	echo "run-all: s6-busy-nat" >&2
	LAB_OUT=$out "$here/s6-busy-nat.sh"
fi
echo "run-all: done; captures in $out" >&2
