/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: ordinary traffic with nothing to report (the negative control).
 */
#include "scenarios.h"
#include "sessions.h"

/* 1-9 10.1.0.2:40000 -> 10.9.0.80:80, the server closes. 10 SYN from 10.1.0.3:40001 at
 * 1 s, lost; 11 the same SYN at 2 s (a retransmission on a fresh 4-tuple); 12 SYN-ACK;
 * 13 ACK; 14-15 exchange; 16-19 the client closes. 20-28 10.1.0.2:40002 -> :443 at 3 s,
 * the client closes. No reuse, no stale ACK, no RST, each address one steady clock. */
void scenario_negative_clean(scenario *s)
{
    host a = host_make("10.1.0.2", 64, (ts_clock){1000, 5000000});
    host b = host_make("10.1.0.3", 64, (ts_clock){1000, 80000000});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    conn first = conn_open(s, &a, 40000, &server, 80, 1000000, 7000000);
    session(&first, SERVER, 0);
    conn second = conn_open(s, &b, 40001, &server, 80, 2000000, 8000000);
    client_syn(&second, SEC(1));
    handshake(&second, SEC(2));
    exchange(&second, 120, 480, SEC(2) + MS(30));
    close_from(&second, CLIENT, SEC(2) + MS(60));
    conn third = conn_open(s, &a, 40002, &server, 443, 3000000, 9000000);
    session(&third, CLIENT, SEC(3));
}
