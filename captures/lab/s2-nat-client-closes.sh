#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 2 (negative control for scenario 1): the same hosts, NAT and port
# pool, but the clients close first, so TIME_WAIT sits on the client hosts
# (on their own internal 4-tuples) and the server keeps nothing. A reused
# external 4-tuple meets no state on the server: SYN-ACK every time, no stale
# ACK, no PAWS reject, no client RST.
set -euo pipefail
NAME=${NAME:-nat-client-closes} CLIENT_CMD=wait TAG=${TAG:-s2} exec "$(dirname "$0")/s1-nat-tw-paws.sh"
