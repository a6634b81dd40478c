/* SPDX-License-Identifier: GPL-2.0-or-later
 * Session lifecycle on one socket pair: per-direction sequence state, who closed first,
 * and each end's TIME_WAIT. Sides are indexes 0/1 of the pair's canonical key.
 */
#ifndef TCPREUSE_SESSION_H
#define TCPREUSE_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* What one end has sent, and (when it is an active closer) its TIME_WAIT. Members by size,
 * without holes; flags as bits but the few read by most segments or most RSTs. */
typedef struct tr_direction {
    int64_t ts_time;         /* when last_tsval was sent */
    /* One time for two states: FIN_WAIT2 is timed from the peer's ACK of its FIN while the
     * session is open (fin_wait2.h), TIME_WAIT from its timer's last (re)start once the session
     * is closed by FIN (time_wait.h), which sets it for both ends and is never left. */
    union {
        int64_t fin_acked_time;
        int64_t tw_start;
    };
    uint32_t isn;
    uint32_t next_seq;       /* highest seq + len (+SYN +FIN) sent */
    uint32_t last_ack;       /* highest ack sent */
    uint32_t last_tsval;     /* newest TSval sent: the peer's TS.Recent */
    uint32_t last_frame;     /* last segment it sent */
    uint32_t last_data_frame;
    uint32_t last_data_end;  /* seq + len of that data */
    uint32_t fin_frame, fin_end;
    uint32_t fin_acked_frame;  /* the peer's segment that first acknowledged its FIN */
    uint32_t unread_frame;   /* its FIN did not acknowledge the peer's data in this frame (unread at close) */
    uint32_t unread_end;     /* and where that data ends */
    uint32_t tw_restarted_by;
    uint32_t tw_ended_by;    /* what ended it, 0 = nothing yet: an RST (tw_killed) or a new SYN it accepted */
    uint16_t last_window;    /* the raw window of its latest segment (once seq_known) */
    bool tw_held;            /* TIME_WAIT: this end closed actively (set when the session closes) */
    bool reset_sent;         /* it sent an RST: no socket since (tr_reset_aftermath) */
    bool fw2_reset;          /* its first RST came from its orphaned FIN_WAIT2: no socket since, not a close */
    bool ts_seen;
    uint8_t wscale : 4;      /* its SYN's or SYN-ACK's Window Scale shift (with ws_on_syn) */
    bool seq_known : 1;      /* it sent a segment: next_seq, last_frame and last_window hold */
    bool ack_seen : 1;
    bool fin_seen : 1;
    bool syn_seen : 1;
    bool ts_on_syn : 1;      /* its SYN or SYN-ACK carried timestamps */
    bool ts_unknown : 1;     /* the snap length cut the options of its SYN (or, midstream, of a
                                segment) before any Timestamps option: whether it uses them is unknown */
    bool ws_on_syn : 1;      /* its SYN or SYN-ACK carried Window Scale */
    bool tw_killed : 1;      /* an RST killed its TIME_WAIT (tw_ended_by is that RST) */
} tr_direction;

/* After its first RST an end has no socket: each later segment from the peer gets one RST, in
 * order (RFC 9293 3.10.7.1). Most ends never reset: this is kept apart from the direction, in
 * the pair's rare part (pair_table.h), read only while the direction's reset_sent is set and
 * cleared when a session starts. */
typedef struct tr_reset_aftermath {
    int64_t rst_time;
    uint32_t unanswered[4];  /* the peer's segments not answered yet */
    uint32_t last_trigger;   /* what its latest RST answered */
    uint32_t rst_frame;      /* its latest RST, until it is contradicted (0 = none) */
    uint32_t rst_seq;
    uint8_t unanswered_len;
    uint8_t rst_ttl;
} tr_reset_aftermath;

typedef enum tr_session_state {
    TR_SESSION_OPEN = 0,
    TR_SESSION_CLOSED_FIN,   /* both FINs seen */
    TR_SESSION_CLOSED_RST,
} tr_session_state;

typedef struct tr_session {
    int64_t first_time;
    int64_t close_time;
    uint32_t first_frame;
    uint32_t close_frame;
    uint32_t synack_ack;     /* what its first SYN-ACK acknowledged (the client's ISN + 1), with synack_seen */
    bool started;            /* tr_session_init ran: the pair has a session (until then all of it is zero) */
    uint8_t state;           /* a tr_session_state */
    uint8_t client;          /* side that sent the SYN (guessed from ports when midstream) */
    uint8_t second_fin_side : 1; /* waiting for the ACK of the second FIN (its dir's fin_end) to date the close */
    bool client_known : 1;   /* its SYN or the SYN-ACK answering it was seen */
    bool reset_said : 1;     /* its first RST was marked (tr_rst_note_role) */
    bool synack_seen : 1;
    tr_direction dir[2];
} tr_session;

/* A SYN's window scale shift: above 14 it is used as 14 (RFC 7323 2.3). The header parser
 * clamps too, but segments can reach the engine without it (the benchmark, the fuzzer). */
static inline uint8_t tr_segment_wscale(const tr_segment *seg)
{
    return seg->wscale > 14 ? 14 : seg->wscale;
}

/* Apply one segment sent by `side` to the session's sequence and close state. */
void tr_session_update(tr_session *s, uint8_t side, const tr_segment *seg);

/* Timestamps were negotiated (RFC 7323 3.2): both SYN and SYN-ACK carried them. */
bool tr_session_ts_negotiated(const tr_session *s);

/* Whether the capture shows if timestamps were negotiated (no options cut by the snap length). */
bool tr_session_ts_known(const tr_session *s);

/* The receive window `side` last advertised, in bytes, when the capture shows it: the raw
 * window shifted by its scale when both SYNs were seen (RFC 7323 2.2: scaling is on only
 * when both carried the option). *at_least is then the raw window, a lower bound. */
bool tr_session_window(const tr_session *s, uint8_t side, uint32_t *bytes, uint32_t *at_least);

/* Start a session at its first segment (a SYN-ACK'd attempt or a midstream segment): the
 * pair's, through tr_pair_start_session(). */
void tr_session_init(tr_session *s, uint32_t frame, int64_t time_ns, uint8_t client);

/* An RST ends an open session (a closed one keeps its TIME_WAIT state; see time_wait.h). */
void tr_session_close_by_rst(tr_session *s, const tr_segment *seg);

#endif
