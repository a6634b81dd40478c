/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the ids of the display-filter fields, subtrees and expert infos.
 * Names are part of the user contract (doc: filters such as tcpreuse.rst.cause == "stale-ack").
 */
#ifndef TCPREUSE_FIELDS_H
#define TCPREUSE_FIELDS_H

#include <wireshark.h>
#include <epan/expert.h>

typedef struct tr_hf_ids {
    /* The Info column tags of the frame, as one string (for a column of its own) */
    int tags;
    /* Any frame: a copy of an earlier capture of the segment, or a segment no stack sends */
    int duplicate_of, implausible;
    /* Reuse: on a SYN of a socket pair that carried an earlier session */
    int prev_session, prev_close, since_close, port_reuse_interval;
    int tw_holder, syn_reuses_tw, syn_reuses_open, tw_verdict, tw_verdict_unknown;
    int syn_reuses_fin_wait2, fin_wait2_verdict, fin_wait2_since, fin_wait2_left, old_rcv_wnd;
    int tw_left, tw_may_linger, tw_restarted_by, tw_killed_by, tw_taken_by;
    int syn_seq, old_rcv_nxt, syn_tsval, old_ts_recent;
    int retransmit_of, syn_answered_by, syn_answer_kind;
    /* Answer: on the frame that answers such a SYN */
    int answers_syn, answer_kind, answer_delay;
    /* Stale ACK: a bare ACK answering a SYN */
    int stale_ack, stale_ack_kind, stale_ack_seq, stale_ack_ack, stale_ack_syn_isn;
    int stale_ack_session, stale_ack_close, stale_ack_old_snd_nxt, stale_ack_old_rcv_nxt;
    int stale_ack_since_close, stale_ack_beyond_time_wait;
    /* RST */
    int rst_cause, rst_trigger, rst_seq, rst_outstanding, rst_kills_time_wait, rst_ends_session, rst_ignored;
    int rst_would_be, rst_injection_ttl, rst_injection_sender_ttl, rst_injection_ip_id_of, rst_injection_tsecr;
    int rst_injection_contradicted_by;
    int rst_sender_role, rst_connection, rst_first;
    /* Reset loops on a 4-tuple, and ECN-setup SYNs that fail */
    int loop_cycles, loop_began, loop_open;
    int ecn_refused_syn, ecn_failed_syn, ecn_failed_rst, ecn_retry_syn;
    /* Timestamp clocks per source address */
    int ts_regress, ts_newest_tsval, ts_newest_frame, ts_clocks, ts_random_offsets;
    /* Port pool of the client address towards this server, on a reusing SYN */
    int pool_syns, pool_ports, pool_port_min, pool_port_max, pool_span, pool_cycle;
    int pool_per_second, pool_ports_needed, pool_addresses_needed;
    /* Memory bounds (tcpreuse.max_pairs) reached: said once per table, where it happened */
    int table_full, clock_table_full, pool_table_full, ecn_table_full;
} tr_hf_ids;

typedef struct tr_ett_ids {
    gint top, reuse, answer, stale_ack, rst, clock, pool, loop, ecn;
} tr_ett_ids;

typedef struct tr_ei_ids {
    expert_field syn_in_time_wait, tw_reject_paws, tw_reject_seq, tw_accept;
    expert_field syn_reuses_open, syn_reuses_fin_wait2, reuse, stale_ack, rst_fin_wait2;
    expert_field rst_stale_ack, rst_refused, rst_abort, rst_after_close, rst_no_socket, rst_injected, rst_unknown;
    expert_field implausible;
    expert_field ts_regress, ts_random_offsets, pool_too_small, table_full, clock_table_full, pool_table_full;
    expert_field ecn_table_full, loop_open, ecn_refused, ecn_fallback;
    expert_field truncated, malformed, unreadable;
} tr_ei_ids;

extern tr_hf_ids tr_hf;
extern tr_ett_ids tr_ett;
extern tr_ei_ids tr_ei;

/* Register every field, subtree and expert info of the protocol `proto`. */
void tr_fields_register(int proto);

#endif
