/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: TCP timestamp clocks per source address (doc/rules.md
 * "Timestamps per source address"). Every connection is SYN, SYN-ACK, ACK (3 frames)
 * on a port of its own, so nothing here reuses a 4-tuple.
 */
#include "scenarios.h"
#include "sessions.h"

#include <stddef.h>

/* Three hosts behind the NAT address 203.0.113.7, to 198.51.100.10:443, one SYN a second:
 *   1 A (TSval 100000000)   4 B (40001000: regress, 2 clocks)   7 A (100002000)
 *  10 C (7000750: regress, 3 clocks)   13 B (40004000: regress)   16 A (100005000). */
void scenario_ts_nat_clocks(scenario *s)
{
    host a = host_make("203.0.113.7", 52, (ts_clock){1000, 100000000});
    host b = host_make("203.0.113.7", 52, (ts_clock){1000, 40000000});
    host c = host_make("203.0.113.7", 52, (ts_clock){250, 7000000});
    host server = host_make("198.51.100.10", 64, (ts_clock){1000, 900000000});
    host *order[] = {&a, &b, &a, &c, &b, &a};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        conn k = conn_open(s, order[i], (uint16_t)(50000 + i), &server, 443,
                           0x10000000u * (uint32_t)(i + 1), 0x0a000000u + (uint32_t)i);
        handshake(&k, SEC(i));
    }
}

/* One host, 10.3.0.5, whose every connection has its own random TS offset (Linux 4.10,
 * and Linux since 2026), to 10.9.0.80:443: SYN i at i seconds is frame 3i+1.
 * Before the 8th new clock, SYNs 7, 13 and 16 regress, but no clock was seen on two
 * connections, so the marks are held back; the 8th SYN (frame 22) marks the address once
 * (random offsets) and drops them; frames 25, 28 and 31 would regress but are not marked. */
void scenario_ts_random_offsets(scenario *s)
{
    static const uint32_t offsets[] = {
        300000000, 900000000, 500000000, 1200000000, 700000000, 200000000,
        1500000000, 1800000000, 600000000, 1000000000, 100000000, 1300000000,
    };
    host client = host_make("10.3.0.5", 64, (ts_clock){0, 0});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        conn k = conn_open(s, &client, (uint16_t)(41000 + i), &server, 443,
                           0x20000000u + 0x01000000u * (uint32_t)i, 0x30000000u + (uint32_t)i);
        conn_set_client_clock(&k, (ts_clock){1000, offsets[i]});
        handshake(&k, SEC(i));
    }
}
