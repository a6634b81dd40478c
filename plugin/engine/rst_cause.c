/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "rst_cause.h"

#include "seq.h"

static uint32_t unacked(const tr_direction *sender, const tr_direction *receiver)
{
    if (!sender->seq_known || !receiver->ack_seen)
        return 0;
    int32_t d = tr_seq_diff(sender->next_seq, receiver->last_ack);
    return d > 0 ? (uint32_t)d : 0;
}

void tr_rst_classify(const tr_session *session, const tr_attempt *a, uint8_t side, const tr_segment *seg,
                     tr_rst_finding *out)
{
    out->seq = seg->seq;
    out->cause = TR_RST_UNKNOWN;
    if (a->active) {
        if (side != a->client) {
            /* The SYN's receiver has no socket for it, or gives up on it: the client's
             * connect() fails with ECONNREFUSED (Linux tcp_reset() in SYN-SENT). Only an
             * RST whose ACK acknowledges the SYN counts (RFC 793 3.9 SYN-SENT,
             * tcp_rcv_synsent_state_process()); any other is dropped by the client. */
            if ((seg->flags & TR_TCP_ACK) && seg->ack == a->isn + 1) {
                out->cause = TR_RST_REFUSED;
                out->trigger = a->syn_frame;
            } else {
                out->ignored_in_syn_sent = true;
            }
        } else if (a->stale_seen && seg->seq == a->stale_ack) {
            /* RFC 793 SYN-SENT: an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>. */
            out->cause = TR_RST_STALE_ACK;
            out->trigger = a->stale_frame;
        }
        return;
    }
    if (!session)
        return;
    const tr_direction *me = &session->dir[side], *peer = &session->dir[!side];
    if (me->fin_seen && peer->last_data_frame > me->fin_frame) {
        /* Data for a socket its owner already closed: Linux answers it with RST
         * (tcp_rcv_state_process(), "TCP_ABORT_ON_DATA"). */
        out->cause = TR_RST_AFTER_CLOSE;
        out->trigger = peer->last_data_frame;
    } else if (session->state == TR_SESSION_OPEN && !me->fin_seen) {
        /* Reset instead of FIN: SO_LINGER 0, close() with unread data, or an application abort. */
        out->cause = TR_RST_ABORT;
        out->trigger = peer->last_frame;
        out->outstanding = unacked(me, peer) + unacked(peer, me);
    }
}
