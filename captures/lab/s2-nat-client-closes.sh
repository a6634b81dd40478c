#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 2 (negative control for scenario 1): the same hosts, NAT and port
# pool, but the clients close first, so TIME_WAIT sits on the client hosts
# (on their own internal 4-tuples) and the server keeps nothing. A reused
# external 4-tuple meets no state on the server: SYN-ACK every time, no stale
# ACK, no PAWS reject, no client RST.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-nat-client-closes}
lab_init "${TAG:-s2}"
lab_topology 3
lab_nat 61000-61001
lab_server_start 8080
lab_nstat_snap before
lab_capture_start 96
for i in 1 2 3; do
	lab_client "c$i" --addr "$SRV4" --port 8080 --cmd wait --count 6 --interval 0.5 \
		--start-delay "0.$((i * 15))" --timeout 6
done
lab_clients_wait
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"
lab_truth "$NAME" "IPv4, 3 hosts behind MASQUERADE --to-ports 61000-61001, clients close first, tcp_timestamps=1" <<T
expect.server_closes_first=0
T
