/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: registration of the display-filter fields, subtrees and expert infos.
 */
#include "fields.h"

#include <epan/packet.h>

int tr_hf[TR_FIELD_COUNT]; /* field ids may start at 0 or -1; the registration fills them */
tr_ett_ids tr_ett = { -1, -1, -1, -1, -1, -1, -1, -1, -1 }; /* subtree ids must start at -1 */
tr_ei_ids tr_ei;

/* One line per field. Its filter name, "tcpreuse." and the report's name of the field
 * (finding_fields.c, shared with tcpreuse-scan's JSON and CSV), is filled in at registration. */
#define TR_FRAMENUM(id, name, kind, blurb) \
    { &tr_hf[TR_FIELD_##id], { name, NULL, FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(kind), 0, blurb, HFILL } }
#define TR_TIME(id, name, blurb) \
    { &tr_hf[TR_FIELD_##id], { name, NULL, FT_RELATIVE_TIME, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_STRING(id, name, blurb) \
    { &tr_hf[TR_FIELD_##id], { name, NULL, FT_STRING, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_FLAG(id, name, blurb) \
    { &tr_hf[TR_FIELD_##id], { name, NULL, FT_BOOLEAN, BASE_NONE, NULL, 0, blurb, HFILL } }
#define TR_UINT(id, name, blurb) \
    { &tr_hf[TR_FIELD_##id], { name, NULL, FT_UINT32, BASE_DEC, NULL, 0, blurb, HFILL } }

static hf_register_info field_table[] = {
    TR_STRING(TAGS, "Tags",
              "The tags tcpreuse appends to the Info column, e.g. [SYN in TIME_WAIT] [PAWS reject]"),
    TR_FRAMENUM(DUPLICATE_OF, "Copy of frame", FT_FRAMENUM_DUP_ACK,
                "The same segment captured again (same IP ID, numbers, flags and length): not analysed again"),
    TR_STRING(IMPLAUSIBLE, "Implausible segment",
              "No real TCP stack sends this (reserved-bits, syn-fin, syn-rst, syn-ack-number, rst-flags): not analysed"),
    TR_FRAMENUM(PREV_SESSION, "Previous session", FT_FRAMENUM_NONE,
                "First frame of the previous session on this socket pair"),
    TR_FRAMENUM(PREV_CLOSE, "Previous session closed in", FT_FRAMENUM_NONE,
                "Frame that ended the previous session on this socket pair"),
    TR_TIME(SINCE_CLOSE, "Time since previous close",
            "Time from the previous session's closing frame to this SYN"),
    TR_TIME(PORT_REUSE_INTERVAL, "Port reuse interval",
            "Time from the previous session's first frame to this SYN"),
    TR_STRING(TW_HOLDER, "TIME_WAIT holder",
              "Which end holds TIME_WAIT for the previous session: client, server, both or none"),
    TR_FLAG(SYN_REUSES_TW, "SYN meets TIME_WAIT",
            "This SYN reuses a socket pair still in TIME_WAIT"),
    TR_FLAG(SYN_REUSES_OPEN, "SYN meets an open session",
            "This SYN reuses a socket pair whose previous session never closed (half-open)"),
    TR_FLAG(SYN_REUSES_FIN_WAIT2, "SYN meets FIN_WAIT2",
            "The server sent the previous session's only FIN and got its ACK: it holds an orphaned FIN_WAIT2"),
    TR_STRING(FIN_WAIT2_VERDICT, "FIN_WAIT2 verdict",
              "What the server's orphaned FIN_WAIT2 does with this SYN: reset (in its window), ack-seq or ack-paws"),
    TR_FRAMENUM(FIN_WAIT2_SINCE, "FIN_WAIT2 since", FT_FRAMENUM_NONE,
                "The frame that acknowledged the server's FIN (its FIN_WAIT2 starts there)"),
    TR_TIME(FIN_WAIT2_LEFT, "FIN_WAIT2 left",
            "FIN_WAIT2 time still to run when this SYN arrived (tcpreuse.time_wait, as Linux tcp_fin_timeout 60 s)"),
    TR_UINT(OLD_RCV_WND, "Previous session's receive window",
            "The window (bytes, scaled) the server last advertised: the FIN_WAIT2 window the SYN is compared with"),
    TR_STRING(TW_VERDICT, "TIME_WAIT verdict",
              "What the server's TIME_WAIT does with this SYN: accept-seq, accept-ts, reject-paws or reject-seq"),
    TR_FLAG(TW_VERDICT_UNKNOWN, "TIME_WAIT verdict unknown",
            "The server holds TIME_WAIT, but the snap length cut the TCP options its verdict needs"),
    TR_FLAG(TW_MAY_LINGER, "TIME_WAIT may linger",
            "The TIME_WAIT ran out by tcpreuse.time_wait less than 4.1 s ago: Linux's timer wheel may still hold it"),
    TR_TIME(TW_LEFT, "TIME_WAIT left", "TIME_WAIT time still to run when this SYN arrived"),
    TR_FRAMENUM(TW_RESTARTED_BY, "TIME_WAIT restarted by", FT_FRAMENUM_NONE,
                "Frame whose arrival last restarted the TIME_WAIT timer"),
    TR_FRAMENUM(TW_KILLED_BY, "TIME_WAIT killed by", FT_FRAMENUM_NONE,
                "RST that ended the TIME_WAIT early"),
    TR_FRAMENUM(TW_TAKEN_BY, "TIME_WAIT taken by", FT_FRAMENUM_NONE,
                "SYN the TIME_WAIT accepted, which ended it"),
    TR_UINT(SYN_SEQ, "SYN sequence number (raw)", "The ISN the TIME_WAIT verdict compared"),
    TR_UINT(OLD_RCV_NXT, "Previous session's rcv_nxt (raw)",
            "The server's next expected sequence number when the previous session closed"),
    TR_UINT(SYN_TSVAL, "SYN TSval", "The SYN's timestamp value the TIME_WAIT verdict compared"),
    TR_UINT(OLD_TS_RECENT, "Previous session's TS.Recent",
            "The last TSval the server received from the client in the previous session"),
    TR_FRAMENUM(RETRANSMIT_OF, "Retransmission of SYN", FT_FRAMENUM_RETRANS_PREV,
                "This SYN repeats the ISN of that earlier SYN"),
    TR_FRAMENUM(SYN_ANSWERED_BY, "SYN answered by", FT_FRAMENUM_RESPONSE,
                "The frame that answered this SYN (known after the first pass: use tshark -2)"),
    TR_STRING(SYN_ANSWER_KIND, "SYN answered with", "syn-ack, bare-ack or rst"),

    TR_FRAMENUM(ANSWERS_SYN, "Answers SYN", FT_FRAMENUM_REQUEST,
                "The SYN (on a reused socket pair) this frame answers"),
    TR_STRING(ANSWER_KIND, "Answer kind", "syn-ack, bare-ack or rst"),
    TR_TIME(ANSWER_DELAY, "Time since the SYN", "Time from the SYN to this answer"),

    TR_FLAG(STALE_ACK, "Stale ACK",
            "A bare ACK answering a SYN: the peer still holds state of an older session"),
    TR_STRING(STALE_ACK_KIND, "Stale ACK kind",
              "time-wait, challenge, last-ack, fin-wait-2, missing-syn-flag or unseen-state"),
    TR_UINT(STALE_ACK_SEQ, "Stale ACK sequence number (raw)", NULL),
    TR_UINT(STALE_ACK_ACK, "Stale ACK acknowledgment number (raw)", NULL),
    TR_UINT(STALE_ACK_SYN_ISN, "ISN of the SYN it answers", NULL),
    TR_FRAMENUM(STALE_ACK_SESSION, "Session whose numbers it carries", FT_FRAMENUM_NONE,
                "First frame of the older session this ACK belongs to"),
    TR_FRAMENUM(STALE_ACK_CLOSE, "That session closed in", FT_FRAMENUM_NONE, NULL),
    TR_UINT(STALE_ACK_OLD_SND_NXT, "Older session's final snd_nxt (raw)",
            "The answering end's next sequence number in the older session"),
    TR_UINT(STALE_ACK_OLD_RCV_NXT, "Older session's final rcv_nxt (raw)",
            "The answering end's next expected sequence number in the older session"),
    TR_TIME(STALE_ACK_SINCE_CLOSE, "Time since that session closed", NULL),
    TR_FLAG(STALE_ACK_BEYOND_TIME_WAIT, "Held beyond TIME_WAIT",
            "The end that closed first still answers from TIME_WAIT after tcpreuse.time_wait ran out"),

    TR_STRING(RST_CAUSE, "RST cause",
              "stale-ack, refused, fin-wait-2, abort, after-close, no-socket, injected or unknown"),
    TR_FRAMENUM(RST_TRIGGER, "RST triggered by", FT_FRAMENUM_NONE, "The frame this RST answers"),
    TR_UINT(RST_SEQ, "RST sequence number (raw)", NULL),
    TR_UINT(RST_OUTSTANDING, "Unacknowledged bytes",
            "Abort: bytes sent by either end but not acknowledged"),
    TR_FLAG(RST_KILLS_TIME_WAIT, "RST kills TIME_WAIT",
            "The RST's sequence number equals the TIME_WAIT holder's rcv_nxt, which ends TIME_WAIT"),
    TR_FRAMENUM(RST_ENDS_SESSION, "RST ends the session of", FT_FRAMENUM_NONE,
                "The session (its first frame) whose remaining state this RST ends: the peer's half-open or "
                "LAST_ACK socket, or the sender's own FIN_WAIT2"),
    TR_FLAG(RST_IGNORED_IN_SYN_SENT, "RST dropped in SYN-SENT",
            "Answers a SYN without acknowledging it: the client in SYN-SENT drops it (RFC 793)"),
    TR_STRING(RST_WOULD_BE, "Cause without the injection evidence", NULL),
    TR_UINT(RST_INJECTION_TTL, "RST TTL", "The TTL or hop limit of the suspected RST"),
    TR_UINT(RST_INJECTION_SENDER_TTL, "Claimed sender's TTL",
            "The TTL of the claimed sender's own segments on this connection"),
    TR_FRAMENUM(RST_INJECTION_IP_ID_OF, "IP ID copied from", FT_FRAMENUM_NONE,
                "The RST carries the IPv4 ID of this segment from the other end"),
    TR_UINT(RST_INJECTION_TSECR, "TSecr never sent",
            "The RST's TSecr echoes no TSval the receiver sent"),
    TR_FRAMENUM(RST_INJECTION_CONTRADICTED_BY, "Contradicted by",
                FT_FRAMENUM_NONE, "A later segment of the claimed sender that goes on as if it had not reset"),
    TR_STRING(RST_SENDER_ROLE, "RST sender's role",
              "client (it sent the connection's first SYN), server, or unknown (connection seen midstream)"),
    TR_FRAMENUM(RST_CONNECTION, "RST's connection", FT_FRAMENUM_NONE,
                "First frame of the connection this RST resets (its first SYN, or its first frame seen)"),
    TR_FLAG(RST_FIRST, "First RST of its connection",
            "No earlier RST of this connection (suspected injections aside): this end reset first"),

    TR_UINT(LOOP_CYCLES, "Reset loop cycles",
            "SYN -> stale ACK -> RST cycles on this 4-tuple since its last SYN-ACK, so far"),
    TR_FRAMENUM(LOOP_BEGAN, "Reset loop began in", FT_FRAMENUM_REQUEST,
                "The SYN of the loop's first cycle"),
    TR_FLAG(LOOP_OPEN, "Reset loop left open",
            "The loop's last RST: no SYN-ACK on this 4-tuple followed within the capture (two passes)"),

    TR_FRAMENUM(ECN_REFUSED_SYN, "RST refuses ECN-setup SYN", FT_FRAMENUM_REQUEST,
                "This RST refuses an ECN-setup SYN (ECE+CWR) on a path that never answered one"),
    TR_FRAMENUM(ECN_FAILED_SYN, "Failed ECN-setup SYN", FT_FRAMENUM_REQUEST,
                "ECN-setup SYN (ECE+CWR) from this client to this server that got no SYN-ACK"),
    TR_FRAMENUM(ECN_FAILED_RST, "RST refusing it", FT_FRAMENUM_NONE,
                "The RST that refused the failed ECN-setup SYN (absent: it got no answer)"),
    TR_FRAMENUM(ECN_RETRY_SYN, "Answered retry without ECN", FT_FRAMENUM_REQUEST,
                "The SYN without ECE and CWR that this SYN-ACK answers"),

    TR_FLAG(TS_REGRESS, "TSval regression",
            "SYN TSval older than one recently seen from the same address (several hosts behind one NAT?)"),
    TR_UINT(TS_NEWEST_TSVAL, "Newest TSval seen before", NULL),
    TR_FRAMENUM(TS_NEWEST_FRAME, "Newest TSval seen in", FT_FRAMENUM_NONE, NULL),
    TR_UINT(TS_CLOCKS, "Timestamp clocks", "Distinct timestamp clocks seen from this source address"),
    TR_FLAG(TS_RANDOM_OFFSETS, "Random timestamp offsets",
            "This address randomises TSval offsets per connection; clock regressions are not reported for it"),

    TR_UINT(POOL_SYNS, "Connection attempts",
            "SYNs with a new ISN from this client address to this server so far"),
    TR_UINT(POOL_PORTS, "Ports seen", "Distinct client ports among them"),
    TR_UINT(POOL_PORT_MIN, "Lowest port", NULL),
    TR_UINT(POOL_PORT_MAX, "Highest port", NULL),
    TR_TIME(POOL_SPAN, "Over", "From the first attempt to this SYN"),
    TR_TIME(POOL_CYCLE, "Port comes back after",
            "Median time before a client port is used again towards this server"),
    TR_UINT(POOL_PER_SECOND, "Attempts per second", NULL),
    TR_UINT(POOL_PORTS_NEEDED, "Ports needed",
            "Attempts in one TIME_WAIT (tcpreuse.time_wait): ports that would never meet it"),
    TR_UINT(POOL_ADDRESSES_NEEDED, "Addresses needed",
            "Client addresses with a pool of this size that would never meet the server's TIME_WAIT"),

    TR_FLAG(TABLE_FULL, "Socket-pair table full",
            "The pair table reached tcpreuse.max_pairs here and forgot the least recently seen pair (said once)"),
    TR_FLAG(CLOCK_TABLE_FULL, "Clock table full",
            "The timestamp-clock table reached tcpreuse.max_pairs address pairs here: new address pairs are not "
            "tracked from this frame on (said once)"),
    TR_FLAG(POOL_TABLE_FULL, "Port-pool table full",
            "The port-pool table reached tcpreuse.max_pairs pools here: new client pools are not kept from this "
            "SYN on (said once)"),
    TR_FLAG(ECN_TABLE_FULL, "ECN path table full",
            "The ECN-setup path table reached tcpreuse.max_pairs paths here: paths first seen from this SYN on "
            "get no ECN-setup hint (said once)"),
};

_Static_assert(array_length(field_table) == TR_FIELD_COUNT, "one registered field per report field");

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
    TR_EXPERT(truncated, "truncated", PI_MALFORMED, PI_NOTE, tr_text_truncated),
    TR_EXPERT(malformed, "malformed", PI_MALFORMED, PI_NOTE, tr_text_malformed),
    TR_EXPERT(unreadable, "unreadable", PI_UNDECODED, PI_NOTE,
              "TCP in an encapsulation tcpreuse cannot read: tcpreuse skipped this frame"),
};

/* Each of tr_ei's entry in expert_table, in tr_ei's order (expert_table's is another). */
static size_t expert_entry[sizeof tr_ei / sizeof(expert_field)];
_Static_assert(array_length(expert_table) == array_length(expert_entry), "every expert info registered");

void tr_fields_register(int proto)
{
    static gint *const subtrees[] = {
        &tr_ett.top, &tr_ett.reuse, &tr_ett.answer, &tr_ett.stale_ack, &tr_ett.rst, &tr_ett.clock, &tr_ett.pool,
        &tr_ett.loop, &tr_ett.ecn,
    };

    /* Registered once per process: the names live as long as the fields. */
    for (size_t i = 0; i < array_length(field_table); i++) {
        tr_field_id id = (tr_field_id)(field_table[i].p_id - tr_hf);
        field_table[i].hfinfo.abbrev = g_strconcat("tcpreuse.", tr_field_name(id), NULL);
    }
    proto_register_field_array(proto, field_table, array_length(field_table));
    proto_register_subtree_array(subtrees, array_length(subtrees));
    expert_register_field_array(expert_register_protocol(proto), expert_table, array_length(expert_table));
    for (size_t i = 0; i < array_length(expert_table); i++)
        expert_entry[expert_table[i].ids - (expert_field *)&tr_ei] = i;
}

/* Read from the registered entry each time: Wireshark keeps a pointer to it, and the user's
 * severity overrides (the expert_severity_levels table) are written into it. */
void tr_expert_class(const expert_field *ei, int *group, int *severity)
{
    const expert_field_info *info = &expert_table[expert_entry[ei - (const expert_field *)&tr_ei]].eiinfo;
    *group = info->group;
    *severity = info->severity;
}
