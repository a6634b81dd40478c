#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 3 (story 000 "server assumes the connection was not closed"): a
# client forgets an established connection silently (it aborts with
# SO_LINGER 0 and the lab drops that RST in the client's own namespace), then
# reconnects from the same source port. The server still has the connection
# ESTABLISHED, so it answers the SYN with an RFC 5961 challenge ACK
# (TcpExtTCPSYNChallenge), the client answers with a RST whose seq is exactly
# the server's rcv_nxt (that RST kills the stale connection), and the client's
# fast SYN retry gets a SYN-ACK.
#   Round A (port 50001): RSTs flow again before the reconnect: challenge, RST, retry, ok.
#   Round B (port 50002): the client's RSTs stay dropped for 1.5 s of the
#   reconnect, so its SYN retransmissions meet the stale connection again:
#   challenge ACKs are rate limited to one per 500 ms per socket
#   (tcp_invalid_ratelimit, TcpExtTCPACKSkippedChallenge).
# No NAT: the server routes back to the client LAN.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-forgotten-conn}
lab_init "${TAG:-s3}"
lab_topology 1
lab_route
lab_server_start 8080
drop_rst() { lab_in c1 iptables "$1" OUTPUT -p tcp --tcp-flags RST RST -j DROP; }
# packets the drop rule has dropped so far (the rule is the only one in OUTPUT)
dropped() { lab_in c1 iptables -L OUTPUT -v -x -n | awk '$3 == "DROP" {print $1}'; }
aborts=0 total=0
lab_nstat_snap before
lab_capture_start 96

# Round A
drop_rst -A
lab_client c1 --addr "$SRV4" --port 8080 --bind-port 50001 --cmd hold --forget
lab_clients_wait
sleep 0.2
aborts=$((aborts + $(dropped))); total=$((total + $(dropped)))
drop_rst -D
sleep 0.7
lab_client c1 --addr "$SRV4" --port 8080 --bind-port 50001 --cmd close --timeout 6
lab_clients_wait

# Round B
sleep 0.7
drop_rst -A
lab_client c1 --addr "$SRV4" --port 8080 --bind-port 50002 --cmd hold --forget
lab_clients_wait
sleep 0.2
aborts=$((aborts + $(dropped)))
sleep 0.5
lab_client c1 --addr "$SRV4" --port 8080 --bind-port 50002 --cmd close --timeout 8
sleep 1.5
total=$((total + $(dropped)))
drop_rst -D
lab_clients_wait

lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"
lab_truth "$NAME" "IPv4, no NAT, client forgets two connections (RST dropped) and reconnects from the same port" <<T
lab.client_rsts_dropped=$total
lab.client_abort_rsts_dropped=$aborts
T
