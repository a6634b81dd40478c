#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 6 (in the spirit of story 000 / seed 000): a busy NAT. Four client
# hosts open BUSY_CONNS connections in total (default 3000) through a
# MASQUERADE pool of BUSY_POOL ports (default 61000-61199, 200 ports) to one
# server port; the server closes each connection right after the handshake,
# so it holds TIME_WAIT on every external 4-tuple it served. Each external
# port is reused many times within the 60 s TIME_WAIT.
# The capture is stored gzip-compressed (busy-nat.pcap.gz, tshark reads it as is).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-busy-nat}
CONNS=${BUSY_CONNS:-2000}
POOL=${BUSY_POOL:-61000-61199}
HOSTS=4
lab_init "${TAG:-s6}"
lab_topology $HOSTS
lab_nat "$POOL"
lab_server_start 8080 "$SRV4" --accept-close
lab_nstat_snap before
lab_capture_start 96
per=$((CONNS / HOSTS))
for i in $(seq 1 $HOSTS); do
	lab_client "c$i" --addr "$SRV4" --port 8080 --cmd none --count $per --timeout 3
done
lab_clients_wait
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"
lab_truth "$NAME" "IPv4, $HOSTS hosts x $per connections behind MASQUERADE --to-ports $POOL, server closes at once, tcp_timestamps=1" <<T
T
gzip -9 -f "$LAB_OUT/$NAME.pcap"
