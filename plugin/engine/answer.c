/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "answer.h"

/* A TIME_WAIT ACK is <SEQ=tw_snd_nxt><ACK=tw_rcv_nxt> (Linux tcp_timewait_state_process()
 * -> TCP_TW_ACK) and a challenge ACK <SEQ=snd_nxt><ACK=rcv_nxt> (RFC 5961 4): both carry
 * the previous session's final numbers. Either number matching is enough, since the
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
        return previous->state == TR_SESSION_CLOSED_FIN ? TR_STALE_TIME_WAIT : TR_STALE_CHALLENGE;
    }
    /* The ACK a SYN-ACK would carry, without the SYN flag: a broken middlebox (seed 001). */
    if (seg->ack == a->isn + 1)
        return TR_STALE_MISSING_SYN_FLAG;
    return TR_STALE_UNSEEN_STATE;
}
