/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "time_wait.h"

#include "seq.h"

/* include/net/tcp.h: TS.Recent is trusted for 24 days (TCP_PAWS_WRAP), and an RST is
 * exempt from PAWS once TS.Recent is older than TCP_PAWS_MSL (60 s). */
#define TR_PAWS_WRAP_NS (24LL * 86400 * TR_NS_PER_S)
#define TR_PAWS_MSL_NS (60LL * TR_NS_PER_S)

bool tr_time_wait_held(const tr_session *s, uint8_t holder, int64_t now, int64_t tw_len_ns)
{
    const tr_direction *d = &s->dir[holder];
    if (s->state != TR_SESSION_CLOSED_FIN || !d->tw_held || d->tw_ended_by)
        return false;
    return now - d->tw_start < tw_len_ns;
}

bool tr_time_wait_may_linger(const tr_session *s, uint8_t holder, int64_t now, int64_t tw_len_ns)
{
    const tr_direction *d = &s->dir[holder];
    if (s->state != TR_SESSION_CLOSED_FIN || !d->tw_held || d->tw_ended_by)
        return false;
    int64_t past = now - d->tw_start - tw_len_ns;
    return past >= 0 && past < TR_TW_TIMER_SLACK_NS;
}

tr_tw_holder tr_time_wait_holder(const tr_session *s, uint8_t client)
{
    if (s->state != TR_SESSION_CLOSED_FIN)
        return TR_HOLDER_NONE;
    bool c = s->dir[client].tw_held, v = s->dir[!client].tw_held;
    return c && v ? TR_HOLDER_BOTH : c ? TR_HOLDER_CLIENT : v ? TR_HOLDER_SERVER : TR_HOLDER_NONE;
}

/* tcp_paws_reject(): the TSval is older than TS.Recent, TS.Recent is not 0 (some stacks
 * send 0 on the SYN) and not too old to trust. */
bool tr_time_wait_paws_rejects(const tr_direction *peer, const tr_segment *seg, bool ts_on)
{
    if (!ts_on || !seg->has_ts || !peer->ts_seen || peer->last_tsval == 0)
        return false;
    if (tr_seq_diff(peer->last_tsval, seg->tsval) <= 0)
        return false;
    int64_t age = seg->time_ns - peer->ts_time;
    if (age >= TR_PAWS_WRAP_NS)
        return false;
    if ((seg->flags & TR_TCP_RST) && age >= TR_PAWS_MSL_NS)
        return false;
    return true;
}

tr_tw_decision tr_time_wait_receive(tr_session *s, uint8_t holder, const tr_segment *seg, bool rfc1337)
{
    tr_direction *h = &s->dir[holder];
    tr_direction *peer = &s->dir[!holder];
    bool ts_on = tr_session_ts_negotiated(s);
    bool syn = seg->flags & TR_TCP_SYN, rst = seg->flags & TR_TCP_RST, ack = seg->flags & TR_TCP_ACK;
    uint32_t end = seg->seq + seg->payload_len + (syn ? 1 : 0) + ((seg->flags & TR_TCP_FIN) ? 1 : 0);
    tr_tw_decision d = {
        .rcv_nxt = peer->next_seq,
        .has_ts_recent = ts_on && peer->ts_seen,
        .ts_recent = peer->last_tsval,
    };
    d.paws_reject = tr_time_wait_paws_rejects(peer, seg, ts_on);

    /* In-window: exactly rcv_nxt, and only a bare ACK or an RST. */
    if (!d.paws_reject && seg->seq == peer->next_seq && (end == seg->seq || rst)) {
        if (rst) {
            /* TIME_WAIT assassination (RFC 1337 hazard H1); with tcp_rfc1337 = 1 the RST
             * is ignored and the timer left alone. */
            if (!rfc1337) {
                h->tw_ended_by = seg->frame;
                h->tw_killed = true;
                d.killed = true;
            }
        } else {
            /* A bare ACK in window moves the timer too (it is how CLOSING and the last
             * ACK of a close reach TIME_WAIT), but it is not worth naming as evidence. */
            h->tw_start = seg->time_ns;
        }
        if (!d.killed && seg->has_ts) {  /* the only case where TS.Recent moves */
            peer->last_tsval = seg->tsval;
            peer->ts_time = seg->time_ns;
            peer->ts_seen = true;
        }
        return d;
    }

    /* RFC 1122 4.2.2.13 and RFC 6191: a new SYN may reopen the pair. */
    if (syn && !rst && !ack) {
        bool ts_newer = ts_on && seg->has_ts && d.has_ts_recent && tr_seq_diff(d.ts_recent, seg->tsval) < 0;
        if (d.paws_reject)
            d.verdict = TR_VERDICT_REJECT_PAWS;
        else if (tr_seq_after(seg->seq, d.rcv_nxt))
            d.verdict = TR_VERDICT_ACCEPT_SEQ;
        else if (ts_newer)
            d.verdict = TR_VERDICT_ACCEPT_TS;
        else
            d.verdict = TR_VERDICT_REJECT_SEQ;
        if (d.verdict == TR_VERDICT_ACCEPT_SEQ || d.verdict == TR_VERDICT_ACCEPT_TS) {
            /* tcp_v4_rcv() TCP_TW_SYN: the TIME_WAIT socket is descheduled and the SYN
             * goes to the listener, even if its SYN-ACK is never seen. */
            h->tw_ended_by = seg->frame;
            h->tw_killed = false;
            return d;
        }
    }

    /* Rejected: the holder ACKs it. Its timer restarts unless this was an ACK-less SYN
     * that failed on sequence only (it may be a new SYN with a random ISN). */
    if (!rst && (d.paws_reject || ack)) {
        h->tw_start = seg->time_ns;
        h->tw_restarted_by = seg->frame;
    }
    return d;
}
