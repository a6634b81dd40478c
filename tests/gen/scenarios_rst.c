/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: one RST of each cause (doc/rules.md "RST causes"), client 10.1.0.2,
 * server 10.9.0.80, one 4-tuple each.
 */
#include "scenarios.h"
#include "sessions.h"

/* 1 SYN to port 81; 2 RST,ACK: refused (trigger 1).
 * 3-5 handshake on port 80, 6 request, 7 response (480 B, never acknowledged);
 *   8 client RST, no FIN sent: abort (trigger 7, 480 bytes outstanding).
 * 9-11 handshake, 12 request, 13 response, 14 server FIN; 15 client data (60 B) after
 *   that FIN; 16 server RST,ACK: after-close (trigger 15).
 * 17 RST from 10.1.0.7:45000, a pair never seen: unknown.
 * 18-26 a session the server closes (close at 26); 27 client RST 5 s later on the closed
 *   session: unknown.
 * 28 SYN to port 82; 29 a bare RST without ACK: a client in SYN-SENT drops it (unknown,
 *   ignored_in_syn_sent); 30 the same SYN 1 s later; 31 RST,ACK: refused (trigger 30). */
void scenario_rst_causes(scenario *s)
{
    host client = host_make("10.1.0.2", 64, (ts_clock){1000, 5000000});
    host stranger = host_make("10.1.0.7", 64, (ts_clock){0, 0});
    host server = host_make("10.9.0.80", 64, (ts_clock){1000, 9000000});

    conn refused = conn_open(s, &client, 40300, &server, 81, 1000000, 0);
    client_syn(&refused, 0);
    server_rst_ack(&refused, US(200));

    conn abort = conn_open(s, &client, 40301, &server, 80, 2000000, 7000000);
    handshake(&abort, SEC(1));
    exchange(&abort, 120, 480, SEC(1) + MS(30));
    client_rst(&abort, SEC(1) + MS(60));

    conn after_close = conn_open(s, &client, 40302, &server, 80, 3000000, 8000000);
    handshake(&after_close, SEC(2));
    exchange(&after_close, 120, 480, SEC(2) + MS(30));
    server_fin(&after_close, SEC(2) + MS(60));
    client_data(&after_close, 60, SEC(2) + MS(70));
    tcp_send(&after_close, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, SEC(2) + MS(71));

    conn unseen = conn_open(s, &stranger, 45000, &server, 80, 0x7000aaaau, 0);
    client_rst(&unseen, SEC(3));

    conn closed = conn_open(s, &client, 40303, &server, 80, 4000000, 9000000);
    session(&closed, SERVER, SEC(4));
    client_rst(&closed, SEC(9));

    conn dropped = conn_open(s, &client, 40304, &server, 82, 5000000, 0);
    client_syn(&dropped, SEC(10));
    tcp_send_numbers(&dropped, SERVER, TR_TCP_RST, 0, 0, 0, SEC(10) + US(200));
    client_syn(&dropped, SEC(11));
    server_rst_ack(&dropped, SEC(11) + US(200));
}
