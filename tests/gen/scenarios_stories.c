/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the four forum stories the project starts from
 * (the forum threads in shared/stories/000..003), told as captures.
 */
#include "scenarios.h"
#include "sessions.h"

/* Story 000: clients behind one NAT address (203.0.113.7) cycle their ports; the web
 * server (198.51.100.10:80) closes first and keeps TIME_WAIT. Port 44157 is used three
 * times, as in the thread; hosts A, B and C behind the NAT have their own TS clocks.
 *   1-9   A, port 44157, session 1 (request 1000 B; client FIN seq 0x91d3af78; close 9)
 *  10-18  B, port 44158      19-27  C, port 44159
 *  28-36  B, port 44157 at 33 s, ISN 0x90ab3f05 (before the old rcv_nxt) but a newer
 *         TSval: TIME_WAIT accept-ts; 29 answers it; close 36
 *  37-45  A, port 44160      46-54  C, port 44161
 *  55     A, port 44157 at 69.2 s (36.11 s after close 36), ISN 0x4b081d10, TSval older
 *         than B's: reject-paws; 56 the server's TIME_WAIT ACK; 57 A's RST (stale-ack,
 *         kills TIME_WAIT); 58 the SYN again at 70.2 s: plain reuse; 59-66 the session.
 * SYN TSvals from the address go back at 19, 37 and 46 (3 clocks from 19 on; 55 and 58
 * go back on their own 4-tuple, which is PAWS); B's SYN 28 shows one clock on two
 * connections, so the NAT hints held back on 10 and 19 show from then on. */
void scenario_story000_nat_paws(scenario *s)
{
    host a = host_make("203.0.113.7", 52, (ts_clock){1000, 0x30000000u});
    host b = host_make("203.0.113.7", 52, (ts_clock){250, 0x50000000u});
    host c = host_make("203.0.113.7", 52, (ts_clock){1000, 0x10000000u});
    host server = host_make("198.51.100.10", 64, (ts_clock){1000, 0x7a000000u});

    conn first = conn_open(s, &a, 44157, &server, 80, 0x91d3af78u - 1001, 0x1c000000u);
    session_with_request(&first, SERVER, 1000, SEC(1));

    conn bg1 = conn_open(s, &b, 44158, &server, 80, 0x41000000u, 0x1d000000u);
    session(&bg1, SERVER, SEC(5));
    conn bg2 = conn_open(s, &c, 44159, &server, 80, 0x42000000u, 0x1e000000u);
    session(&bg2, SERVER, SEC(12));

    conn second = conn_open(s, &b, 44157, &server, 80, 0x90ab3f05u, tw_isn(&first, SERVER));
    session_with_request(&second, SERVER, 1000, SEC(33));

    conn bg3 = conn_open(s, &a, 44160, &server, 80, 0x43000000u, 0x1f000000u);
    session(&bg3, SERVER, SEC(45));
    conn bg4 = conn_open(s, &c, 44161, &server, 80, 0x44000000u, 0x20000000u);
    session(&bg4, SERVER, SEC(58));

    int64_t t = MS(69200);
    conn third = conn_open(s, &a, 44157, &server, 80, 0x4b081d10u, 0x3c000000u);
    client_syn(&third, t);
    server_ack(&second, t + US(100));
    client_rst_seq(&third, conn_next_seq(&second, CLIENT), t + MS(20));
    session_with_request(&third, SERVER, 1000, t + SEC(1));
}

/* Story 001: 10.10.10.10:53810 -> 20.20.20.20:443 through a load balancer.
 * 1 SYN,ECE,CWR (MSS 1460, SACK, TSval 145592423, WS 256, window 5840); 2 the same SYN
 * 2.996 s later; 3 a bare ACK with ack = ISN+1 and no options (a SYN-ACK that lost its SYN
 * flag): missing-syn-flag; 4 the balancer's RST,ACK 4.24 s later: refused. */
void scenario_story001_missing_syn_flag(scenario *s)
{
    host client = host_make("10.10.10.10", 64, (ts_clock){250, 145592423});
    host balancer = host_make("20.20.20.20", 60, (ts_clock){0, 0});
    const uint32_t isn = 0x6b3a1f00u, balancer_isn = 0x2f1c0000u;
    conn c = conn_open(s, &client, 53810, &balancer, 443, isn, balancer_isn);
    c.end[CLIENT].window_scale = 8;
    c.end[CLIENT].syn_window = 5840;
    c.end[SERVER].window = 12288;
    const uint8_t ecn_syn = TR_TCP_SYN | TR_TCP_ECE | TR_TCP_CWR;
    tcp_send(&c, CLIENT, ecn_syn, 0, 0);
    tcp_send(&c, CLIENT, ecn_syn, 0, US(2996475));
    tcp_send_numbers(&c, SERVER, TR_TCP_ACK, balancer_isn + 1, isn + 1, 0, US(3027619));
    tcp_send_numbers(&c, SERVER, TR_TCP_RST | TR_TCP_ACK, balancer_isn + 1, isn + 1, 0, US(7268659));
}

/* Story 002: many RSTs between 10.1.4.2 and a load balancer 203.0.113.80.
 *  1-3 handshake to :443, 4 request (607 B), 5 response (1400 B); 6 client RST at
 *      relative seq 608 with no FIN sent: abort (trigger 5)
 *  7-9 handshake to :80, 10 request, 11 response, 12 client FIN, 13 balancer data
 *      (31 B) after it; 14 client RST: after-close (trigger 13)
 *  15 SYN to :81; 16 RST,ACK: refused (trigger 15)
 *  17-19 handshake to :443, 20 request (517 B); 21 balancer RST,ACK: abort (trigger 20)
 *  22 client RST on a pair never seen: unknown */
void scenario_story002_lb_resets(scenario *s)
{
    host client = host_make("10.1.4.2", 64, (ts_clock){1000, 31000000});
    host balancer = host_make("203.0.113.80", 64, (ts_clock){1000, 47000000});

    conn aborted = conn_open(s, &client, 50090, &balancer, 443, 0x11110000u, 0x21110000u);
    handshake(&aborted, 0);
    exchange(&aborted, 607, 1400, MS(30));
    client_rst(&aborted, MS(60));

    conn after_close = conn_open(s, &client, 50091, &balancer, 80, 0x11120000u, 0x21120000u);
    handshake(&after_close, SEC(1));
    exchange(&after_close, 400, 300, SEC(1) + MS(30));
    client_fin(&after_close, SEC(1) + MS(60));
    server_data(&after_close, 31, SEC(1) + MS(70));
    client_rst(&after_close, SEC(1) + MS(80));

    conn refused = conn_open(s, &client, 50092, &balancer, 81, 0x11130000u, 0);
    client_syn(&refused, SEC(2));
    server_rst_ack(&refused, SEC(2) + US(300));

    conn dropped = conn_open(s, &client, 50093, &balancer, 443, 0x11140000u, 0x21140000u);
    handshake(&dropped, SEC(3));
    client_data(&dropped, 517, SEC(3) + MS(30));
    server_rst_ack(&dropped, SEC(3) + MS(31));

    conn unseen = conn_open(s, &client, 50094, &balancer, 443, 0x11150000u, 0x21150000u);
    client_rst(&unseen, SEC(4));
}

/* Story 003: 10.20.0.5 -> 10.30.0.80:8080, no timestamps, the server closes first and
 * the client reuses its ports every couple of minutes.
 *   1-9   port 51000 (close 9 at 0.09 s); the server's last ACK is lost, so the client
 *         retransmits its FIN, each answered by the server and each restarting its
 *         TIME_WAIT: 10-21 (six pairs, 0.28 s to 12.68 s), 31-32 (25.48 s), 42-43 (51.08 s)
 *  22-30  port 51001 at 20 s (close 30)      33-41  port 51002 at 30 s (close 41)
 *  44     port 51000 at 105 s (104.91 s after close, 53.92 s after the last restart),
 *         ISN before the old rcv_nxt: TIME_WAIT held, reject-seq; 45 the TIME_WAIT ACK
 *         with the old numbers; 46 client RST (stale-ack): "connection refused"
 *  47-55  port 51001 at 140 s (119.91 s after close): plain reuse
 *  56     port 51002 at 150 s (119.91 s after close, nothing seen restarting it): plain
 *         reuse for the model, yet 57 is a TIME_WAIT ACK (beyond TIME_WAIT); 58 client RST */
void scenario_story003_tw_restart(scenario *s)
{
    host client = host_make("10.20.0.5", 128, (ts_clock){0, 0});
    host server = host_make("10.30.0.80", 64, (ts_clock){0, 0});
    conn a = conn_open(s, &client, 51000, &server, 8080, 0x88000000u, 0x99000000u);
    conn b = conn_open(s, &client, 51001, &server, 8080, 0x8a000000u, 0x9a000000u);
    conn c = conn_open(s, &client, 51002, &server, 8080, 0x8c000000u, 0x9c000000u);

    session(&a, SERVER, 0);
    uint32_t fin_seq = conn_next_seq(&a, CLIENT) - 1;
    const int64_t fin_at = MS(80);
    for (int k = 1; k <= 8; k++) {
        int64_t t = fin_at + MS(200) * ((1 << k) - 1);
        tcp_send_numbers(&a, CLIENT, TR_TCP_FIN | TR_TCP_ACK, fin_seq, conn_next_seq(&a, SERVER), 0, t);
        server_ack(&a, t + US(100));
    }
    session(&b, SERVER, SEC(20));
    session(&c, SERVER, SEC(30));

    conn a2 = conn_open(s, &client, 51000, &server, 8080, 0x21000000u, 0x31000000u);
    client_syn(&a2, SEC(105));
    server_ack(&a, SEC(105) + US(100));
    client_rst_seq(&a2, conn_next_seq(&a, CLIENT), SEC(105) + MS(10));

    conn b2 = conn_open(s, &client, 51001, &server, 8080, 0x23000000u, 0x33000000u);
    session(&b2, SERVER, SEC(140));

    conn c2 = conn_open(s, &client, 51002, &server, 8080, 0x25000000u, 0x35000000u);
    client_syn(&c2, SEC(150));
    server_ack(&c, SEC(150) + US(100));
    client_rst_seq(&c2, conn_next_seq(&c, CLIENT), SEC(150) + MS(10));
}
