/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: traffic from other stacks and tools that must not be taken for reuse
 * (doc/rules.md "Not reuse" and "RST causes"): retransmissions after refusals, copies of
 * frames, simultaneous opens, late SYN copies, impossible segments, single-host clocks,
 * port pools with nothing at stake, RSTs of ends without a socket, injected RSTs.
 * Clients 10.2.0.x, servers 10.9.0.x.
 */
#include "scenarios.h"
#include "sessions.h"

/* 1 SYN to a closed port 110, 2 RST,ACK (refused), 3 the same ISN 0.5 s later (Windows
 * retries after a refusal), 4 refused, 5 the same ISN, 6 refused: 3 and 5 retransmit 1
 * and 3, no previous session. 7 SYN :40001 ISN X, 8 SYN ISN Y 1 ms later (another attempt:
 * a reuse of 7), 9 X again (a retransmission of 7, after Y), 10 SYN-ACK for X, 11 ACK.
 * 12 SYN :40002 ISN Z unanswered; 13 the same ISN from :40003 1 s later (a NAT moved the
 * retry to another port: no finding on either). */
void scenario_precision_retransmissions(scenario *s)
{
    host client = host_make("10.2.0.2", 128, (ts_clock){0, 0});
    host server = host_make("10.9.0.110", 64, (ts_clock){0, 0});
    conn closed = conn_open(s, &client, 40000, &server, 110, 1000000, 0);
    for (int i = 0; i < 3; i++) {
        client_syn(&closed, MS(500) * i);
        server_rst_ack(&closed, MS(500) * i + MS(50));
    }
    conn x = conn_open(s, &client, 40001, &server, 80, 2000000, 7000000);
    conn y = conn_open(s, &client, 40001, &server, 80, 2500000, 7000000);
    client_syn(&x, SEC(2));
    client_syn(&y, SEC(2) + MS(1));
    client_syn(&x, SEC(3));
    server_synack(&x, SEC(3) + MS(10));
    client_ack(&x, SEC(3) + MS(20));
    conn moved = conn_open(s, &client, 40002, &server, 80, 3000000, 0);
    conn moved_again = conn_open(s, &client, 40003, &server, 80, 3000000, 8000000);
    client_syn(&moved, SEC(4));
    client_syn(&moved_again, SEC(5));
}

/* Every frame captured twice (two interfaces), 30 us apart: 1-18 are the nine frames of
 * a session, each followed by its copy (even frames are copies of the odd ones). 19 SYN to
 * closed port 554, 20 its copy, 21 RST,ACK with IP ID 0, 22 its copy (ID 0, a copy only
 * because the capture has shown copies), 23 the SYN retried 0.5 s later, 24 its copy, 25
 * SYN-ACK, 26 copy. Copies carry duplicate_of and nothing else; 23 retransmits 19. */
void scenario_precision_copies(scenario *s)
{
    host client = host_make("10.2.0.3", 128, (ts_clock){1000, 4000000});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});
    conn c = conn_open(s, &client, 40000, &server, 80, 1000000, 7000000);
    const int64_t copy = US(30);
    const uint8_t A = TR_TCP_ACK, PA = TR_TCP_PSH | TR_TCP_ACK, FA = TR_TCP_FIN | TR_TCP_ACK;
    struct { side from; uint8_t flags; uint32_t len; } script[] = {
        {CLIENT, TR_TCP_SYN, 0}, {SERVER, TR_TCP_SYN | A, 0}, {CLIENT, A, 0}, {CLIENT, PA, 120}, {SERVER, PA, 480},
        {SERVER, FA, 0}, {CLIENT, A, 0}, {CLIENT, FA, 0}, {SERVER, A, 0},
    };
    for (size_t i = 0; i < sizeof script / sizeof script[0]; i++) {
        tcp_send(&c, script[i].from, script[i].flags, script[i].len, MS(10) * (int64_t)i);
        scenario_copy_last(s, MS(10) * (int64_t)i + copy);
    }
    conn closed = conn_open(s, &client, 40001, &server, 554, 2000000, 8000000);
    client_syn(&closed, SEC(1));
    scenario_copy_last(s, SEC(1) + copy);
    const forged_fields id0 = {.ip_id_set = true, .ip_id = 0};
    tcp_send_forged(&closed, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, 2000001, &id0, SEC(1) + MS(1));
    scenario_copy_last(s, SEC(1) + MS(1) + copy);
    client_syn(&closed, SEC(1) + MS(500));
    scenario_copy_last(s, SEC(1) + MS(500) + copy);
    server_synack(&closed, SEC(1) + MS(501));
    scenario_copy_last(s, SEC(1) + MS(501) + copy);
}

/* 1 SYN 10.2.0.4:12345 -> :80, 2 the server's own SYN 0.6 ms later (simultaneous open,
 * RFC 9293 3.5: no reuse), 3 the client's SYN-ACK, 4 the server's ACK, 5 data, 6 ACK,
 * 7-10 the client closes. 11 SYN-ACK of a session on :40001 whose SYN the capture has
 * later, 12-18 the session (the server closes), 19 that SYN (ISN + 1 = 11's ack): a late
 * copy, no reuse. 20 SYN with a reserved bit, 21 SYN+FIN, 22 SYN with an ack number on
 * :40002 (no stack sends them: implausible, not analysed), 23 a genuine SYN on :40002, no
 * reuse of 20-22; 24 SYN-ACK, 25 ACK; 26 an RST with ECE (corrupted: implausible, no abort). */
void scenario_precision_handshakes(scenario *s)
{
    host client = host_make("10.2.0.4", 64, (ts_clock){0, 0});
    host server = host_make("10.9.0.81", 64, (ts_clock){0, 0});
    conn sim = conn_open(s, &client, 12345, &server, 80, 1000, 3000);
    client_syn(&sim, 0);
    tcp_send(&sim, SERVER, TR_TCP_SYN, 0, US(600));
    tcp_send_numbers(&sim, CLIENT, TR_TCP_SYN | TR_TCP_ACK, 1000, 3001, 0, US(1100));
    tcp_send_numbers(&sim, SERVER, TR_TCP_ACK, 3001, 1001, 0, US(1600));
    client_data(&sim, 4, US(2100));
    server_ack(&sim, US(3700));
    close_from(&sim, CLIENT, MS(10));

    conn late = conn_open(s, &client, 40001, &server, 80, 30000, 31000);
    tcp_send_numbers(&late, SERVER, TR_TCP_SYN | TR_TCP_ACK, 31000, 30001, 0, SEC(1));
    tcp_send_numbers(&late, CLIENT, TR_TCP_ACK, 30001, 31001, 0, SEC(1) + MS(1));
    client_data(&late, 39, SEC(1) + MS(2));
    server_data(&late, 23, SEC(1) + MS(3));
    close_from(&late, SERVER, SEC(1) + MS(4));
    client_syn(&late, SEC(1) + MS(50));

    conn odd = conn_open(s, &client, 40002, &server, 80, 50000, 51000);
    const forged_fields reserved = {.reserved = 0x04};
    tcp_send_forged(&odd, CLIENT, TR_TCP_SYN, 50000, 0, &reserved, SEC(2));
    const forged_fields plain = {0};
    tcp_send_forged(&odd, CLIENT, TR_TCP_SYN | TR_TCP_FIN, 50000, 0, &plain, SEC(2) + MS(100));
    tcp_send_forged(&odd, CLIENT, TR_TCP_SYN, 50000, 0xaaaaaaaau, &plain, SEC(2) + MS(200));
    handshake(&odd, SEC(3));
    tcp_send_forged(&odd, SERVER, TR_TCP_RST | TR_TCP_ECE, conn_next_seq(&odd, SERVER), 0, &plain, SEC(3) + MS(30));
}

/* RSTs and the segments they answer. 1-3 handshake :40000 -> :80, 4 request, 5 response,
 * 6 client FIN, 7 server ACK, 8 server data after that FIN, 9 client RST (after-close,
 * trigger 8), 10 server FIN, 11 client RST (trigger 10), 12 server ACK, 13 client RST
 * (trigger 12): a closed end answers each segment with one RST, in order.
 * 14-16 handshake :40001, 17 request, 18 response, 19 client FIN whose ack does not cover
 * 18 (the data is unread), 20 server ACK, 21 server FIN, 22 and 23 two client RSTs with IP
 * ID 0 (after-close, trigger 18; alike, but the capture has no proven copies).
 * 24 SYN :40002 from a tool, 25 SYN-ACK, 26 the kernel's RST without ACK, seq = 25's ack
 * (no-socket, trigger 25). 27 SYN :40003, 28 an ACK with numbers from nowhere (unseen
 * state), 29 the client's RST, seq = 28's ack (stale-ack): 27 learns 28 answered it. */
void scenario_precision_rst_triggers(scenario *s)
{
    host client = host_make("10.2.0.5", 64, (ts_clock){1000, 6000000});
    host server = host_make("10.9.0.82", 54, (ts_clock){1000, 9500000});
    conn a = conn_open(s, &client, 40000, &server, 80, 1000000, 7000000);
    handshake(&a, 0);
    exchange(&a, 153, 43, MS(30));
    client_fin(&a, MS(60));
    server_ack(&a, MS(70));
    server_data(&a, 348, MS(80));
    client_rst(&a, MS(90));
    server_fin(&a, MS(100));
    client_rst(&a, MS(110));
    server_ack(&a, MS(120));
    client_rst(&a, MS(130));

    conn b = conn_open(s, &client, 40001, &server, 80, 2000000, 8000000);
    handshake(&b, SEC(1));
    exchange(&b, 63, 59, SEC(1) + MS(30));
    tcp_send_numbers(&b, CLIENT, TR_TCP_FIN | TR_TCP_ACK, 2000064, 8000001, 0, SEC(1) + MS(60));
    server_ack(&b, SEC(1) + MS(61));
    server_fin(&b, SEC(1) + MS(62));
    const forged_fields id0 = {.ip_id_set = true, .ip_id = 0};
    tcp_send_forged(&b, CLIENT, TR_TCP_RST, 2000065, 0, &id0, SEC(2));
    tcp_send_forged(&b, CLIENT, TR_TCP_RST, 2000065, 0, &id0, SEC(2) + US(400));

    conn tool = conn_open(s, &client, 40002, &server, 443, 0, 3000000);
    tcp_send_numbers(&tool, CLIENT, TR_TCP_SYN, 0, 0, 0, SEC(3));
    tcp_send_numbers(&tool, SERVER, TR_TCP_SYN | TR_TCP_ACK, 3000000, 1, 0, SEC(3) + MS(12));
    tcp_send_forged(&tool, CLIENT, TR_TCP_RST, 1, 0, &id0, SEC(3) + MS(12) + US(50));

    conn unseen = conn_open(s, &client, 40003, &server, 80, 4000000, 0);
    client_syn(&unseen, SEC(4));
    tcp_send_numbers(&unseen, SERVER, TR_TCP_ACK, 0x51515151u, 0x12345678u, 0, SEC(4) + MS(1));
    client_rst_seq(&unseen, 0x12345678u, SEC(4) + MS(2));
}

/* Injected RSTs. 1 SYN :40000 -> :80; 2 an RST,ACK acknowledging it, with the SYN's IP ID
 * and TSval = TSecr = 100 (two signs: injected at once); 3 the genuine SYN-ACK (contradicts
 * it), 4 ACK, 5 request, 6 response. 7 SYN :40001; 8 an RST,ACK acknowledging it with the
 * SYN's IP ID alone (one sign: refused, for now); 9 the server's SYN-ACK for that SYN
 * (contradicts it: injected, seen with tshark -2), 10 ACK. 11-13 handshake :40002, 14
 * request, 15 response, 16 an RST from the server with TTL 250 instead of 54 (one sign:
 * abort for now), 17 server data after it (contradicted: injected, seen with -2), 18 ACK. */
void scenario_precision_injection(scenario *s)
{
    host client = host_make("10.2.0.6", 64, (ts_clock){1000, 1821165629});
    host server = host_make("10.9.0.83", 54, (ts_clock){1000, 7000000});
    conn a = conn_open(s, &client, 40000, &server, 80, 1000000, 26175);
    client_syn(&a, 0);
    const forged_fields forged = {.ip_id_set = true, .ip_id = 1, .timestamps = true, .tsval = 100, .tsecr = 100};
    tcp_send_forged(&a, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, 1000001, &forged, MS(61));
    server_synack(&a, MS(64));
    client_ack(&a, MS(65));
    exchange(&a, 338, 79, MS(66));

    conn b = conn_open(s, &client, 40001, &server, 80, 2000000, 8000000);
    client_syn(&b, SEC(1));
    const forged_fields same_id = {.ip_id_set = true, .ip_id = 4};
    tcp_send_forged(&b, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, 2000001, &same_id, SEC(1) + MS(5));
    server_synack(&b, SEC(1) + MS(10));
    client_ack(&b, SEC(1) + MS(11));

    conn c = conn_open(s, &client, 40002, &server, 80, 3000000, 9000000);
    handshake(&c, SEC(2));
    exchange(&c, 100, 1000, SEC(2) + MS(30));
    const forged_fields far = {.ttl = 250, .ip_id_set = true, .ip_id = 0x4242};
    tcp_send_forged(&c, SERVER, TR_TCP_RST, conn_next_seq(&c, SERVER), 0, &far, SEC(2) + MS(60));
    server_data(&c, 500, SEC(2) + MS(70));
    client_ack(&c, SEC(2) + MS(80));
}

/* No clock hint, no pool. 1-270: 10.2.0.7, one Windows-like host whose clock jitters (SYN
 * TSvals up to 800 ticks behind the newest, 930 ticks a second) on 30 connections to
 * 10.9.0.84:445, each closed by the client. 271-306: 10.2.0.8 to 10.9.0.85:80, four
 * connections in 0.3 s on two ports, the server closing: 289 and 298 reuse the server's
 * TIME_WAIT (accept-seq), but 0.3 s is too little for a pool. 307-360: 10.2.0.9 bound to
 * port 5000 reconnecting every 2 s, the server closing: each SYN from 316 on meets the
 * TIME_WAIT (accept-seq), and a fixed port is no pool to enlarge. */
void scenario_precision_quiet(scenario *s)
{
    host win = host_make("10.2.0.7", 128, (ts_clock){0, 0});
    host smb = host_make("10.9.0.84", 128, (ts_clock){1000, 5000000});
    for (int i = 0; i < 30; i++) {
        conn c = conn_open(s, &win, (uint16_t)(50000 + i), &smb, 445, 1000000u * (uint32_t)(i + 1), 77000000);
        int64_t t = MS(300) * i;
        uint32_t jitter = (uint32_t)(i % 3) * 400;
        conn_set_client_clock(&c, (ts_clock){930, 1000000000u - jitter});
        session(&c, CLIENT, t);
    }
    host burst = host_make("10.2.0.8", 64, (ts_clock){1000, 3000000});
    host web = host_make("10.9.0.85", 64, (ts_clock){1000, 4000000});
    for (int i = 0; i < 4; i++) {
        conn c = conn_open(s, &burst, (uint16_t)(41000 + i % 2), &web, 80, 5000000u + 100000u * (uint32_t)i, 6000000);
        session(&c, SERVER, SEC(10) + MS(100) * i);
    }
    host fixed = host_make("10.2.0.9", 64, (ts_clock){1000, 8000000});
    for (int i = 0; i < 6; i++) {
        conn c = conn_open(s, &fixed, 5000, &web, 80, 7000000u + 100000u * (uint32_t)i, 6000000);
        session(&c, SERVER, SEC(20) + SEC(2) * i);
    }
}
