#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 5: scenario 1 over IPv6 (ip6tables MASQUERADE onto the same two-port
# pool, NAT66). The IPv6 TS offset is also random per 4-tuple.
set -euo pipefail
NAME=${NAME:-nat-tw-paws-v6} FAMILY=6 TAG=${TAG:-s5} exec "$(dirname "$0")/s1-nat-tw-paws.sh"
