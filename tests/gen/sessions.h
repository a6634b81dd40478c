/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: whole pieces of a TCP session, built from the scenario verbs.
 * Each piece appends a fixed number of frames at fixed offsets from its start time.
 */
#ifndef PCAPGEN_SESSIONS_H
#define PCAPGEN_SESSIONS_H

#include "scenario.h"

/* session(): 9 frames; the closing frame (the ACK of the second FIN) comes last, at +90 ms. */
#define SESSION_FRAMES 9
#define SESSION_CLOSE_AT MS(90)

/* 3 frames: SYN at t, SYN-ACK at +10 ms, ACK at +20 ms. */
void handshake(conn *c, int64_t t);

/* 2 frames: the client's request at t, the server's response at +20 ms. */
void exchange(conn *c, uint32_t request_len, uint32_t response_len, int64_t t);

/* 4 frames: FIN from `first` at t, the peer's ACK at +10 ms, the peer's FIN at +20 ms,
 * the last ACK at +30 ms. `first` is the active closer and holds TIME_WAIT. */
void close_from(conn *c, side first, int64_t t);

/* handshake(t), exchange(request_len, 480, t + 30 ms), close_from(closer, t + 60 ms). */
void session_with_request(conn *c, side closer, uint32_t request_len, int64_t t);

/* session_with_request() with a 120-byte request. */
void session(conn *c, side closer, int64_t t);

/* 3 frames: c's SYN at t, the server's TIME_WAIT ACK with old's numbers at +0.1 ms, the
 * client's RST with seq = that ACK's ack at +10 ms (a SYN the server's TIME_WAIT rejects). */
void tw_rejected(conn *old, conn *c, int64_t t);

/* The ISN Linux gives a SYN it accepts in TIME_WAIT (or tcp_tw_reuse gives a
 * reused port): the old snd_nxt + 65537 of the side that held the TIME_WAIT. */
uint32_t tw_isn(const conn *old, side holder);

#endif
