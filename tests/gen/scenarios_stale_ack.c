/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: SYNs answered by a bare ACK that is not a TIME_WAIT ACK
 * (doc/rules.md "What answers a SYN"): a challenge ACK from a session that never
 * closed, and an ACK whose numbers come from nowhere in the capture.
 */
#include "scenarios.h"
#include "sessions.h"

/* 1-5 handshake and exchange on 10.1.0.2:40100 -> 10.9.0.80:80, never closed.
 * 6 SYN at 30 s with a new ISN: syn_reuses_open; 7 challenge ACK (RFC 5961 4) with the
 * live session's numbers; 8 client RST with seq = its ack: kills the half-open session;
 * 9 the SYN again at 31 s (same ISN): plain reuse; 10 SYN-ACK; 11 ACK. */
void scenario_half_open_challenge(scenario *s)
{
    host client = host_make("10.1.0.2", 64, (ts_clock){1000, 5000000});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    conn old = conn_open(s, &client, 40100, &server, 80, 1000000, 7000000);
    handshake(&old, 0);
    exchange(&old, 120, 480, MS(30));
    conn c = conn_open(s, &client, 40100, &server, 80, 3000000, 0x6a000000u);
    client_syn(&c, SEC(30));
    server_ack(&old, SEC(30) + US(100));
    client_rst_seq(&c, conn_next_seq(&old, CLIENT), SEC(30) + MS(10));
    handshake(&c, SEC(31));
}

/* A 4-tuple never seen before (10.1.0.2:40200 -> 10.9.0.80:80). 1 SYN; 2 bare ACK with
 * seq 0x12345678, ack 0x0badf00d (neither ISN+1 nor anything seen): unseen-state;
 * 3 client RST with seq 0x0badf00d; 4 the SYN again at 1 s; 5 SYN-ACK; 6 ACK. */
void scenario_stale_ack_unseen(scenario *s)
{
    host client = host_make("10.1.0.2", 64, (ts_clock){1000, 5000000});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    conn c = conn_open(s, &client, 40200, &server, 80, 4000000, 0x51000000u);
    client_syn(&c, 0);
    tcp_send_numbers(&c, SERVER, TR_TCP_ACK, 0x12345678u, 0x0badf00du, 0, US(300));
    client_rst_seq(&c, 0x0badf00du, MS(10));
    handshake(&c, SEC(1));
}
