#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 10: a SYN meeting an orphaned FIN_WAIT2 (issue 9). Two namespaces joined by a veth,
# no NAT: the server closes every connection at once, the client acknowledges the FIN and keeps
# its socket (CLOSE_WAIT), so the server's socket, orphaned, becomes a timewait socket in
# substate FIN_WAIT2 (tcp_rcv_state_process() -> tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)). Then a
# SYN on the same 4-tuple, sent from a raw socket: at rcv_nxt, at rcv_nxt + 1000 (in the
# window), at rcv_nxt - 100000 (out of it, followed by an RST at rcv_nxt).
# Writes fin-wait2.pcap (captured at the server) and fin-wait2.notes (what ss and nstat said).
# Standalone (no lib.sh): it needs ip, nstat, ss, python3 and dumpcap or tcpdump, not iptables.
# Not part of run-all.sh / check.py: its expectation is expect/lab/fin-wait2.expect.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${LAB_OUT:-$here}
[ "$(id -u)" = 0 ] || { echo "s10: SKIP: must run as root" >&2; exit 77; }
C=trl-fw2-c S=trl-fw2-s
work=$(mktemp -d)
pids=()
cleanup() {
	set +e
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	ip netns del $C 2>/dev/null; ip netns del $S 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
ip netns add $C
ip netns add $S
ip link add eth0 netns $C type veth peer name eth0 netns $S
ip -n $C addr add 10.77.0.2/24 dev eth0
ip -n $S addr add 10.77.0.1/24 dev eth0
for ns in $C $S; do ip -n $ns link set eth0 up; ip -n $ns link set lo up; done
ip netns exec $S sysctl -qw net.ipv4.tcp_fin_timeout=60
if command -v tcpdump >/dev/null; then
	ip netns exec $S tcpdump -q -s 128 -i eth0 -U -w "$work/cap.pcap" tcp 2>/dev/null &
else
	ip netns exec $S dumpcap -q -s 128 -i eth0 -f tcp -w "$work/cap.pcap" 2>/dev/null &
fi
pids+=($!)
ip netns exec $S python3 "$here/fin_wait2_peer.py" server 8080 "$work/ready" &
pids+=($!)
for _ in $(seq 50); do [ -e "$work/ready" ] && break; sleep 0.1; done
sleep 1
ip netns exec $S nstat -n
{
	echo "# s11-fin-wait2 run $(date -u +%FT%TZ), kernel $(uname -r), server tcp_fin_timeout $(ip netns exec $S sysctl -n net.ipv4.tcp_fin_timeout), tcp_rfc1337 $(ip netns exec $S sysctl -n net.ipv4.tcp_rfc1337)"
	for k in inwin:50001 ahead:50002 oow:50003; do
		ip netns exec $C python3 "$here/fin_wait2_peer.py" client 10.77.0.2 10.77.0.1 "${k#*:}" 8080 "${k%%:*}" $S
		sleep 0.5
	done
	echo "# server nstat deltas"
	ip netns exec $S nstat -sz | grep -E "TcpOutRsts|TcpEstabResets|TcpExtTW |TcpExtTCPACKSkippedFinWait2|TcpExtTCPSYNChallenge|TcpExtTCPChallengeACK|TcpExtPAWS"
} >"$work/notes"
sleep 1
kill -INT "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
cp "$work/cap.pcap" "$out/fin-wait2.pcap"
cp "$work/notes" "$out/fin-wait2.notes"
chmod 644 "$out/fin-wait2.pcap" "$out/fin-wait2.notes"
cat "$out/fin-wait2.notes"
