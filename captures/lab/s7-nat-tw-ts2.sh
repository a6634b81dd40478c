#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 7 (control for scenario 1): the same NAT run with the clients at
# net.ipv4.tcp_timestamps=2 (timestamps on, no per-4-tuple offset), so every
# host sends TSvals from the same clock (all namespaces share the kernel's
# clock): every SYN that meets the server's TIME_WAIT is accepted, no PAWS reject.
set -euo pipefail
NAME=${NAME:-nat-tw-ts2} CLIENT_TS=2 TAG=${TAG:-s7} exec "$(dirname "$0")/s1-nat-tw-paws.sh"
