/* SPDX-License-Identifier: GPL-2.0-or-later
 * A connection attempt: SYNs with one ISN not yet answered by a SYN-ACK, and what
 * answered them so far. Kept after it fails, as the pair's latest history.
 */
#ifndef TCPREUSE_ATTEMPT_H
#define TCPREUSE_ATTEMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/finding.h"

/* Members by size, without holes; flags as bits but the two read by most segments. */
typedef struct tr_attempt {
    int64_t first_time;
    int64_t syn_time;
    uint32_t first_frame;    /* its first SYN */
    uint32_t syn_frame;      /* its latest SYN (retransmissions move it) */
    uint32_t end_frame;      /* the RST that refused it, 0 = none (its time: tr_attempt_rare) */
    uint32_t end_rst;        /* the server's RST that answered it, until the server contradicts it (0 = none) */
    uint32_t isn;
    uint32_t syn_tsval;
    uint16_t syn_window;
    uint8_t end_ttl;
    uint8_t client;          /* side that sent the SYN */
    bool active;             /* waiting for a SYN-ACK */
    uint8_t wscale : 4;      /* its SYN's Window Scale shift (with ws_on_syn) */
    uint8_t stale_kind : 3;  /* a tr_stale_kind (with stale_seen) */
    bool retry : 1;          /* started by a retransmission of an earlier attempt: no new opening of the pair */
    bool ts_on_syn : 1;
    bool ws_on_syn : 1;      /* its SYN's Window Scale option */
    bool ts_unknown : 1;     /* its SYN's options were cut before any Timestamps option */
    bool reuses : 1;         /* the pair had an earlier session or attempt */
    bool ecn_setup : 1;      /* that SYN is ECN-setup (ECE and CWR) */
    bool reset_said : 1;     /* the connection's first RST was marked (tr_rst_note_role) */
    bool syn_flagged : 1;    /* that SYN has a finding (where its answer is written) */
    bool syn_retransmit : 1; /* which says it repeats an earlier SYN */
    bool syn_answered : 1;   /* that SYN already has its answer */
    bool stale_seen : 1;     /* a bare ACK answered it: the client's RST will echo its ack (tr_attempt_rare) */
    bool fw2_reset : 1;      /* its SYN is in the window of the server's orphaned FIN_WAIT2: an RST is due */
} tr_attempt;

/* What an attempt rarely needs: what came before it on the 4-tuple (only a reused one has it)
 * and what a refusal or a stale ACK left. Kept in the pair's rare part (pair_table.h), where a
 * pair without one reads zero. */
typedef struct tr_attempt_rare {
    int64_t prev_open_time;
    int64_t prev_end_time;
    int64_t end_time;        /* when the RST in end_frame came */
    uint32_t prev_open_frame;  /* the pair's latest SYN before this attempt; 0 = none seen */
    uint32_t prev_first_frame, prev_end_frame; /* the attempt before this one, and the RST that ended it */
    uint32_t stale_frame, stale_ack;  /* the bare ACK that answered its SYN (with stale_seen) */
} tr_attempt_rare;

/* The latest SYNs of a pair with distinct ISNs: a SYN repeating one of them is a retransmission,
 * whatever came in between (a refusal, SYNs with other ISNs). Entry i is isn[i] and frame[i]
 * (its latest copy; 0 = no SYN here yet), bit i of sides (the side that sent it) and of reuses
 * (its attempt reused the 4-tuple). */
#define TR_SYNS_KEPT 4
typedef struct tr_syn_history {
    uint32_t isn[TR_SYNS_KEPT];
    uint32_t frame[TR_SYNS_KEPT];
    uint8_t sides;
    uint8_t reuses;
    uint8_t next;
} tr_syn_history;

#endif
