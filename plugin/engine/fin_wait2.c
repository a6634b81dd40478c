/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fin_wait2.h"

#include "seq.h"
#include "time_wait.h"

bool tr_fin_wait2_holder(const tr_session *s, uint8_t *holder)
{
    if (s->state != TR_SESSION_OPEN)
        return false;
    for (uint8_t side = 0; side < 2; side++) {
        const tr_direction *d = &s->dir[side];
        if (d->fin_seen && d->fin_acked_frame && !s->dir[!side].fin_seen && !d->reset_sent) {
            *holder = side;
            return true;
        }
    }
    return false;
}

bool tr_fin_wait2_held(const tr_session *s, uint8_t holder, int64_t now, int64_t timeout_ns)
{
    return now - s->dir[holder].fin_acked_time < timeout_ns;
}

/* tcp_timewait_state_process(), tw_substate == TCP_FIN_WAIT2 ("repeat all the checks of
 * tcp_rcv_state_process()"):
 *   if (paws_reject || !tcp_in_window(seq, end_seq, rcv_nxt, rcv_nxt + tw_rcv_wnd))
 *       -> TCP_TW_ACK (the old numbers, rate limited: TCPACKSkippedFinWait2);
 *   if (th->syn && !before(seq, rcv_nxt)) -> TCP_TW_RST;
 * and tcp_v4_rcv() sends the RST (tcp_v4_send_reset(): no ACK in the SYN, so seq 0 and
 * ack = ISN + 1) and deschedules the timewait socket. For a SYN (end_seq = seq + 1),
 * tcp_in_window() holds exactly when seq - rcv_nxt is in [0, tw_rcv_wnd): tw_rcv_wnd is the
 * window the holder last advertised (tcp_receive_window() when it became FIN_WAIT2). */
void tr_fin_wait2_judge_syn(const tr_session *s, uint8_t holder, const tr_segment *seg, int64_t timeout_ns,
                            tr_reuse_finding *r)
{
    const tr_direction *peer = &s->dir[!holder];
    bool ts_on = tr_session_ts_negotiated(s);
    r->syn_reuses_fin_wait2 = true;
    r->fw2_since = s->dir[holder].fin_acked_frame;
    r->fw2_left_ns = s->dir[holder].fin_acked_time + timeout_ns - seg->time_ns;
    r->syn_seq = seg->seq;
    r->old_rcv_nxt = peer->next_seq;
    r->syn_has_ts = seg->has_ts;
    r->syn_tsval = seg->tsval;
    r->old_has_ts = ts_on && peer->ts_seen;
    r->old_ts_recent = peer->last_tsval;
    if (!tr_session_ts_known(s) || (seg->options_cut && !seg->has_ts)) {
        r->verdict_unknown = true;  /* PAWS decides first */
        return;
    }
    if (tr_time_wait_paws_rejects(peer, seg, ts_on)) {
        r->fw2_verdict = TR_FW2_ACK_PAWS;
        return;
    }
    uint32_t wnd = 0, at_least = 0;
    bool known = tr_session_window(s, holder, &wnd, &at_least);
    r->old_rcv_wnd = known ? wnd : 0;
    uint32_t ahead = seg->seq - peer->next_seq;
    if (tr_seq_before(seg->seq, peer->next_seq))
        r->fw2_verdict = TR_FW2_ACK_SEQ;
    else if (ahead == 0 || ahead < (known ? wnd : at_least))
        r->fw2_verdict = TR_FW2_RESET;
    else if (known || ahead >= (uint32_t)at_least << 14)
        r->fw2_verdict = TR_FW2_ACK_SEQ;
    /* else: ahead of rcv_nxt by less than the largest scaled window, scale unknown: no verdict */
}
