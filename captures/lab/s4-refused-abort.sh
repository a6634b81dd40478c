#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 4: connection refused and aborts, no NAT.
#   2x refused     SYN to port 8081 (no listener): RST/ACK from the server
#   srv-linger0    server closes with SO_LINGER 0 after answering: server RST
#   srv-unread     server closes with the client's bytes unread: server RST
#   cli-linger0    client closes with SO_LINGER 0: client RST
#   cli-unread     client closes with the server's bytes unread: client RST
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-refused-abort}
lab_init "${TAG:-s4}"
lab_topology 1
lab_route
lab_server_start 8080
lab_nstat_snap before
lab_capture_start 96
run() { lab_client c1 --addr "$SRV4" "$@" --timeout 4; lab_clients_wait; sleep 0.3; }
run --port 8081 --cmd close --count 2 --interval 0.3
run --port 8080 --cmd srv-linger0
run --port 8080 --cmd srv-unread
run --port 8080 --cmd cli-linger0
run --port 8080 --cmd cli-unread
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"
lab_truth "$NAME" "IPv4, no NAT: 2 refused, server abort (linger 0), server close with unread data, client abort (linger 0), client close with unread data" <<T
T
