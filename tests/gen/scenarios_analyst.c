/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the analyst's other questions (issue 9): reset loops on one 4-tuple,
 * and ECN-setup SYNs that fail where a retry without ECN gets through.
 */
#include "scenarios.h"
#include "sessions.h"

/* One SYN -> stale ACK -> RST cycle at t: the SYN (same ISN each time: a retransmission),
 * a bare ACK with numbers of state held upstream (a NAT or firewall entry: seq 0x12345678,
 * ack 0x0badf00d), the client's RST with seq = that ack (RFC 793 SYN-SENT). */
static void reset_cycle(conn *c, int64_t t)
{
    client_syn(c, t);
    tcp_send_numbers(c, SERVER, TR_TCP_ACK, 0x12345678u, 0x0badf00du, 0, t + US(300));
    client_rst_seq(c, 0x0badf00du, t + MS(10));
}

/* 10.1.5.2:40400 -> 10.9.5.80:80: cycles 1-3 (0 s), 4-6 (1 s), 7-9 (3 s); 10 the SYN again
 * at 7 s, 11 SYN-ACK, 12 ACK: a loop of three cycles that ends.
 * 10.1.5.3:40401 -> 10.9.5.80:80: cycles 13-15 (20 s), 16-18 (21 s), 19-21 (23 s), then
 * nothing: a loop of three cycles left open at 21. */
void scenario_reset_loop(scenario *s)
{
    host server = host_make("10.9.5.80", 64, (ts_clock){1000, 9000000});
    host a = host_make("10.1.5.2", 64, (ts_clock){1000, 5000000});
    host b = host_make("10.1.5.3", 64, (ts_clock){1000, 6000000});
    conn ends = conn_open(s, &a, 40400, &server, 80, 0x52000000u, 0x62000000u);
    reset_cycle(&ends, 0);
    reset_cycle(&ends, SEC(1));
    reset_cycle(&ends, SEC(3));
    handshake(&ends, SEC(7));
    conn open = conn_open(s, &b, 40401, &server, 80, 0x53000000u, 0);
    reset_cycle(&open, SEC(20));
    reset_cycle(&open, SEC(21));
    reset_cycle(&open, SEC(23));
}

/* An ECN-setup SYN: SYN with ECE and CWR (RFC 3168 6.1.1). */
static void client_ecn_syn(conn *c, int64_t t)
{
    tcp_send(c, CLIENT, TR_TCP_SYN | TR_TCP_ECE | TR_TCP_CWR, 0, t);
}

/* Server 10.9.6.80:443.
 *  1-4   10.2.0.2:41000: ECN-setup SYN at 0 s unanswered; 2 its retransmission without ECN
 *        at 1 s (as Linux sends it, tcp_ecn_clear_syn()); 3 SYN-ACK: the hint; 4 ACK
 *  5-9   10.2.0.3: ECN-setup SYN from 41001 at 5 s; 6 RST,ACK refusing it (a middlebox
 *        resetting ECN-setup SYNs, RFC 3360 2.1); 7 SYN without ECN from 41002 at 5.5 s;
 *        8 SYN-ACK: the hint, naming 5, 6 and 7; 9 ACK
 *  10-16 10.2.0.4 (negative: its path passes ECN-setup SYNs): 10-12 ECN-setup handshake
 *        from 41003 at 10 s; 13 ECN-setup SYN from 41004 at 11 s, lost; 14 its
 *        retransmission without ECN at 12 s; 15 SYN-ACK, 16 ACK: no hint
 *  17-20 10.2.0.5:41005 (negative: no ECN): SYN at 20 s lost, 18 again at 21 s, 19 SYN-ACK,
 *        20 ACK: nothing
 *  21-24 10.2.0.6 to the closed port 10.9.6.80:444 (negative: a closed port refuses every
 *        SYN, as macOS clients sending ECN-setup SYNs meet it): 21 ECN-setup SYN from 41006 at
 *        30 s, 22 RST,ACK; 23 SYN without ECN from 41007 at 31 s, 24 RST,ACK: refusals, no
 *        ECN hint */
void scenario_ecn_fallback(scenario *s)
{
    host server = host_make("10.9.6.80", 64, (ts_clock){1000, 9100000});
    host c1 = host_make("10.2.0.2", 64, (ts_clock){1000, 1100000});
    host c2 = host_make("10.2.0.3", 64, (ts_clock){1000, 2100000});
    host c3 = host_make("10.2.0.4", 64, (ts_clock){1000, 3100000});
    host c4 = host_make("10.2.0.5", 64, (ts_clock){1000, 4100000});

    conn fallback = conn_open(s, &c1, 41000, &server, 443, 0x71000000u, 0x81000000u);
    client_ecn_syn(&fallback, 0);
    client_syn(&fallback, SEC(1));
    server_synack(&fallback, SEC(1) + MS(10));
    client_ack(&fallback, SEC(1) + MS(20));

    conn reset = conn_open(s, &c2, 41001, &server, 443, 0x72000000u, 0);
    client_ecn_syn(&reset, SEC(5));
    server_rst_ack(&reset, SEC(5) + US(300));
    conn retry = conn_open(s, &c2, 41002, &server, 443, 0x73000000u, 0x83000000u);
    handshake(&retry, SEC(5) + MS(500));

    conn passes = conn_open(s, &c3, 41003, &server, 443, 0x74000000u, 0x84000000u);
    client_ecn_syn(&passes, SEC(10));
    tcp_send(&passes, SERVER, TR_TCP_SYN | TR_TCP_ACK | TR_TCP_ECE, 0, SEC(10) + MS(10));
    client_ack(&passes, SEC(10) + MS(20));
    conn lost = conn_open(s, &c3, 41004, &server, 443, 0x75000000u, 0x85000000u);
    client_ecn_syn(&lost, SEC(11));
    client_syn(&lost, SEC(12));
    server_synack(&lost, SEC(12) + MS(10));
    client_ack(&lost, SEC(12) + MS(20));

    conn plain = conn_open(s, &c4, 41005, &server, 443, 0x76000000u, 0x86000000u);
    client_syn(&plain, SEC(20));
    handshake(&plain, SEC(21));

    host c5 = host_make("10.2.0.6", 64, (ts_clock){1000, 5100000});
    conn closed = conn_open(s, &c5, 41006, &server, 444, 0x77000000u, 0);
    client_ecn_syn(&closed, SEC(30));
    server_rst_ack(&closed, SEC(30) + US(300));
    conn closed_again = conn_open(s, &c5, 41007, &server, 444, 0x78000000u, 0);
    client_syn(&closed_again, SEC(31));
    server_rst_ack(&closed_again, SEC(31) + US(300));
}
