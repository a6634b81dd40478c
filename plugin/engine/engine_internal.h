/* SPDX-License-Identifier: GPL-2.0-or-later
 * The engine's state, shared by its parts: the entry and session segments (engine.c), SYNs
 * (syn.c) and what answers them while an attempt is pending (attempt.c).
 */
#ifndef TCPREUSE_ENGINE_INTERNAL_H
#define TCPREUSE_ENGINE_INTERNAL_H

#include <glib.h>

#include "clock_tracker.h"
#include "ecn_setup.h"
#include "finding_store.h"
#include "pair_table.h"
#include "port_pool.h"
#include "tcpreuse/engine.h"
#include "time_wait.h"

struct tr_engine {
    /* What every segment reads first, together (one cache line, not three: issue 10). */
    tr_config cfg;
    int64_t tw_len_ns;
    tr_pair_table *pairs;
    tr_clock_tracker *clocks;
    tr_findings *findings;   /* every processed frame's finding, packed */
    uint32_t current_keep;   /* blocks current's record keeps even while empty (finding_store.h) */
    tr_port_pools *pools;
    tr_ecn_paths *ecn;
    tr_finding current;      /* the finding of the frame being processed, packed at its end */
    tr_finding syn_answer;   /* a SYN's answer written back into its record: only its frame and
                                syn.answered_by / answer_kind are ever set, the rest stays zero
                                (no 392-byte clear for each SYN-ACK) */
    bool table_full_said;
};

/* This frame's finding (e->current, cleared when first needed). Earlier frames' findings are
 * changed through e->findings (tr_findings_update). */
tr_finding *tr_engine_finding(tr_engine *e, tr_finding **f, const tr_segment *seg);

/* The rest of tr_engine_time_wait_sees(), after its first test. */
tr_tw_decision tr_engine_time_wait_decides(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg);

/* A segment from `side` reaches the other end; if that end holds TIME_WAIT, it decides. Only a
 * FIN close leaves a TIME_WAIT (tr_time_wait_held()), so most segments stop at the state. */
static inline tr_tw_decision tr_engine_time_wait_sees(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg)
{
    if (p->session.state != TR_SESSION_CLOSED_FIN)  /* a pair without a session has it 0 (open) */
        return (tr_tw_decision){0};
    return tr_engine_time_wait_decides(e, p, side, seg);
}

/* syn.c: a SYN without ACK. Returns whether it was judged (false for a late copy of the
 * session's own SYN, which is ignored, and for the second SYN of a simultaneous open). */
bool tr_syn_process(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg, tr_finding **f);

/* attempt.c: a segment while a SYN waits for its SYN-ACK. */
void tr_attempt_server_reply(tr_engine *e, tr_pair *p, uint8_t server, const tr_segment *seg, tr_finding **f);
void tr_attempt_client_segment(tr_engine *e, tr_pair *p, uint8_t client, const tr_segment *seg, tr_finding **f);

/* attempt.c: a SYN-ACK for a SYN said to be refused: the attempt goes on (true). */
bool tr_attempt_reopened(tr_attempt *a, uint8_t side, const tr_segment *seg);

/* attempt.c: the attempt becomes the pair's session. */
void tr_attempt_synchronize(tr_engine *e, tr_pair *p);

#endif
