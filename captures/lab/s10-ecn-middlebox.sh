#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 10: ECN-setup SYNs blocked by a middlebox (RFC 3360), no NAT.
# The client requests ECN on its SYNs (net.ipv4.tcp_ecn=1, ECE+CWR on the SYN) and
# keeps net.ipv4.tcp_ecn_fallback=1 (its SYN retransmissions go without ECE/CWR,
# tcp_ecn_clear_syn()). The router between client and server (the lab's "nat"
# namespace, routing only) filters ECN-setup SYNs in its FORWARD chain:
#   part A, port 8081: DROP       each connect() loses its ECN-setup SYN; the retransmission
#                                 without ECN ~1 s later passes and is answered
#   part B, port 8082: REJECT --reject-with tcp-reset
#                                 connect() fails with ECONNREFUSED; the application
#                                 retries at once with ECN off (peer.py --ecn-off-retry)
#   part C, port 8080: no rule    the ECN-setup SYN is answered with an ECN-setup SYN-ACK
# The middlebox's RSTs never reach the server, so this scenario captures on the
# CLIENT's interface (c1 eth0). Truth: the rules' packet counters (plus counting rules
# for the SYNs and SYN-ACKs of each port), the client's nstat deltas and the
# application's outcomes.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-ecn-middlebox}
PORT_C=8080 PORT_A=8081 PORT_B=8082
CONNS_A=${CONNS_A:-3} CONNS_B=${CONNS_B:-2} CONNS_C=${CONNS_C:-2}
lab_init "${TAG:-s10}"
lab_topology 1
lab_route
lab_sysctl c1 -- net.ipv4.tcp_ecn=1 net.ipv4.tcp_ecn_fallback=1

# The middlebox. The DROP and REJECT rules come first; the rules without a target only
# count (the ECN-setup SYNs they see on A and B are those that got past the filter: 0).
fwd() { lab_in nat iptables -A FORWARD -p tcp "$@"; }
# (iptables has no ECE/CWR names for --tcp-flags: the ecn match tests those two bits)
ECN_SYN=(--tcp-flags "SYN,ACK" "SYN" -m ecn --ecn-tcp-ece --ecn-tcp-cwr)
PLAIN_SYN=(--tcp-flags "SYN,ACK" "SYN" -m ecn ! --ecn-tcp-ece ! --ecn-tcp-cwr)
ECN_SYNACK=(--tcp-flags "SYN,ACK" "SYN,ACK" -m ecn --ecn-tcp-ece)
PLAIN_SYNACK=(--tcp-flags "SYN,ACK" "SYN,ACK" -m ecn ! --ecn-tcp-ece)
fwd --dport $PORT_A "${ECN_SYN[@]}" -m comment --comment trl-ecn-drop -j DROP
fwd --dport $PORT_B "${ECN_SYN[@]}" -m comment --comment trl-ecn-reject -j REJECT --reject-with tcp-reset
for p in $PORT_A $PORT_B $PORT_C; do
	fwd --dport "$p" "${ECN_SYN[@]}" -m comment --comment "trl-ecn-syn-$p"
	fwd --dport "$p" "${PLAIN_SYN[@]}" -m comment --comment "trl-plain-syn-$p"
	fwd --sport "$p" "${ECN_SYNACK[@]}" -m comment --comment "trl-ecn-synack-$p"
	fwd --sport "$p" "${PLAIN_SYNACK[@]}" -m comment --comment "trl-plain-synack-$p"
done
# ipt_count COMMENT: packets the FORWARD rule with that comment has matched
ipt_count() {
	lab_in nat iptables -L FORWARD -v -x -n |
		awk -v c="/* $1 */" 'index($0, c) {n += $1} END {print n + 0}'
}

for p in $PORT_A $PORT_B $PORT_C; do lab_server_start "$p"; done
lab_nstat_snap before
lab_capture_start 96 c1 eth0
run() { lab_client c1 --addr "$SRV4" "$@" --timeout 6; lab_clients_wait; sleep 0.3; }
run --port $PORT_C --count "$CONNS_C" --interval 0.3
run --port $PORT_A --count "$CONNS_A" --interval 0.3
run --port $PORT_B --count "$CONNS_B" --interval 0.3 --ecn-off-retry
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"

dropped=$(ipt_count trl-ecn-drop)
reset=$(ipt_count trl-ecn-reject)
retries=$(grep -c "retry=ecn-off" "$LAB_WORK/clients.log" || true)
retries_ok=$(grep -c "outcome=ok .*retry=ecn-off" "$LAB_WORK/clients.log" || true)
lab_log "ECN-setup SYNs dropped $dropped, reset $reset; retries without ECN $retries ($retries_ok ok)"
lab_truth "$NAME" "IPv4, no NAT, client tcp_ecn=1; router drops ECN-setup SYNs to $PORT_A ($CONNS_A conns), resets them to $PORT_B ($CONNS_B conns, each retried with ECN off), lets them pass to $PORT_C ($CONNS_C conns); captured on the client" <<T
clients.sysctl.net.ipv4.tcp_ecn=$(lab_in c1 sysctl -n net.ipv4.tcp_ecn)
clients.sysctl.net.ipv4.tcp_ecn_fallback=$(lab_in c1 sysctl -n net.ipv4.tcp_ecn_fallback)
server.sysctl.net.ipv4.tcp_ecn=$(lab_in srv sysctl -n net.ipv4.tcp_ecn)
lab.ecn.drop_port=$PORT_A
lab.ecn.reject_port=$PORT_B
lab.ecn.plain_port=$PORT_C
lab.ipt.ecn_syns_dropped=$dropped
lab.ipt.ecn_syns_reset=$reset
lab.middlebox_rsts=$reset
$(for p in $PORT_A $PORT_B $PORT_C; do
	for k in ecn-syn plain-syn ecn-synack plain-synack; do
		echo "lab.ipt.$k.$p=$(ipt_count "trl-$k-$p")"
	done
done)
lab.app.ecn_off_retries=$retries
lab.app.ecn_off_retries_ok=$retries_ok
# middlebox FORWARD chain (iptables -L FORWARD -v -x -n)
$(lab_in nat iptables -L FORWARD -v -x -n | sed 's/^/# /')
T
