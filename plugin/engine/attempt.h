/* SPDX-License-Identifier: GPL-2.0-or-later
 * A connection attempt: SYNs with one ISN not yet answered by a SYN-ACK, and what
 * answered them so far. Kept after it fails, as the pair's latest history.
 */
#ifndef TCPREUSE_ATTEMPT_H
#define TCPREUSE_ATTEMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/finding.h"

typedef struct tr_attempt {
    bool active;             /* waiting for a SYN-ACK */
    uint8_t client;          /* side that sent the SYN */
    uint32_t isn;
    bool ts_on_syn;
    bool ws_on_syn;          /* its SYN's Window Scale option, and the shift */
    uint8_t wscale;
    uint16_t syn_window;
    bool ts_unknown;         /* its SYN's options were cut before any Timestamps option */
    uint32_t syn_tsval;
    bool reuses;             /* the pair had an earlier session or attempt */
    uint32_t prev_first_frame, prev_end_frame; /* the attempt before this one, and the RST that ended it */
    int64_t prev_end_time;
    uint32_t prev_open_frame;  /* the pair's latest SYN before this attempt; 0 = none seen */
    int64_t prev_open_time;
    uint32_t first_frame;    /* its first SYN */
    int64_t first_time;
    uint32_t syn_frame;      /* its latest SYN (retransmissions move it) */
    int64_t syn_time;
    bool ecn_setup;          /* that SYN is ECN-setup (ECE and CWR) */
    bool reset_said;         /* the connection's first RST was marked (tr_rst_note_role) */
    bool syn_flagged;        /* that SYN has a finding (where its answer is written) */
    bool syn_retransmit;     /* which says it repeats an earlier SYN */
    bool syn_answered;       /* that SYN already has its answer */
    bool stale_seen;         /* a bare ACK answered it: the client's RST will echo its ack */
    uint32_t stale_frame, stale_ack;
    tr_stale_kind stale_kind;
    bool fw2_reset;          /* its SYN is in the window of the server's orphaned FIN_WAIT2: an RST is due */
    uint32_t end_frame;      /* the RST that refused it, 0 = none */
    int64_t end_time;
    uint32_t end_rst;        /* the server's RST that answered it, until the server contradicts it (0 = none) */
    uint8_t end_ttl;
} tr_attempt;

/* The latest SYNs of a pair with distinct ISNs: a SYN repeating one of them is a retransmission,
 * whatever came in between (a refusal, SYNs with other ISNs). */
#define TR_SYNS_KEPT 4
typedef struct tr_syn_seen {
    uint32_t isn, frame;     /* the ISN and its latest copy */
    uint8_t side;
    bool reuses;             /* its attempt reused the 4-tuple */
} tr_syn_seen;

typedef struct tr_syn_history {
    tr_syn_seen syn[TR_SYNS_KEPT];
    uint8_t next;
} tr_syn_history;

#endif
