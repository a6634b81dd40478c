/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the known limits of 0.1, fixed (issue 9): the tables that stop growing
 * say so, a LAST_ACK answer is not a TIME_WAIT held too long, and a SYN meeting an orphaned
 * FIN_WAIT2 is answered as Linux answers it.
 */
#include "scenarios.h"
#include "sessions.h"

/* Run with -o tcpreuse.max_pairs:3 (the expectation says so). Five clients 10.7.0.1-5, each
 * one handshake to 10.9.0.80:80 with timestamps, one second apart; frames 3k+1 SYN, 3k+2
 * SYN-ACK, 3k+3 ACK for client k+1.
 * Clock table (per source and destination address): 1 (c1->srv), 2 (srv->c1), 4 (c2->srv)
 * fill it; 5 (srv->c2) is the first address pair refused: clock_table_full on 5, once.
 * Pool table (client address, server address and port) and pair table: 1, 4, 7 fill them;
 * 10 (client 4) is refused a pool and evicts the pair of client 1: pool_table_full and
 * table_full on 10, once. Client 5 (13-15): refused and evicting again, said no more. */
void scenario_limits_tables_full(scenario *s)
{
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    host clients[5];
    const char *addr[5] = {"10.7.0.1", "10.7.0.2", "10.7.0.3", "10.7.0.4", "10.7.0.5"};
    for (int i = 0; i < 5; i++) {
        clients[i] = host_make(addr[i], 64, (ts_clock){1000, 1000000u * (uint32_t)(i + 1)});
        conn c = conn_open(s, &clients[i], 41000, &server, 80, 100000u * (uint32_t)(i + 1), 0x70000000u + (uint32_t)i);
        handshake(&c, SEC(i));
    }
}
