/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: registration of the display-filter fields, subtrees and expert infos.
 */
#include "fields.h"

#include <epan/packet.h>

tr_hf_ids tr_hf;   /* field ids may start at 0 or -1; the registration fills them */
tr_ett_ids tr_ett = { -1, -1, -1, -1, -1, -1, -1, -1, -1 }; /* subtree ids must start at -1 */
tr_ei_ids tr_ei;

/* One line per field; the filter name is "tcpreuse." abbrev. */
#define TR_FRAMENUM(id, name, abbrev, kind, blurb) \
    { &tr_hf.id, { name, "tcpreuse." abbrev, FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(kind), 0, blurb, HFILL } }
#define TR_TIME(id, name, abbrev, blurb) \
    { &tr_hf.id, { name, "tcpreuse." abbrev, FT_RELATIVE_TIME, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_STRING(id, name, abbrev, blurb) \
    { &tr_hf.id, { name, "tcpreuse." abbrev, FT_STRING, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_FLAG(id, name, abbrev, blurb) \
    { &tr_hf.id, { name, "tcpreuse." abbrev, FT_BOOLEAN, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_UINT(id, name, abbrev, blurb) \
    { &tr_hf.id, { name, "tcpreuse." abbrev, FT_UINT32, BASE_DEC, NULL, 0, blurb, HFILL } }

static hf_register_info field_table[] = {
    TR_STRING(tags, "Tags", "tags",
              "The tags tcpreuse appends to the Info column, e.g. [SYN in TIME_WAIT] [PAWS reject]"),
    TR_FRAMENUM(duplicate_of, "Copy of frame", "duplicate_of", FT_FRAMENUM_DUP_ACK,
                "The same segment captured again (same IP ID, numbers, flags and length): not analysed again"),
    TR_STRING(implausible, "Implausible segment", "implausible",
              "No real TCP stack sends this (reserved-bits, syn-fin, syn-rst, syn-ack-number, rst-flags): not analysed"),
    TR_FRAMENUM(prev_session, "Previous session", "prev_session", FT_FRAMENUM_NONE,
                "First frame of the previous session on this socket pair"),
    TR_FRAMENUM(prev_close, "Previous session closed in", "prev_close", FT_FRAMENUM_NONE,
                "Frame that ended the previous session on this socket pair"),
    TR_TIME(since_close, "Time since previous close", "since_close",
            "Time from the previous session's closing frame to this SYN"),
    TR_TIME(port_reuse_interval, "Port reuse interval", "port_reuse_interval",
            "Time from the previous session's first frame to this SYN"),
    TR_STRING(tw_holder, "TIME_WAIT holder", "tw_holder",
              "Which end holds TIME_WAIT for the previous session: client, server, both or none"),
    TR_FLAG(syn_reuses_tw, "SYN meets TIME_WAIT", "syn_reuses_tw",
            "This SYN reuses a socket pair still in TIME_WAIT"),
    TR_FLAG(syn_reuses_open, "SYN meets an open session", "syn_reuses_open",
            "This SYN reuses a socket pair whose previous session never closed (half-open)"),
    TR_FLAG(syn_reuses_fin_wait2, "SYN meets FIN_WAIT2", "syn_reuses_fin_wait2",
            "The server sent the previous session's only FIN and got its ACK: it holds an orphaned FIN_WAIT2"),
    TR_STRING(fin_wait2_verdict, "FIN_WAIT2 verdict", "fin_wait2_verdict",
              "What the server's orphaned FIN_WAIT2 does with this SYN: reset (in its window), ack-seq or ack-paws"),
    TR_FRAMENUM(fin_wait2_since, "FIN_WAIT2 since", "fin_wait2_since", FT_FRAMENUM_NONE,
                "The frame that acknowledged the server's FIN (its FIN_WAIT2 starts there)"),
    TR_TIME(fin_wait2_left, "FIN_WAIT2 left", "fin_wait2_left",
            "FIN_WAIT2 time still to run when this SYN arrived (tcpreuse.time_wait, as Linux tcp_fin_timeout 60 s)"),
    TR_UINT(old_rcv_wnd, "Previous session's receive window", "old_rcv_wnd",
            "The window (bytes, scaled) the server last advertised: the FIN_WAIT2 window the SYN is compared with"),
    TR_STRING(tw_verdict, "TIME_WAIT verdict", "tw_verdict",
              "What the server's TIME_WAIT does with this SYN: accept-seq, accept-ts, reject-paws or reject-seq"),
    TR_FLAG(tw_verdict_unknown, "TIME_WAIT verdict unknown", "tw_verdict_unknown",
            "The server holds TIME_WAIT, but the snap length cut the TCP options its verdict needs"),
    TR_FLAG(tw_may_linger, "TIME_WAIT may linger", "tw_may_linger",
            "The TIME_WAIT ran out by tcpreuse.time_wait less than 4.1 s ago: Linux's timer wheel may still hold it"),
    TR_TIME(tw_left, "TIME_WAIT left", "tw_left", "TIME_WAIT time still to run when this SYN arrived"),
    TR_FRAMENUM(tw_restarted_by, "TIME_WAIT restarted by", "tw_restarted_by", FT_FRAMENUM_NONE,
                "Frame whose arrival last restarted the TIME_WAIT timer"),
    TR_FRAMENUM(tw_killed_by, "TIME_WAIT killed by", "tw_killed_by", FT_FRAMENUM_NONE,
                "RST that ended the TIME_WAIT early"),
    TR_FRAMENUM(tw_taken_by, "TIME_WAIT taken by", "tw_taken_by", FT_FRAMENUM_NONE,
                "SYN the TIME_WAIT accepted, which ended it"),
    TR_UINT(syn_seq, "SYN sequence number (raw)", "syn_seq", "The ISN the TIME_WAIT verdict compared"),
    TR_UINT(old_rcv_nxt, "Previous session's rcv_nxt (raw)", "old_rcv_nxt",
            "The server's next expected sequence number when the previous session closed"),
    TR_UINT(syn_tsval, "SYN TSval", "syn_tsval", "The SYN's timestamp value the TIME_WAIT verdict compared"),
    TR_UINT(old_ts_recent, "Previous session's TS.Recent", "old_ts_recent",
            "The last TSval the server received from the client in the previous session"),
    TR_FRAMENUM(retransmit_of, "Retransmission of SYN", "retransmit_of", FT_FRAMENUM_RETRANS_PREV,
                "This SYN repeats the ISN of that earlier SYN"),
    TR_FRAMENUM(syn_answered_by, "SYN answered by", "syn_answered_by", FT_FRAMENUM_RESPONSE,
                "The frame that answered this SYN (known after the first pass: use tshark -2)"),
    TR_STRING(syn_answer_kind, "SYN answered with", "syn_answer_kind", "syn-ack, bare-ack or rst"),

    TR_FRAMENUM(answers_syn, "Answers SYN", "answers_syn", FT_FRAMENUM_REQUEST,
                "The SYN (on a reused socket pair) this frame answers"),
    TR_STRING(answer_kind, "Answer kind", "answer.kind", "syn-ack, bare-ack or rst"),
    TR_TIME(answer_delay, "Time since the SYN", "answer.delay", "Time from the SYN to this answer"),

    TR_FLAG(stale_ack, "Stale ACK", "stale_ack",
            "A bare ACK answering a SYN: the peer still holds state of an older session"),
    TR_STRING(stale_ack_kind, "Stale ACK kind", "stale_ack.kind",
              "time-wait, challenge, last-ack, fin-wait-2, missing-syn-flag or unseen-state"),
    TR_UINT(stale_ack_seq, "Stale ACK sequence number (raw)", "stale_ack.seq", NULL),
    TR_UINT(stale_ack_ack, "Stale ACK acknowledgment number (raw)", "stale_ack.ack", NULL),
    TR_UINT(stale_ack_syn_isn, "ISN of the SYN it answers", "stale_ack.syn_isn", NULL),
    TR_FRAMENUM(stale_ack_session, "Session whose numbers it carries", "stale_ack.session", FT_FRAMENUM_NONE,
                "First frame of the older session this ACK belongs to"),
    TR_FRAMENUM(stale_ack_close, "That session closed in", "stale_ack.close", FT_FRAMENUM_NONE, NULL),
    TR_UINT(stale_ack_old_snd_nxt, "Older session's final snd_nxt (raw)", "stale_ack.old_snd_nxt",
            "The answering end's next sequence number in the older session"),
    TR_UINT(stale_ack_old_rcv_nxt, "Older session's final rcv_nxt (raw)", "stale_ack.old_rcv_nxt",
            "The answering end's next expected sequence number in the older session"),
    TR_TIME(stale_ack_since_close, "Time since that session closed", "stale_ack.since_close", NULL),
    TR_FLAG(stale_ack_beyond_time_wait, "Held beyond TIME_WAIT", "stale_ack.beyond_time_wait",
            "The end that closed first still answers from TIME_WAIT after tcpreuse.time_wait ran out"),

    TR_STRING(rst_cause, "RST cause", "rst.cause",
              "stale-ack, refused, fin-wait-2, abort, after-close, no-socket, injected or unknown"),
    TR_FRAMENUM(rst_trigger, "RST triggered by", "rst.trigger", FT_FRAMENUM_NONE, "The frame this RST answers"),
    TR_UINT(rst_seq, "RST sequence number (raw)", "rst.seq", NULL),
    TR_UINT(rst_outstanding, "Unacknowledged bytes", "rst.outstanding",
            "Abort: bytes sent by either end but not acknowledged"),
    TR_FLAG(rst_kills_time_wait, "RST kills TIME_WAIT", "rst.kills_time_wait",
            "The RST's sequence number equals the TIME_WAIT holder's rcv_nxt, which ends TIME_WAIT"),
    TR_FRAMENUM(rst_ends_session, "RST ends the session of", "rst.ends_session", FT_FRAMENUM_NONE,
                "The session (its first frame) whose remaining state this RST ends: the peer's half-open or "
                "LAST_ACK socket, or the sender's own FIN_WAIT2"),
    TR_FLAG(rst_ignored, "RST dropped in SYN-SENT", "rst.ignored_in_syn_sent",
            "Answers a SYN without acknowledging it: the client in SYN-SENT drops it (RFC 793)"),
    TR_STRING(rst_would_be, "Cause without the injection evidence", "rst.would_be", NULL),
    TR_UINT(rst_injection_ttl, "RST TTL", "rst.injection.ttl", "The TTL or hop limit of the suspected RST"),
    TR_UINT(rst_injection_sender_ttl, "Claimed sender's TTL", "rst.injection.sender_ttl",
            "The TTL of the claimed sender's own segments on this connection"),
    TR_FRAMENUM(rst_injection_ip_id_of, "IP ID copied from", "rst.injection.ip_id_of", FT_FRAMENUM_NONE,
                "The RST carries the IPv4 ID of this segment from the other end"),
    TR_UINT(rst_injection_tsecr, "TSecr never sent", "rst.injection.tsecr",
            "The RST's TSecr echoes no TSval the receiver sent"),
    TR_FRAMENUM(rst_injection_contradicted_by, "Contradicted by", "rst.injection.contradicted_by",
                FT_FRAMENUM_NONE, "A later segment of the claimed sender that goes on as if it had not reset"),
    TR_STRING(rst_sender_role, "RST sender's role", "rst.sender_role",
              "client (it sent the connection's first SYN), server, or unknown (connection seen midstream)"),
    TR_FRAMENUM(rst_connection, "RST's connection", "rst.connection", FT_FRAMENUM_NONE,
                "First frame of the connection this RST resets (its first SYN, or its first frame seen)"),
    TR_FLAG(rst_first, "First RST of its connection", "rst.first",
            "No earlier RST of this connection (suspected injections aside): this end reset first"),

    TR_UINT(loop_cycles, "Reset loop cycles", "loop.cycles",
            "SYN -> stale ACK -> RST cycles on this 4-tuple since its last SYN-ACK, so far"),
    TR_FRAMENUM(loop_began, "Reset loop began in", "loop.began", FT_FRAMENUM_REQUEST,
                "The SYN of the loop's first cycle"),
    TR_FLAG(loop_open, "Reset loop left open", "loop.open",
            "The loop's last RST: no SYN-ACK on this 4-tuple followed within the capture (two passes)"),

    TR_FRAMENUM(ecn_refused_syn, "RST refuses ECN-setup SYN", "ecn.refused_syn", FT_FRAMENUM_REQUEST,
                "This RST refuses an ECN-setup SYN (ECE+CWR) on a path that never answered one"),
    TR_FRAMENUM(ecn_failed_syn, "Failed ECN-setup SYN", "ecn.failed_syn", FT_FRAMENUM_REQUEST,
                "ECN-setup SYN (ECE+CWR) from this client to this server that got no SYN-ACK"),
    TR_FRAMENUM(ecn_failed_rst, "RST refusing it", "ecn.failed_rst", FT_FRAMENUM_NONE,
                "The RST that refused the failed ECN-setup SYN (absent: it got no answer)"),
    TR_FRAMENUM(ecn_retry_syn, "Answered retry without ECN", "ecn.retry_syn", FT_FRAMENUM_REQUEST,
                "The SYN without ECE and CWR that this SYN-ACK answers"),

    TR_FLAG(ts_regress, "TSval regression", "ts_regress",
            "SYN TSval older than one recently seen from the same address (several hosts behind one NAT?)"),
    TR_UINT(ts_newest_tsval, "Newest TSval seen before", "ts_newest_tsval", NULL),
    TR_FRAMENUM(ts_newest_frame, "Newest TSval seen in", "ts_newest_frame", FT_FRAMENUM_NONE, NULL),
    TR_UINT(ts_clocks, "Timestamp clocks", "ts_clocks", "Distinct timestamp clocks seen from this source address"),
    TR_FLAG(ts_random_offsets, "Random timestamp offsets", "ts_random_offsets",
            "This address randomises TSval offsets per connection; clock regressions are not reported for it"),

    TR_UINT(pool_syns, "Connection attempts", "pool.syns",
            "SYNs with a new ISN from this client address to this server so far"),
    TR_UINT(pool_ports, "Ports seen", "pool.ports", "Distinct client ports among them"),
    TR_UINT(pool_port_min, "Lowest port", "pool.port_min", NULL),
    TR_UINT(pool_port_max, "Highest port", "pool.port_max", NULL),
    TR_TIME(pool_span, "Over", "pool.span", "From the first attempt to this SYN"),
    TR_TIME(pool_cycle, "Port comes back after", "pool.cycle",
            "Median time before a client port is used again towards this server"),
    TR_UINT(pool_per_second, "Attempts per second", "pool.per_second", NULL),
    TR_UINT(pool_ports_needed, "Ports needed", "pool.ports_needed",
            "Attempts in one TIME_WAIT (tcpreuse.time_wait): ports that would never meet it"),
    TR_UINT(pool_addresses_needed, "Addresses needed", "pool.addresses_needed",
            "Client addresses with a pool of this size that would never meet the server's TIME_WAIT"),

    TR_FLAG(table_full, "Socket-pair table full", "table_full",
            "The pair table reached tcpreuse.max_pairs here and forgot the least recently seen pair (said once)"),
    TR_FLAG(clock_table_full, "Clock table full", "clock_table_full",
            "The timestamp-clock table reached tcpreuse.max_pairs address pairs here: new address pairs are not "
            "tracked from this frame on (said once)"),
    TR_FLAG(pool_table_full, "Port-pool table full", "pool_table_full",
            "The port-pool table reached tcpreuse.max_pairs pools here: new client pools are not kept from this "
            "SYN on (said once)"),
    TR_FLAG(ecn_table_full, "ECN path table full", "ecn_table_full",
            "The ECN-setup path table reached tcpreuse.max_pairs paths here: paths first seen from this SYN on "
            "get no ECN-setup hint (said once)"),
};

#define TR_EXPERT(id, abbrev, group, severity, summary) \
    { &tr_ei.id, { "tcpreuse.expert." abbrev, group, severity, summary, EXPFILL } }

static ei_register_info expert_table[] = {
    TR_EXPERT(syn_in_time_wait, "syn_in_time_wait", PI_SEQUENCE, PI_NOTE,
              "SYN reuses a socket pair whose client still holds TIME_WAIT"),
    TR_EXPERT(tw_reject_paws, "tw_reject_paws", PI_SEQUENCE, PI_WARN,
              "SYN meets the server's TIME_WAIT and fails PAWS: expect a stale ACK"),
    TR_EXPERT(tw_reject_seq, "tw_reject_seq", PI_SEQUENCE, PI_WARN,
              "SYN meets the server's TIME_WAIT with an ISN not after rcv_nxt: expect a stale ACK"),
    TR_EXPERT(tw_accept, "tw_accept", PI_SEQUENCE, PI_NOTE, "SYN meets the server's TIME_WAIT and is accepted"),
    TR_EXPERT(syn_reuses_open, "syn_reuses_open", PI_SEQUENCE, PI_WARN,
              "SYN reuses a socket pair whose session never closed: expect a challenge ACK"),
    TR_EXPERT(syn_reuses_fin_wait2, "syn_reuses_fin_wait2", PI_SEQUENCE, PI_WARN,
              "SYN meets the server's orphaned FIN_WAIT2: an RST if in its window, else an ACK"),
    TR_EXPERT(rst_fin_wait2, "rst_fin_wait2", PI_SEQUENCE, PI_WARN,
              "RST from an orphaned FIN_WAIT2: the SYN was in its window"),
    TR_EXPERT(reuse, "reuse", PI_SEQUENCE, PI_NOTE, "SYN reuses a socket pair after its TIME_WAIT ended"),
    TR_EXPERT(stale_ack, "stale_ack", PI_SEQUENCE, PI_WARN, "Stale ACK answers a SYN"),
    TR_EXPERT(rst_stale_ack, "rst_stale_ack", PI_SEQUENCE, PI_WARN, "RST refuses a stale ACK"),
    TR_EXPERT(rst_refused, "rst_refused", PI_SEQUENCE, PI_WARN, "RST refuses a SYN"),
    TR_EXPERT(rst_abort, "rst_abort", PI_SEQUENCE, PI_NOTE, "RST aborts a synchronized session"),
    TR_EXPERT(rst_after_close, "rst_after_close", PI_SEQUENCE, PI_NOTE, "RST answers data sent after a FIN"),
    TR_EXPERT(rst_no_socket, "rst_no_socket", PI_SEQUENCE, PI_NOTE,
              "RST from an end with no socket for the segment it answers"),
    TR_EXPERT(rst_injected, "rst_injected", PI_SECURITY, PI_WARN,
              "RST does not fit its claimed sender: suspected injection"),
    TR_EXPERT(implausible, "implausible", PI_MALFORMED, PI_NOTE,
              "Segment no real TCP stack sends: tcpreuse did not analyse it"),
    TR_EXPERT(rst_unknown, "rst_unknown", PI_SEQUENCE, PI_NOTE, "RST with no known cause"),
    TR_EXPERT(ts_regress, "ts_regress", PI_SEQUENCE, PI_NOTE, "SYN TSval older than one recently seen from the same address"),
    TR_EXPERT(ts_random_offsets, "ts_random_offsets", PI_SEQUENCE, PI_CHAT,
              "Address randomises timestamp offsets per connection"),
    TR_EXPERT(pool_too_small, "pool_too_small", PI_SEQUENCE, PI_NOTE,
              "The client's port pool comes back faster than the server's TIME_WAIT"),
    TR_EXPERT(table_full, "table_full", PI_ASSUMPTION, PI_WARN,
              "Socket-pair table full (tcpreuse.max_pairs): the oldest pair was forgotten"),
    TR_EXPERT(loop_open, "loop_open", PI_SEQUENCE, PI_WARN,
              "Reset loop left open: no SYN-ACK on this 4-tuple after its last cycle within the capture"),
    TR_EXPERT(ecn_refused, "ecn_refused", PI_PROTOCOL, PI_NOTE,
              "RST refuses an ECN-setup SYN: some middleboxes reset ECN-setup SYNs (RFC 3360)"),
    TR_EXPERT(ecn_fallback, "ecn_fallback", PI_PROTOCOL, PI_WARN,
              "ECN-setup SYN failed and a retry without ECN is answered: the path may drop ECN-setup SYNs (RFC 3360)"),
    TR_EXPERT(clock_table_full, "clock_table_full", PI_ASSUMPTION, PI_WARN,
              "Clock table full (tcpreuse.max_pairs): timestamps of new address pairs are not tracked from here on"),
    TR_EXPERT(pool_table_full, "pool_table_full", PI_ASSUMPTION, PI_WARN,
              "Port-pool table full (tcpreuse.max_pairs): new client port pools are not kept from here on"),
    TR_EXPERT(ecn_table_full, "ecn_table_full", PI_ASSUMPTION, PI_WARN,
              "ECN path table full (tcpreuse.max_pairs): new paths get no ECN-setup hint from here on"),
    TR_EXPERT(truncated, "truncated", PI_MALFORMED, PI_NOTE, "TCP header truncated: tcpreuse skipped this frame"),
    TR_EXPERT(malformed, "malformed", PI_MALFORMED, PI_NOTE, "TCP/IP header malformed: tcpreuse skipped this frame"),
    TR_EXPERT(unreadable, "unreadable", PI_UNDECODED, PI_NOTE,
              "TCP in an encapsulation tcpreuse cannot read: tcpreuse skipped this frame"),
};

void tr_fields_register(int proto)
{
    static gint *const subtrees[] = {
        &tr_ett.top, &tr_ett.reuse, &tr_ett.answer, &tr_ett.stale_ack, &tr_ett.rst, &tr_ett.clock, &tr_ett.pool,
        &tr_ett.loop, &tr_ett.ecn,
    };

    proto_register_field_array(proto, field_table, array_length(field_table));
    proto_register_subtree_array(subtrees, array_length(subtrees));
    expert_register_field_array(expert_register_protocol(proto), expert_table, array_length(expert_table));
}
