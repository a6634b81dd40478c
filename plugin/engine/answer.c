/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "answer.h"

#include "fin_wait2.h"

/* A TIME_WAIT ACK is <SEQ=tw_snd_nxt><ACK=tw_rcv_nxt> (Linux tcp_timewait_state_process()
 * -> TCP_TW_ACK) and a challenge ACK <SEQ=snd_nxt><ACK=rcv_nxt> (RFC 5961 4, Linux
 * tcp_validate_incoming() -> tcp_send_challenge_ack(), in every synchronized state, LAST_ACK
 * included): both carry the previous session's final numbers. Either number matching is enough, since the
 * capture may miss the last segments of one direction. */
static bool carries_previous_numbers(const tr_session *prev, uint8_t server, const tr_segment *seg)
{
    const tr_direction *srv = &prev->dir[server], *cli = &prev->dir[!server];
    return (cli->seq_known && seg->ack == cli->next_seq) || (srv->seq_known && seg->seq == srv->next_seq);
}

tr_stale_kind tr_answer_classify_bare_ack(const tr_session *previous, const tr_attempt *a, uint8_t server,
                                          const tr_segment *seg)
{
    if (previous && carries_previous_numbers(previous, server, seg)) {
        uint8_t fw2;
        if (previous->state != TR_SESSION_CLOSED_FIN) {
            /* The server's orphaned FIN_WAIT2 ACKs a SYN out of its window; in its window it
             * would have reset it, so an ACK there comes from a full socket (an application that
             * only shut down its sending side): a challenge ACK. */
            if (tr_fin_wait2_holder(previous, &fw2) && fw2 == server && !a->fw2_reset)
                return TR_STALE_FIN_WAIT2;
            return TR_STALE_CHALLENGE;
        }
        /* Closed by FIN: only an active closer (or both ends of a simultaneous close) goes to
         * TIME_WAIT. The passive closer that still answers never got the ACK of its FIN (lost,
         * or lost after the capture point): it is in LAST_ACK, a full socket, which answers a
         * SYN with a challenge ACK and retransmits its FIN until it gives up. */
        return previous->dir[server].tw_held ? TR_STALE_TIME_WAIT : TR_STALE_LAST_ACK;
    }
    /* The ACK a SYN-ACK would carry, without the SYN flag: a broken middlebox (seed 001). */
    if (seg->ack == a->isn + 1)
        return TR_STALE_MISSING_SYN_FLAG;
    return TR_STALE_UNSEEN_STATE;
}
