#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 9 (negative of the RST kill in scenario 1): the same NAT run with
# the server at net.ipv4.tcp_rfc1337=1. The client's RST to a TIME_WAIT ACK
# (seq = the server's rcv_nxt) is then ignored by the server's TIME_WAIT
# (tcp_timewait_state_process(), RFC 1337 hazard H1), so the client's fast SYN
# retry meets the same TIME_WAIT and fails PAWS again.
set -euo pipefail
NAME=${NAME:-nat-tw-rfc1337} SERVER_RFC1337=1 TAG=${TAG:-s9} exec "$(dirname "$0")/s1-nat-tw-paws.sh"
