/* SPDX-License-Identifier: GPL-2.0-or-later
 * The TIME_WAIT model: how long the active closer holds it, and what it does with each
 * segment it receives, decided as Linux tcp_timewait_state_process() decides.
 */
#ifndef TCPREUSE_TIME_WAIT_H
#define TCPREUSE_TIME_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"
#include "tcpreuse/finding.h"

/* Does `holder` still hold TIME_WAIT at `now`? At exactly tw_len after the last (re)start
 * it has expired. */
bool tr_time_wait_held(const tr_session *s, uint8_t holder, int64_t now, int64_t tw_len_ns);

/* Linux's TIME_WAIT timer sits in the timer wheel, which fires late by up to the wheel
 * level's granularity (kernel/time/timer.c): for 60 s that is 4096 jiffies, 4.1 s at HZ=1000
 * (2 s at HZ=250). Within that slack after expiry the TIME_WAIT may still be there. */
#define TR_TW_TIMER_SLACK_NS 4096000000LL

/* Has `holder`'s TIME_WAIT run out by the model, but less than the timer slack ago? */
bool tr_time_wait_may_linger(const tr_session *s, uint8_t holder, int64_t now, int64_t tw_len_ns);

/* The holder of the session as seen by a SYN sent by `client`. */
tr_tw_holder tr_time_wait_holder(const tr_session *s, uint8_t client);

/* tcp_paws_reject() for a segment reaching the end whose peer is `peer` (the peer's newest
 * TSval is that end's TS.Recent); ts_on: timestamps were negotiated. */
bool tr_time_wait_paws_rejects(const tr_direction *peer, const tr_segment *seg, bool ts_on);

typedef struct tr_tw_decision {
    tr_tw_verdict verdict;  /* for an ACK-less SYN; NONE for other segments */
    bool paws_reject;
    bool killed;
    uint32_t rcv_nxt;       /* the numbers compared */
    bool has_ts_recent;
    uint32_t ts_recent;
} tr_tw_decision;

/* A segment arrives at `holder`, which holds TIME_WAIT (tr_time_wait_held() is true).
 * Applies the kernel's consequences to the session (timer restart, kill by RST unless
 * rfc1337, the TIME_WAIT ending when a SYN is accepted) and returns the decision. */
tr_tw_decision tr_time_wait_receive(tr_session *s, uint8_t holder, const tr_segment *seg, bool rfc1337);

#endif
