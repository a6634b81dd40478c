/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: session pieces (see sessions.h).
 */
#include "sessions.h"

void handshake(conn *c, int64_t t)
{
    client_syn(c, t);
    server_synack(c, t + MS(10));
    client_ack(c, t + MS(20));
}

void exchange(conn *c, uint32_t request_len, uint32_t response_len, int64_t t)
{
    client_data(c, request_len, t);
    server_data(c, response_len, t + MS(20));
}

void close_from(conn *c, side first, int64_t t)
{
    tcp_send(c, first, TR_TCP_FIN | TR_TCP_ACK, 0, t);
    tcp_send(c, !first, TR_TCP_ACK, 0, t + MS(10));
    tcp_send(c, !first, TR_TCP_FIN | TR_TCP_ACK, 0, t + MS(20));
    tcp_send(c, first, TR_TCP_ACK, 0, t + MS(30));
}

void session_with_request(conn *c, side closer, uint32_t request_len, int64_t t)
{
    handshake(c, t);
    exchange(c, request_len, 480, t + MS(30));
    close_from(c, closer, t + MS(60));
}

void session(conn *c, side closer, int64_t t)
{
    session_with_request(c, closer, 120, t);
}

void tw_rejected(conn *old, conn *c, int64_t t)
{
    client_syn(c, t);
    server_ack(old, t + US(100));
    client_rst_seq(c, conn_next_seq(old, CLIENT), t + MS(10));
}

uint32_t tw_isn(const conn *old, side holder)
{
    return conn_next_seq(old, holder) + 65535 + 2;
}
