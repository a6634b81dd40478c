/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "rst_cause.h"

#include <string.h>

#include "seq.h"

static uint32_t unacked(const tr_direction *sender, const tr_direction *receiver)
{
    if (!sender->seq_known || !receiver->ack_seen)
        return 0;
    int32_t d = tr_seq_diff(sender->next_seq, receiver->last_ack);
    return d > 0 ? (uint32_t)d : 0;
}

/* <SEQ=SEG.ACK><CTL=RST>: the reply of an end in CLOSED state, or of SYN-SENT to an
 * unacceptable ACK, to the segment it answers (RFC 9293 3.10.7.1, 3.10.7.3). */
static bool echoes_ack_of(const tr_traits *peer, const tr_segment *seg)
{
    return !(seg->flags & TR_TCP_ACK) && peer->seen && (peer->flags & TR_TCP_ACK) && seg->seq == peer->ack;
}

static void classify_in_attempt(const tr_attempt *a, const tr_attempt_rare *rare, uint8_t side, const tr_traits *peer,
                                const tr_segment *seg, tr_rst_finding *out)
{
    if (side != a->client) {
        /* The SYN's receiver has no socket for it, or gives up on it: the client's
         * connect() fails with ECONNREFUSED (Linux tcp_reset() in SYN-SENT). Only an
         * RST whose ACK acknowledges the SYN counts (RFC 793 3.9 SYN-SENT,
         * tcp_rcv_synsent_state_process()); any other is dropped by the client. */
        if ((seg->flags & TR_TCP_ACK) && seg->ack == a->isn + 1) {
            /* tcp_timewait_state_process() TCP_TW_RST: an orphaned FIN_WAIT2 resets a SYN in
             * its window; to the client it is a refusal all the same (ECONNREFUSED). */
            out->cause = a->fw2_reset ? TR_RST_FIN_WAIT2 : TR_RST_REFUSED;
            out->trigger = a->syn_frame;
        } else {
            out->ignored_in_syn_sent = true;
        }
    } else if (a->stale_seen && seg->seq == rare->stale_ack) {
        /* RFC 793 SYN-SENT: an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>. */
        out->cause = TR_RST_STALE_ACK;
        out->trigger = rare->stale_frame;
    } else if (echoes_ack_of(peer, seg)) {
        /* An acceptable segment without SYN is dropped in SYN-SENT without a reply
         * (RFC 9293 3.10.7.3): this RST comes from an end whose SYN-SENT socket is gone. */
        out->cause = TR_RST_NO_SOCKET;
        out->trigger = peer->frame;
    }
}

void tr_rst_classify(const tr_pair *p, uint8_t side, const tr_segment *seg, tr_rst_finding *out)
{
    const tr_traits *peer_shown = &p->traits[!side];
    out->seq = seg->seq;
    out->cause = TR_RST_UNKNOWN;
    if (p->attempt.active) {
        classify_in_attempt(&p->attempt, &tr_pair_rare_read(p)->attempt, side, peer_shown, seg, out);
        return;
    }
    if (!p->session.started)
        return;
    const tr_session *session = &p->session;
    const tr_direction *me = &session->dir[side], *peer = &session->dir[!side];
    if (me->reset_sent) {
        /* No socket any more: each later segment from the peer gets one RST, in order. */
        const tr_reset_aftermath *after = &p->rare->after[side];
        out->cause = me->fin_seen && !me->fw2_reset ? TR_RST_AFTER_CLOSE : TR_RST_NO_SOCKET;
        out->trigger = after->unanswered_len ? after->unanswered[0] : after->last_trigger;
    } else if (me->fin_seen && peer->last_data_frame > me->fin_frame) {
        /* Data for a socket its owner already closed: Linux answers it with RST
         * (tcp_rcv_state_process(), "TCP_ABORT_ON_DATA"). */
        out->cause = TR_RST_AFTER_CLOSE;
        out->trigger = peer->last_data_frame;
    } else if (me->fin_seen && me->unread_frame && tr_seq_before(me->last_ack, me->unread_end)) {
        /* Closed with received data unread (RFC 9293 3.10.4: the data is lost; RST); a FIN
         * that only crossed data in flight is followed by an ACK of it. */
        out->cause = TR_RST_AFTER_CLOSE;
        out->trigger = me->unread_frame;
    } else if (!me->ack_seen && echoes_ack_of(peer_shown, seg)) {
        /* It never acknowledged anything, and answers the peer's segment as CLOSED does: a
         * SYN-ACK it never asked for (raw-socket tools, crafted SYNs). */
        out->cause = TR_RST_NO_SOCKET;
        out->trigger = peer_shown->frame;
    } else if (session->state == TR_SESSION_CLOSED_FIN && peer_shown->frame > session->close_frame &&
               echoes_ack_of(peer_shown, seg)) {
        /* A segment arriving after the close at an end whose socket is gone (LAST-ACK done,
         * or TIME_WAIT over), answered as CLOSED does. */
        out->cause = TR_RST_NO_SOCKET;
        out->trigger = peer_shown->frame;
    } else if (session->state == TR_SESSION_OPEN && !me->fin_seen) {
        /* Reset instead of FIN: SO_LINGER 0, close() with unread data, or an application abort. */
        out->cause = TR_RST_ABORT;
        out->trigger = peer->last_frame;
        out->outstanding = unacked(me, peer) + unacked(peer, me);
    }
}

void tr_rst_note_sent(tr_direction *me, tr_reset_aftermath *after, const tr_segment *seg, tr_rst_finding *rst)
{
    if (me->reset_sent && after->unanswered_len) {
        memmove(after->unanswered, after->unanswered + 1,
                (size_t)(after->unanswered_len - 1) * sizeof(after->unanswered[0]));
        after->unanswered_len--;
    }
    me->reset_sent = true;
    if (rst->trigger)
        after->last_trigger = rst->trigger;
    after->rst_frame = seg->frame;
    after->rst_ttl = seg->ttl;
    after->rst_seq = seg->seq;
    after->rst_time = seg->time_ns;
}

bool tr_rst_note_role(bool reset_said, uint32_t connection, tr_role role, tr_rst_finding *rst)
{
    rst->connection = connection;
    rst->sender_role = role;
    /* A suspected injection is no end's reset, and an RST the client in SYN-SENT drops (no ACK
     * of its SYN: RFC 9293 3.10.7.3) resets nothing: the first one is the next that does. */
    if (rst->cause == TR_RST_INJECTED || rst->ignored_in_syn_sent || reset_said)
        return reset_said;
    rst->first = true;
    return true;
}
