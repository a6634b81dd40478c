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

/* The passive closer never gets the last ACK: LAST_ACK, not TIME_WAIT. No timestamps.
 * 1-3 handshake 10.1.0.2:40300 -> 10.9.0.80:80, 4 request, 5 response; 6 the client's FIN
 * (it closes first), 7 the server's ACK, 8 the server's FIN; the client's last ACK is lost
 * (a NAT in front of the client dropped it and its later ACKs); 9 (+200 ms) and 10 (+600 ms)
 * the server retransmits its FIN. 11 at 2 s: another host behind the same NAT address sends
 * a SYN on the 4-tuple (new ISN); 12 the server, in LAST_ACK, answers with a challenge ACK
 * seq = its snd_nxt (after its FIN), ack = the client's FIN + 1: stale_ack kind last-ack,
 * not time-wait, not beyond_time_wait; 13 the client's RST seq = that ack: refuses the stale
 * ACK and ends the server's LAST_ACK socket; 14-16 the same SYN 10 ms later, SYN-ACK, ACK. */
void scenario_limits_last_ack(scenario *s)
{
    host client = host_make("10.1.0.2", 64, (ts_clock){0, 0});
    host other = host_make("10.1.0.2", 64, (ts_clock){0, 0});
    host server = host_make("10.9.0.80", 64, (ts_clock){0, 0});
    conn old = conn_open(s, &client, 40300, &server, 80, 11000000, 0x2a000000u);
    handshake(&old, 0);
    exchange(&old, 120, 480, MS(30));
    client_fin(&old, MS(60));
    server_ack(&old, MS(70));
    server_fin(&old, MS(80));
    uint32_t fin_seq = conn_next_seq(&old, SERVER) - 1;
    uint32_t client_end = conn_next_seq(&old, CLIENT);
    tcp_send_numbers(&old, SERVER, TR_TCP_FIN | TR_TCP_ACK, fin_seq, client_end, 0, MS(280));
    tcp_send_numbers(&old, SERVER, TR_TCP_FIN | TR_TCP_ACK, fin_seq, client_end, 0, MS(680));
    conn c = conn_open(s, &other, 40300, &server, 80, 0x51000000u, 0x3b000000u);
    client_syn(&c, SEC(2));
    server_ack(&old, SEC(2) + US(100));
    client_rst_seq(&c, client_end, SEC(2) + MS(10));
    handshake(&c, SEC(2) + MS(20));
}

/* A SYN meeting the server's orphaned FIN_WAIT2, as in the lab run captures/lab/fin-wait2.pcap
 * (Linux tcp_timewait_state_process(), substate TCP_FIN_WAIT2). Server 10.9.0.80:80 closes at
 * once; the client 10.1.0.2 acknowledges the FIN and never closes (CLOSE_WAIT); later SYNs on
 * the same 4-tuple come from another host behind the same address. No timestamps; the window
 * is 502 << 7 = 64256 bytes.
 * A (port 40401): 1-3 handshake, 4 server FIN, 5 client ACK (FIN_WAIT2 from here); 6 at 2 s
 *   a SYN with ISN = rcv_nxt (in the window): 7 RST+ACK seq 0 ack ISN+1, the FIN_WAIT2 is gone;
 *   8 at 2.7 s the client's FIN from CLOSE_WAIT, 9 the server's RST seq = its ack: no socket.
 * B (port 40402, from 10 s): 10-12 handshake, 13 server FIN, 14 client ACK; 15 at 12 s a SYN
 *   100000 before rcv_nxt (out of the window): 16 ACK with the old numbers, 17 the client's RST
 *   seq = that ack kills the FIN_WAIT2; 18 the same SYN 20 ms later, 19 SYN-ACK, 20 ACK.
 * C (port 40403, from 20 s): 21-23 handshake, 24 server FIN, 25 client ACK; 26 at 81 s (the
 *   FIN_WAIT2 ran out 60 s after 25) a SYN with ISN = rcv_nxt: plain reuse, 27 SYN-ACK, 28 ACK. */
void scenario_limits_fin_wait2(scenario *s)
{
    host client = host_make("10.1.0.2", 64, (ts_clock){0, 0});
    host other = host_make("10.1.0.2", 64, (ts_clock){0, 0});
    host server = host_make("10.9.0.80", 64, (ts_clock){0, 0});

    conn a = conn_open(s, &client, 40401, &server, 80, 0x10000000u, 0x60000000u);
    handshake(&a, 0);
    server_fin(&a, MS(30));
    client_ack(&a, MS(32));
    uint32_t a_isn = conn_next_seq(&a, CLIENT);
    conn a2 = conn_open(s, &other, 40401, &server, 80, a_isn, 0x61000000u);
    client_syn(&a2, SEC(2));
    tcp_send_numbers(&a2, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, a_isn + 1, 0, SEC(2) + US(30));
    client_fin(&a, SEC(2) + MS(700));
    tcp_send_numbers(&a, SERVER, TR_TCP_RST, conn_next_seq(&a, SERVER), 0, 0, SEC(2) + MS(700) + US(30));

    conn b = conn_open(s, &client, 40402, &server, 80, 0x20000000u, 0x62000000u);
    handshake(&b, SEC(10));
    server_fin(&b, SEC(10) + MS(30));
    client_ack(&b, SEC(10) + MS(32));
    uint32_t b_rcv_nxt = conn_next_seq(&b, CLIENT);
    conn b2 = conn_open(s, &other, 40402, &server, 80, b_rcv_nxt - 100000u, 0x63000000u);
    client_syn(&b2, SEC(12));
    server_ack(&b, SEC(12) + US(30));
    client_rst_seq(&b2, b_rcv_nxt, SEC(12) + MS(10));
    handshake(&b2, SEC(12) + MS(20));

    conn c = conn_open(s, &client, 40403, &server, 80, 0x30000000u, 0x64000000u);
    handshake(&c, SEC(20));
    server_fin(&c, SEC(20) + MS(30));
    client_ack(&c, SEC(20) + MS(32));
    conn c2 = conn_open(s, &other, 40403, &server, 80, conn_next_seq(&c, CLIENT), 0x65000000u);
    handshake(&c2, SEC(81));
}
