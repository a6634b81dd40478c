/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "support.h"

#include <glib.h>
#include <string.h>

tr_address test_ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    tr_address x;
    memset(&x, 0, sizeof(x));
    x.family = 4;
    x.bytes[0] = a;
    x.bytes[1] = b;
    x.bytes[2] = c;
    x.bytes[3] = d;
    return x;
}

tr_address test_ipv6(uint16_t last)
{
    tr_address x;
    memset(&x, 0, sizeof(x));
    x.family = 6;
    x.bytes[0] = 0x20;
    x.bytes[1] = 0x01;
    x.bytes[2] = 0x0d;
    x.bytes[3] = 0xb8;
    x.bytes[14] = (uint8_t)(last >> 8);
    x.bytes[15] = (uint8_t)last;
    return x;
}

tr_engine *test_engine(void)
{
    tr_config cfg;
    tr_config_default(&cfg);
    return tr_engine_new(&cfg);
}

test_flow test_flow_new(tr_engine *e, tr_address client, uint16_t cport, tr_address server, uint16_t sport)
{
    return (test_flow){.engine = e, .client = client, .server = server, .cport = cport, .sport = sport,
                       .ts = true, .client_ts_base = 1000000, .server_ts_base = 5000000};
}

test_flow test_flow_plain(tr_engine *e, uint16_t cport)
{
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), cport, test_ipv4(192, 0, 2, 80), 80);
    f.ts = false;
    return f;
}

tr_segment test_segment(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq, uint32_t ack,
                          uint32_t len)
{
    tr_segment s;
    memset(&s, 0, sizeof(s));
    s.frame = ++f->frame;
    s.time_ns = (int64_t)(t * 1e9 + 0.5);
    s.src = from_client ? f->client : f->server;
    s.dst = from_client ? f->server : f->client;
    s.sport = from_client ? f->cport : f->sport;
    s.dport = from_client ? f->sport : f->cport;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.payload_len = len;
    s.window = 64240;
    s.ttl = 64;
    return s;
}

/* The engine's finding is a view valid until its next call; the tests keep findings across
 * frames, so each one handed out is a copy, kept until the test program ends. */
static const tr_finding *kept(const tr_finding *view)
{
    static GPtrArray *copies;
    if (!view)
        return NULL;
    if (!copies)
        copies = g_ptr_array_new_with_free_func(g_free);
    tr_finding *copy = g_new(tr_finding, 1);
    *copy = *view;
    g_ptr_array_add(copies, copy);
    return copy;
}

const tr_finding *test_send(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq, uint32_t ack,
                            uint32_t len)
{
    tr_segment s = test_segment(f, from_client, t, flags, seq, ack, len);
    if (f->ts && !(flags & TR_TCP_RST)) {
        s.has_ts = true;
        s.tsval = (uint32_t)((from_client ? f->client_ts_base : f->server_ts_base) + (int64_t)(t * 1000));
    }
    return kept(tr_engine_process(f->engine, &s));
}

const tr_finding *test_send_ts(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq,
                               uint32_t ack, uint32_t len, uint32_t tsval)
{
    tr_segment s = test_segment(f, from_client, t, flags, seq, ack, len);
    s.has_ts = true;
    s.tsval = tsval;
    return kept(tr_engine_process(f->engine, &s));
}

const tr_finding *test_process(test_flow *f, const tr_segment *s)
{
    return kept(tr_engine_process(f->engine, s));
}

const tr_finding *test_finding_of(tr_engine *e, uint32_t frame)
{
    tr_finding now;
    return tr_engine_finding_of(e, frame, &now) ? kept(&now) : NULL;
}

void test_handshake(test_flow *f, double t, uint32_t ci, uint32_t si)
{
    test_send(f, true, t, TR_TCP_SYN, ci, 0, 0);
    test_send(f, false, t + 0.001, TR_TCP_SYN | TR_TCP_ACK, si, ci + 1, 0);
    test_send(f, true, t + 0.002, TR_TCP_ACK, ci + 1, si + 1, 0);
}

test_session test_play_session(test_flow *f, double t, uint32_t ci, uint32_t si, test_closer who)
{
    const uint8_t A = TR_TCP_ACK, PA = TR_TCP_PSH | TR_TCP_ACK, FA = TR_TCP_FIN | TR_TCP_ACK;
    test_session s = {0};
    double dt = 0.001;
    s.syn = f->frame + 1;
    test_handshake(f, t, ci, si);
    t += 2 * dt;
    test_send(f, true, t += dt, PA, ci + 1, si + 1, 100);
    test_send(f, false, t += dt, PA, si + 1, ci + 101, 100);
    uint32_t c = ci + 101, v = si + 101;
    switch (who) {
    case CLOSE_BY_SERVER:
        test_send(f, false, t += dt, FA, v, c, 0);
        test_send(f, true, t += dt, A, c, v + 1, 0);
        test_send(f, true, t += dt, FA, c, v + 1, 0);
        test_send(f, false, t += dt, A, v + 1, c + 1, 0);
        break;
    case CLOSE_BY_CLIENT:
        test_send(f, true, t += dt, FA, c, v, 0);
        test_send(f, false, t += dt, A, v, c + 1, 0);
        test_send(f, false, t += dt, FA, v, c + 1, 0);
        test_send(f, true, t += dt, A, c + 1, v + 1, 0);
        break;
    case CLOSE_SIMULTANEOUS:
        test_send(f, false, t += dt, FA, v, c, 0);
        test_send(f, true, t += dt, FA, c, v, 0);
        test_send(f, true, t += dt, A, c + 1, v + 1, 0);
        test_send(f, false, t += dt, A, v + 1, c + 1, 0);
        break;
    }
    s.close = f->frame;
    s.client_next = c + 1;
    s.server_next = v + 1;
    return s;
}
