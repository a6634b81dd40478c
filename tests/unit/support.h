/* SPDX-License-Identifier: GPL-2.0-or-later
 * Test support: build segments and whole sessions for the engine, frame by frame.
 */
#ifndef TCPREUSE_TEST_SUPPORT_H
#define TCPREUSE_TEST_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/engine.h"

typedef struct test_flow {
    tr_engine *engine;
    tr_address client, server;
    uint16_t cport, sport;
    uint32_t frame;          /* last frame number used */
    bool ts;                 /* send timestamps */
    int64_t client_ts_base, server_ts_base; /* TSval = base + ms of capture time */
} test_flow;

typedef enum { CLOSE_BY_SERVER, CLOSE_BY_CLIENT, CLOSE_SIMULTANEOUS } test_closer;

/* Frames of a played session. */
typedef struct test_session {
    uint32_t syn, close;
    uint32_t client_next, server_next; /* final sequence numbers */
} test_session;

tr_address test_ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
tr_address test_ipv6(uint16_t last);
test_flow test_flow_new(tr_engine *e, tr_address client, uint16_t cport, tr_address server, uint16_t sport);
/* 10.0.0.1:cport -> 192.0.2.80:80 without timestamps, the flow most rule tests need. */
test_flow test_flow_plain(tr_engine *e, uint16_t cport);

/* Findings returned below are copies that stay valid until the test program ends; they do not
 * change when later frames add to them (a SYN learning its answer): read those again with
 * test_finding_of(). */

/* Send one segment at t seconds; the TSval follows the sender's clock when f->ts. */
const tr_finding *test_send(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq, uint32_t ack,
                            uint32_t len);
/* The same with an explicit TSval (has_ts forced on). */
const tr_finding *test_send_ts(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq,
                               uint32_t ack, uint32_t len, uint32_t tsval);

/* The segment test_send would send without timestamps (frame number taken), for tests that
 * set other fields (IP ID, TTL, reserved bits) before test_process(). */
tr_segment test_segment(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq, uint32_t ack,
                        uint32_t len);
const tr_finding *test_process(test_flow *f, const tr_segment *s);

/* The finding of an earlier frame as the engine holds it now, or NULL. */
const tr_finding *test_finding_of(tr_engine *e, uint32_t frame);

/* SYN, SYN-ACK, ACK at t, t + 1 ms, t + 2 ms. */
void test_handshake(test_flow *f, double t, uint32_t client_isn, uint32_t server_isn);

/* The handshake, 100 bytes each way, then the close; 1 ms between frames from t. */
test_session test_play_session(test_flow *f, double t, uint32_t client_isn, uint32_t server_isn, test_closer who);

tr_engine *test_engine(void);

#endif
