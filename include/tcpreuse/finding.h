/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the engine's output, one record per frame that has something to say.
 * This is the decoded form, filled on demand (engine.h): the engine keeps each frame's finding
 * packed, only the parts it uses (plugin/engine/finding_pack.h).
 *
 * Each block has a `present` flag; a block's other members mean something only when
 * it is set. Frame numbers are capture frame numbers; 0 means "none".
 * Roles: the "client" is the end that sends the SYN being judged, the "server" the other.
 */
#ifndef TCPREUSE_FINDING_H
#define TCPREUSE_FINDING_H

#include <stdbool.h>
#include <stdint.h>

/* Who still holds TIME_WAIT for the previous session: the active closer (RFC 9293 3.6). */
typedef enum tr_tw_holder {
    TR_HOLDER_NONE = 0,
    TR_HOLDER_CLIENT,
    TR_HOLDER_SERVER,
    TR_HOLDER_BOTH,
} tr_tw_holder;

/* What the server's TIME_WAIT does with the SYN (Linux tcp_timewait_state_process()). */
typedef enum tr_tw_verdict {
    TR_VERDICT_NONE = 0,
    TR_VERDICT_ACCEPT_SEQ,   /* ISN after the old rcv_nxt (RFC 1122 4.2.2.13) */
    TR_VERDICT_ACCEPT_TS,    /* TSval newer than the old TS.Recent (RFC 6191) */
    TR_VERDICT_REJECT_PAWS,  /* TSval older than TS.Recent (RFC 7323 5.3) */
    TR_VERDICT_REJECT_SEQ,   /* no timestamps to help and the ISN is not after rcv_nxt */
} tr_tw_verdict;

/* What the server's orphaned FIN_WAIT2 does with the SYN (Linux tcp_timewait_state_process(),
 * substate TCP_FIN_WAIT2). */
typedef enum tr_fw2_verdict {
    TR_FW2_NONE = 0,
    TR_FW2_RESET,      /* in its window (seq at or after rcv_nxt): RST, and the FIN_WAIT2 is gone */
    TR_FW2_ACK_SEQ,    /* out of its window: an ACK with the old numbers, the FIN_WAIT2 stays */
    TR_FW2_ACK_PAWS,   /* TSval older than TS.Recent (RFC 7323 5.3): an ACK, the FIN_WAIT2 stays */
} tr_fw2_verdict;

typedef enum tr_stale_kind {
    TR_STALE_NONE = 0,
    TR_STALE_TIME_WAIT,        /* the TIME_WAIT ACK of the previous session */
    TR_STALE_CHALLENGE,        /* RFC 5961 4 challenge ACK of a session never seen closing */
    TR_STALE_MISSING_SYN_FLAG, /* ack = ISN+1 but no SYN flag: a broken SYN-ACK (middlebox) */
    TR_STALE_UNSEEN_STATE,     /* numbers match nothing in the capture: state held upstream */
    TR_STALE_LAST_ACK,         /* challenge ACK of a passive closer still in LAST_ACK (its FIN never acknowledged) */
    TR_STALE_FIN_WAIT2,        /* out-of-window ACK of an orphaned FIN_WAIT2 (its FIN acknowledged, the peer's not seen) */
} tr_stale_kind;

typedef enum tr_rst_cause {
    TR_RST_NONE = 0,
    TR_RST_STALE_ACK,    /* SYN-SENT end refusing a stale ACK: RST seq = that ACK's ack (RFC 793) */
    TR_RST_REFUSED,      /* answers a SYN that never got a SYN-ACK */
    TR_RST_ABORT,        /* synchronized session reset instead of closed with FIN */
    TR_RST_AFTER_CLOSE,  /* answers data arriving after the sender's FIN, or left unread by it */
    TR_RST_NO_SOCKET,    /* from an end with no socket for what it received (RFC 9293 3.10.7.1) */
    TR_RST_INJECTED,     /* does not fit its claimed sender, or the sender contradicts it: suspected injection */
    TR_RST_FIN_WAIT2,    /* an orphaned FIN_WAIT2 resets a SYN in its window, and is gone */
    TR_RST_UNKNOWN,
} tr_rst_cause;

/* Why a segment cannot come from a real TCP stack (tr_finding.implausible). */
typedef enum tr_implausible {
    TR_PLAUSIBLE = 0,
    TR_IMPLAUSIBLE_RESERVED_BITS, /* reserved header bits set (RFC 9293 3.1: must be zero) */
    TR_IMPLAUSIBLE_SYN_FIN,       /* SYN with FIN: opens and closes at once */
    TR_IMPLAUSIBLE_SYN_RST,       /* SYN with RST */
    TR_IMPLAUSIBLE_SYN_ACK_FIELD, /* SYN without the ACK flag but with an acknowledgment number */
    TR_IMPLAUSIBLE_RST_FLAGS,     /* RST with URG, ECE or CWR */
} tr_implausible;

/* What makes an RST look injected (tr_rst_finding.evidence bits). */
enum {
    TR_INJECT_TTL = 1,           /* its TTL differs from the claimed sender's (constant) TTL */
    TR_INJECT_IP_ID = 2,         /* its IPv4 ID copies the one of the segment it answers */
    TR_INJECT_TSECR = 4,         /* its TSecr echoes no TSval the receiver sent */
    TR_INJECT_CONTRADICTED = 8,  /* the claimed sender goes on as if it had not reset */
};

/* The end that sent a segment, in its connection: the client sent the first SYN. */
typedef enum tr_role {
    TR_ROLE_UNKNOWN = 0,          /* the connection started before the capture (midstream) */
    TR_ROLE_CLIENT,
    TR_ROLE_SERVER,
} tr_role;

typedef enum tr_answer_kind {
    TR_ANSWER_NONE = 0,
    TR_ANSWER_SYN_ACK,
    TR_ANSWER_BARE_ACK,
    TR_ANSWER_RST,
} tr_answer_kind;

/* On a SYN of a 4-tuple that carried an earlier session. */
typedef struct tr_reuse_finding {
    bool present;
    uint32_t prev_session;        /* first frame of the previous session */
    uint32_t prev_close;          /* frame that ended it; 0 = never seen closing */
    int64_t since_close_ns;       /* valid when prev_close != 0 */
    int64_t port_reuse_interval_ns; /* since the pair's previous SYN; negative = not in the capture */
    tr_tw_holder tw_holder;       /* from how the previous session closed */
    bool syn_reuses_tw;           /* a TIME_WAIT is still held when this SYN arrives */
    bool tw_may_linger;           /* it ran out less than a timer slack ago: Linux may still hold it */
    bool syn_reuses_open;         /* previous session never closed: half-open */
    bool server_fin_unacked;      /* the server closed second and its FIN was never seen acknowledged:
                                     it may still be in LAST_ACK (no TIME_WAIT of its own) */
    bool syn_reuses_fin_wait2;    /* the server sent the only FIN, acknowledged: orphaned FIN_WAIT2 */
    tr_fw2_verdict fw2_verdict;   /* what that FIN_WAIT2 answers (NONE: the window cannot tell) */
    uint32_t fw2_since;           /* the frame that acknowledged the server's FIN (FIN_WAIT2 from there) */
    int64_t fw2_left_ns;          /* FIN_WAIT2 time left at this SYN (tcpreuse.time_wait as tcp_fin_timeout) */
    uint32_t old_rcv_wnd;         /* the server's last advertised window, bytes (0 = scale unknown) */
    tr_tw_verdict tw_verdict;     /* set when the server holds TIME_WAIT */
    bool verdict_unknown;         /* the server holds it, but the snap length cut the TCP options
                                     the verdict needs (timestamps of the SYN or the old session) */
    int64_t tw_left_ns;           /* TIME_WAIT time left at this SYN, when syn_reuses_tw */
    uint32_t tw_restarted_by;     /* frame whose arrival last restarted the TIME_WAIT timer */
    uint32_t tw_killed_by;        /* RST frame that ended the TIME_WAIT early */
    uint32_t tw_taken_by;         /* SYN the TIME_WAIT accepted, which ended it */
    /* The numbers the verdict compared. */
    uint32_t syn_seq, old_rcv_nxt;
    bool syn_has_ts, old_has_ts;
    uint32_t syn_tsval, old_ts_recent;
} tr_reuse_finding;

/* On a SYN: the earlier copy it repeats, and what answered it. Set on SYNs that have another
 * finding, that repeat a refused SYN, or that were answered by something other than a SYN-ACK. */
typedef struct tr_syn_finding {
    uint32_t retransmit_of;       /* this SYN repeats the ISN of that earlier SYN (the latest copy) */
    uint32_t answered_by;         /* back-reference, filled when the answer arrives */
    tr_answer_kind answer_kind;
} tr_syn_finding;

/* On the frame that answers a SYN. */
typedef struct tr_answer_finding {
    bool present;
    uint32_t answers_syn;
    tr_answer_kind kind;
    int64_t delay_ns;             /* since that SYN */
} tr_answer_finding;

/* On a bare ACK (no SYN flag) that answers a SYN. */
typedef struct tr_stale_ack_finding {
    bool present;
    tr_stale_kind kind;
    uint32_t seq, ack;            /* what the ACK carries */
    uint32_t syn_isn;             /* the ISN of the SYN it answers */
    uint32_t old_session;         /* first frame of the session whose numbers it carries */
    uint32_t old_close;           /* that session's closing frame, 0 = never closed */
    uint32_t old_snd_nxt, old_rcv_nxt; /* that session's final numbers, answerer's view */
    int64_t since_close_ns;       /* valid when old_close != 0 */
    bool beyond_time_wait;        /* the TIME_WAIT holder answers after its TIME_WAIT ran out by the model */
} tr_stale_ack_finding;

typedef struct tr_rst_finding {
    bool present;
    tr_rst_cause cause;
    uint32_t trigger;             /* the frame it answers, 0 = none known */
    uint32_t seq;
    uint32_t outstanding;         /* abort: bytes sent by either end but not acknowledged */
    bool kills_time_wait;         /* seq = the TIME_WAIT holder's rcv_nxt (tcp_rfc1337 = 0) */
    uint32_t ends_session;        /* first frame of the (half-open) session this RST ends at its peer */
    bool ignored_in_syn_sent;     /* answers a SYN without acknowledging it: the client drops it */
    /* Injection evidence (cause injected): TR_INJECT_* bits and the numbers behind them. */
    uint8_t evidence;
    uint8_t ttl, sender_ttl;      /* TR_INJECT_TTL: its TTL and the claimed sender's */
    uint32_t ip_id_of;            /* TR_INJECT_IP_ID: the frame whose IPv4 ID it carries */
    uint32_t tsecr;               /* TR_INJECT_TSECR: the TSecr it carries */
    uint32_t contradicted_by;     /* TR_INJECT_CONTRADICTED: the sender's segment that contradicts it */
    tr_rst_cause would_be;        /* the cause it would have without the evidence */
    /* Who resets: the sender's role in its connection, and whether this is the connection's
     * first RST (a suspected injection is not counted as one). */
    tr_role sender_role;
    uint32_t connection;          /* first frame of its connection (its first SYN, or midstream) */
    bool first;
} tr_rst_finding;

/* A reset loop on a 4-tuple: SYN -> stale bare ACK -> the client's RST, again and again, until
 * a SYN-ACK or the client gives up. Set on each cycle's RST and on the SYNs that follow one. */
typedef struct tr_loop_finding {
    uint32_t cycles;              /* cycles completed so far (this RST's included); 0 = none */
    uint32_t began;               /* the SYN of the first cycle */
    bool open;                    /* on the latest cycle's RST, from the second cycle on: no SYN-ACK
                                     on the 4-tuple since (final once the whole capture is read) */
} tr_loop_finding;

/* ECN-setup SYNs (ECE and CWR, RFC 3168 6.1.1) that a path may drop or reset (RFC 3360). */
typedef struct tr_ecn_finding {
    uint32_t refused_syn;         /* on an RST: it refuses this ECN-setup SYN, and no ECN-setup SYN
                                     from this client to this server was answered before */
    uint32_t failed_syn;          /* on a SYN-ACK: the ECN-setup SYN that got no SYN-ACK before ... */
    uint32_t failed_rst;          /* ... (and the RST that refused it, 0 = none: no answer) ... */
    uint32_t retry_syn;           /* ... and the SYN without ECN this SYN-ACK answers */
} tr_ecn_finding;

/* Per-source-address timestamp clocks (a hint for hosts behind one NAT). */
typedef struct tr_clock_finding {
    bool present;
    bool regress;                 /* SYN TSval older than the newest recently seen from this address */
    uint32_t tsval;
    uint32_t newest_tsval;        /* the newer value seen before */
    uint32_t newest_frame;        /* the frame that carried it */
    uint32_t clocks;              /* distinct clocks seen from this address so far */
    bool random_offsets;          /* said once: this address randomises offsets per connection */
} tr_clock_finding;

/* On a SYN that reuses a 4-tuple: how its client cycles its ports towards this server
 * (client address, server address and port), as seen so far in the capture. */
typedef struct tr_pool_finding {
    bool present;
    uint32_t syns;                /* connection attempts from the client address to the server */
    uint32_t ports;               /* distinct client ports among them */
    uint16_t port_min, port_max;
    int64_t span_ns;              /* from the first attempt to this one */
    int64_t cycle_ns;             /* median time before a port comes back (0 = no reuse yet) */
    uint32_t per_second;          /* attempts per second, rounded */
    uint32_t ports_needed;        /* attempts in one TIME_WAIT: ports that would never meet it */
    uint32_t addresses_needed;    /* client addresses of this pool's size that would do */
} tr_pool_finding;

typedef struct tr_finding {
    uint32_t frame;
    uint32_t duplicate_of;        /* the same segment captured again: a copy of that frame, not analysed */
    tr_implausible implausible;   /* a segment no real stack sends: noted, not analysed */
    tr_syn_finding syn;
    tr_reuse_finding reuse;
    tr_answer_finding answer;
    tr_stale_ack_finding stale_ack;
    tr_rst_finding rst;
    tr_clock_finding clock;
    tr_pool_finding pool;
    tr_loop_finding loop;
    tr_ecn_finding ecn;
    bool table_full;              /* the pair table hit tcpreuse.max_pairs here and forgot the oldest pair */
    bool clock_table_full;        /* the clock table (address pairs) hit tcpreuse.max_pairs here: from this
                                     frame on, new address pairs' timestamps are not tracked (said once) */
    bool pool_table_full;         /* the port-pool table hit tcpreuse.max_pairs here: new client pools are
                                     not kept from this SYN on (said once) */
    bool ecn_table_full;          /* the ECN path table hit tcpreuse.max_pairs here: paths first seen from
                                     this SYN on get no ECN-setup hint (said once) */
} tr_finding;

/* Names used in display filters and texts; fixed by the field contract. */
const char *tr_tw_holder_name(tr_tw_holder h);
const char *tr_tw_verdict_name(tr_tw_verdict v);
const char *tr_fw2_verdict_name(tr_fw2_verdict v);
const char *tr_stale_kind_name(tr_stale_kind k);
const char *tr_rst_cause_name(tr_rst_cause c);
const char *tr_answer_kind_name(tr_answer_kind k);
const char *tr_role_name(tr_role r);
const char *tr_implausible_name(tr_implausible i);

/* False for NULL and for a finding whose every block was withdrawn: draw nothing then. */
bool tr_finding_has_any(const tr_finding *f);

#endif
