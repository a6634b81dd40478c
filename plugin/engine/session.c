/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "session.h"

#include <string.h>

#include "seq.h"
#include "tcpreuse/hints.h"

void tr_session_init(tr_session *s, uint32_t frame, int64_t time_ns, uint8_t client)
{
    memset(s, 0, sizeof(*s));
    s->started = true;
    s->first_frame = frame;
    s->first_time = time_ns;
    s->client = client;
}

bool tr_session_ts_negotiated(const tr_session *s)
{
    const tr_direction *c = &s->dir[s->client], *v = &s->dir[!s->client];
    if (c->syn_seen && v->syn_seen)
        return c->ts_on_syn && v->ts_on_syn;
    /* Midstream: both ends using the option is the best evidence we have. */
    return c->ts_seen && v->ts_seen;
}

bool tr_session_ts_known(const tr_session *s)
{
    return !s->dir[0].ts_unknown && !s->dir[1].ts_unknown;
}

static void record_sent(tr_direction *d, const tr_segment *seg)
{
    uint8_t flags = seg->flags;
    bool ts_cut = seg->options_cut && !seg->has_ts;
    uint32_t end = seg->seq + seg->payload_len + ((flags & TR_TCP_SYN) ? 1 : 0) + ((flags & TR_TCP_FIN) ? 1 : 0);
    d->last_window = seg->window;
    if (TR_UNLIKELY(flags & TR_TCP_SYN)) {
        d->syn_seen = true;
        d->isn = seg->seq;
        d->ws_on_syn = seg->has_wscale;
        d->wscale = tr_segment_wscale(seg);
        d->ts_on_syn = seg->has_ts;
        d->ts_unknown = ts_cut;
    } else if (TR_UNLIKELY(!d->syn_seen)) {
        /* midstream: only later segments can tell */
        if (ts_cut && !d->ts_seen)
            d->ts_unknown = true;
        else if (seg->has_ts)
            d->ts_unknown = false;
    }
    if (!d->seq_known || tr_seq_after(end, d->next_seq)) {
        d->next_seq = end;
        d->seq_known = true;
    }
    if ((flags & TR_TCP_ACK) && (!d->ack_seen || tr_seq_after(seg->ack, d->last_ack))) {
        d->last_ack = seg->ack;
        d->ack_seen = true;
    }
    if (seg->has_ts && (!d->ts_seen || !tr_seq_before(seg->tsval, d->last_tsval))) {
        d->last_tsval = seg->tsval;
        d->ts_time = seg->time_ns;
        d->ts_seen = true;
    }
    d->last_frame = seg->frame;
    if (seg->payload_len > 0) {
        d->last_data_frame = seg->frame;
        d->last_data_end = seg->seq + seg->payload_len;
    }
}

/* RFC 9293 3.6: the end whose FIN went first is the active closer and holds TIME_WAIT.
 * If the second FIN does not acknowledge the first, its sender had not seen it: the
 * FINs crossed (simultaneous close) and both ends go through CLOSING to TIME_WAIT. */
static void close_by_fin(tr_session *s, uint8_t second, const tr_segment *seg)
{
    uint8_t first = !second;
    bool crossed = !(seg->flags & TR_TCP_ACK) || tr_seq_before(seg->ack, s->dir[first].fin_end);
    s->state = TR_SESSION_CLOSED_FIN;
    s->close_frame = seg->frame;
    s->close_time = seg->time_ns;
    s->second_fin_side = second;
    s->dir[first].tw_held = true;
    s->dir[second].tw_held = crossed;
    for (int i = 0; i < 2; i++)
        s->dir[i].tw_start = seg->time_ns;
}

bool tr_session_window(const tr_session *s, uint8_t side, uint32_t *bytes, uint32_t *at_least)
{
    const tr_direction *d = &s->dir[side], *peer = &s->dir[!side];
    if (!d->seq_known)
        return false;
    *at_least = d->last_window;
    if (!d->syn_seen || !peer->syn_seen) {
        *bytes = 0;
        return false;  /* midstream: the scale is unknown */
    }
    *bytes = d->ws_on_syn && peer->ws_on_syn ? (uint32_t)d->last_window << d->wscale : d->last_window;
    return true;
}

void tr_session_update(tr_session *s, uint8_t side, const tr_segment *seg)
{
    /* Chosen, not indexed: GCC -O2 recomputed &s->dir[side] at each use, a third of this
     * function's instructions. */
    tr_direction *d = side ? &s->dir[1] : &s->dir[0], *peer = side ? &s->dir[0] : &s->dir[1];
    uint8_t flags = seg->flags;
    /* The peer's FIN acknowledged: an end that closed first goes from FIN_WAIT1 to FIN_WAIT2. */
    if (TR_UNLIKELY(peer->fin_seen) && !peer->fin_acked_frame && (flags & (TR_TCP_ACK | TR_TCP_RST)) == TR_TCP_ACK &&
        !tr_seq_before(seg->ack, peer->fin_end)) {
        peer->fin_acked_frame = seg->frame;
        if (s->state != TR_SESSION_CLOSED_FIN)  /* then its word is tw_start (session.h) */
            peer->fin_acked_time = seg->time_ns;
    }
    /* After a FIN close the end holding TIME_WAIT keeps the rcv_nxt and TS.Recent it had:
     * Linux changes them only for an in-window segment (time_wait.c), so what the peer
     * sends later does not count as sent into the session. */
    bool closed_by_fin = s->state == TR_SESSION_CLOSED_FIN;
    if (!closed_by_fin || !peer->tw_held)
        record_sent(d, seg);
    if (!(flags & (TR_TCP_SYN | TR_TCP_FIN)) && !closed_by_fin)
        return;  /* the usual segment: neither the handshake nor the close moves */

    if ((flags & TR_TCP_SYN) && (flags & TR_TCP_ACK) && !s->synack_seen) {
        s->synack_seen = true;
        s->synack_ack = seg->ack;
    }
    if ((flags & TR_TCP_FIN) && !d->fin_seen) {
        d->fin_seen = true;
        /* A close that leaves received data unread: RFC 9293 3.10.4 and Linux tcp_close()
         * answer further data with RST. */
        if ((flags & TR_TCP_ACK) && peer->last_data_frame && tr_seq_before(seg->ack, peer->last_data_end)) {
            d->unread_frame = peer->last_data_frame;
            d->unread_end = peer->last_data_end;
        }
        d->fin_frame = seg->frame;
        d->fin_end = seg->seq + seg->payload_len + ((flags & TR_TCP_SYN) ? 1 : 0) + 1;
        if (s->state == TR_SESSION_OPEN && peer->fin_seen)
            close_by_fin(s, side, seg);
        return;
    }

    /* The ACK of the second FIN dates the close (the active closer enters TIME_WAIT). */
    if (closed_by_fin && side != s->second_fin_side && s->close_frame != 0 &&
        (flags & (TR_TCP_ACK | TR_TCP_RST)) == TR_TCP_ACK && !tr_seq_before(seg->ack, peer->fin_end) &&
        s->close_frame == peer->fin_frame) {
        s->close_frame = seg->frame;
        s->close_time = seg->time_ns;
        for (int i = 0; i < 2; i++)
            if (s->dir[i].tw_held && s->dir[i].tw_restarted_by == 0)
                s->dir[i].tw_start = seg->time_ns;
    }
}

void tr_session_close_by_rst(tr_session *s, const tr_segment *seg)
{
    if (s->state != TR_SESSION_OPEN)
        return;
    s->state = TR_SESSION_CLOSED_RST;
    s->close_frame = seg->frame;
    s->close_time = seg->time_ns;
}
