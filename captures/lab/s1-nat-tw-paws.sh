#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 1 (story 003 / 000 through a NAT): three client hosts behind one
# MASQUERADE with a two-port pool; the server closes first, so the server holds
# TIME_WAIT on each external 4-tuple. Timestamps on (tcp_timestamps=1): since
# 2026 the TS offset is random per 4-tuple, so a new host mapped onto the same
# external 4-tuple has a random TSval: about half the reuses fail PAWS in
# TIME_WAIT (TcpExtPAWSTimewait), get the stale TIME_WAIT ACK, answer it with a
# RST and retry about 8-10 ms later (TCP_TIMEOUT_MIN, HZ=250).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-nat-tw-paws}
FAMILY=${FAMILY:-4}
# CLIENT_CMD=wait (s2): the clients close first instead, so the server keeps no TIME_WAIT
CLIENT_CMD=${CLIENT_CMD:-close}
if [ "$CLIENT_CMD" = wait ]; then closer="clients close first"; else closer="server closes first"; fi
lab_init "${TAG:-s1}"
lab_topology 3
lab_nat 61000-61001
# CLIENT_TS=2: timestamps without offset (all hosts share one clock): no PAWS reject
[ -n "${CLIENT_TS:-}" ] && lab_sysctl c1 c2 c3 -- net.ipv4.tcp_timestamps="$CLIENT_TS"
# SERVER_RFC1337=1 (s9): the server ignores RSTs in TIME_WAIT (RFC 1337)
[ -n "${SERVER_RFC1337:-}" ] && lab_sysctl srv -- net.ipv4.tcp_rfc1337="$SERVER_RFC1337"
if [ "$FAMILY" = 6 ]; then srv=$SRV6; snap=128; else srv=$SRV4; snap=96; fi
lab_server_start 8080 "$srv"
lab_nstat_snap before
lab_capture_start $snap
for i in 1 2 3; do
	lab_client "c$i" --addr "$srv" --port 8080 --cmd "$CLIENT_CMD" --count 6 --interval 0.5 \
		--start-delay "0.$((i * 15))" --timeout 6
done
lab_clients_wait
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"
lab_truth "$NAME" "IPv$FAMILY, 3 hosts behind MASQUERADE --to-ports 61000-61001, $closer, client tcp_timestamps=${CLIENT_TS:-1}, server tcp_rfc1337=${SERVER_RFC1337:-0}" <<T
expect.server_closes_first=$([ "$CLIENT_CMD" = wait ] && echo 0 || echo 1)
$(python3 "$LAB_DIR/pcapinfo.py" --tw-accepts "$LAB_OUT/$NAME.pcap" "$srv")
T
