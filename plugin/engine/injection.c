/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "injection.h"

#include "seq.h"

void tr_traits_note(tr_traits *t, const tr_segment *seg)
{
    if (seg->flags & TR_TCP_RST)
        return;
    if (t->seen && seg->ttl != t->ttl)
        t->ttl_varies = true;
    t->seen = true;
    t->ttl = seg->ttl;
    t->has_ip_id = seg->has_ip_id;
    t->ip_id = seg->ip_id;
    t->frame = seg->frame;
    t->flags = seg->flags;
    t->ack = seg->ack;
    if (seg->has_ts) {
        if (!t->ts_seen || tr_seq_before(seg->tsval, t->first_tsval))
            t->first_tsval = seg->tsval;
        if (!t->ts_seen || tr_seq_after(seg->tsval, t->last_tsval))
            t->last_tsval = seg->tsval;
        t->ts_seen = true;
    }
}

static int signs(uint8_t evidence)
{
    int n = 0;
    for (; evidence; evidence &= (uint8_t)(evidence - 1))
        n++;
    return n;
}

static void call_injected(tr_rst_finding *out)
{
    if (out->cause == TR_RST_INJECTED)
        return;
    out->would_be = out->cause;
    out->cause = TR_RST_INJECTED;
}

void tr_injection_examine(const tr_traits *sender, const tr_traits *receiver, const tr_segment *rst,
                          tr_rst_finding *out)
{
    out->ttl = rst->ttl;
    /* One host sends with one initial TTL over one path: a constant TTL that changes for
     * the RST alone is another sender. */
    if (sender->seen && !sender->ttl_varies && rst->ttl != sender->ttl) {
        out->evidence |= TR_INJECT_TTL;
        out->sender_ttl = sender->ttl;
    }
    /* A forger that copies the IPv4 ID of the segment it answers; a tool whose every packet
     * has the same ID is no evidence (the claimed sender used that ID itself). */
    if (rst->has_ip_id && rst->ip_id != 0 && receiver->seen && receiver->has_ip_id && receiver->ip_id == rst->ip_id &&
        !(sender->seen && sender->has_ip_id && sender->ip_id == rst->ip_id)) {
        out->evidence |= TR_INJECT_IP_ID;
        out->ip_id_of = receiver->frame;
    }
    /* TSecr echoes a TSval the receiver sent (RFC 7323 3.2): any other value was made up. */
    if (rst->has_ts && rst->tsecr != 0 && receiver->ts_seen &&
        (tr_seq_before(rst->tsecr, receiver->first_tsval) || tr_seq_after(rst->tsecr, receiver->last_tsval))) {
        out->evidence |= TR_INJECT_TSECR;
        out->tsecr = rst->tsecr;
    }
    if (signs(out->evidence) >= 2)
        call_injected(out);
}

void tr_injection_contradict(tr_findings *findings, uint32_t rst_frame, uint8_t rst_ttl, const tr_segment *seg)
{
    tr_finding f;
    if (!tr_findings_get(findings, rst_frame, &f))
        return;
    tr_rst_finding *rst = &f.rst;
    rst->evidence |= TR_INJECT_CONTRADICTED;
    rst->contradicted_by = seg->frame;
    if (seg->ttl != rst_ttl) {
        rst->evidence |= TR_INJECT_TTL;
        rst->sender_ttl = seg->ttl;
    }
    call_injected(rst);
    tr_findings_update(findings, &f, TR_PART_RST);
}
