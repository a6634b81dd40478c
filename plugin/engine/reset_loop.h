/* SPDX-License-Identifier: GPL-2.0-or-later
 * Reset loops on one 4-tuple (story 000 behind a NAT): a SYN meets state the server still
 * holds, gets a stale bare ACK, the client in SYN-SENT answers it with an RST (RFC 793), and
 * its next SYN starts the same cycle again, until a SYN-ACK or the client gives up.
 */
#ifndef TCPREUSE_RESET_LOOP_H
#define TCPREUSE_RESET_LOOP_H

#include <stdint.h>

#include "finding_store.h"
#include "tcpreuse/finding.h"

typedef struct tr_reset_loop {
    int64_t last_time;      /* when the latest cycle's RST was sent */
    uint32_t last_rst;      /* that RST: the loop is open there until a SYN-ACK */
    uint32_t last_syn;      /* and the SYN its cycle began with */
    uint32_t cycles;        /* SYN -> stale ACK -> RST cycles since the 4-tuple's last SYN-ACK */
    uint32_t began;         /* the SYN of the first of them */
} tr_reset_loop;

/* The client refused a stale ACK answering its SYN `syn_frame`: one more cycle, said on the
 * RST's finding (the frame being processed), which becomes the loop's open end from the second
 * cycle on (the previous end, in `findings`, is open no more). */
void tr_reset_loop_cycle(tr_reset_loop *l, tr_findings *findings, uint32_t syn_frame, int64_t time_ns,
                         tr_finding *rst);

/* A SYN with a new ISN at time_ns: a new connect(). Long after the loop's last cycle the
 * client had given up (Linux's connect() retries SYNs for 127 s, tcp_syn_retries = 6): the
 * loop ended there, left open, and this attempt counts from zero. */
void tr_reset_loop_new_attempt(tr_reset_loop *l, int64_t time_ns);

/* A SYN on the 4-tuple: whether cycles came before it (then `syn` is to say so). */
static inline bool tr_reset_loop_active(const tr_reset_loop *l)
{
    return l->cycles > 0;
}
void tr_reset_loop_syn(const tr_reset_loop *l, tr_finding *syn);

/* The 4-tuple synchronizes (a SYN-ACK, a handshake completed out of sight, a session seen
 * midstream): the loop ends, and its last RST is no longer its open end. */
void tr_reset_loop_answered(tr_reset_loop *l, tr_findings *findings);

#endif
