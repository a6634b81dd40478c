/* SPDX-License-Identifier: GPL-2.0-or-later
 * While a SYN waits for its SYN-ACK: what the server answers (SYN-ACK, a stale bare ACK, an
 * RST) and what the client does (refuse a stale ACK, complete the handshake out of sight).
 */
#include "answer.h"
#include "engine_internal.h"
#include "injection.h"
#include "rst_cause.h"
#include "seq.h"

static bool is_bare_ack(const tr_segment *seg)
{
    return (seg->flags & (TR_TCP_SYN | TR_TCP_RST | TR_TCP_FIN | TR_TCP_ACK)) == TR_TCP_ACK && seg->payload_len == 0;
}

/* The first answer to the attempt's latest SYN. A SYN that gets anything but a SYN-ACK learns
 * what answered it, whether or not it had a finding of its own (then it gets one now). */
static void record_answer(tr_engine *e, tr_attempt *a, tr_answer_kind kind, const tr_segment *seg, tr_finding *f)
{
    if (a->syn_answered)
        return;
    a->syn_answered = true;
    f->answer = (tr_answer_finding){
        .present = true,
        .answers_syn = a->syn_frame,
        .kind = kind,
        .delay_ns = seg->time_ns - a->syn_time,
    };
    if (!a->syn_flagged && kind == TR_ANSWER_SYN_ACK)
        return;
    a->syn_flagged = true;
    e->syn_answer.frame = a->syn_frame;
    e->syn_answer.syn.answered_by = seg->frame;
    e->syn_answer.syn.answer_kind = kind;
    tr_findings_update(e->findings, &e->syn_answer, TR_PART_SYN_ANSWER);
}

/* The server SYN-ACKs the SYN whose refusal it is said to have sent. */
static bool accepts_refused_syn(const tr_attempt *a, const tr_segment *seg)
{
    return a->end_rst && (seg->flags & TR_TCP_SYN) && (seg->flags & TR_TCP_ACK) && seg->ack == a->isn + 1;
}

bool tr_attempt_reopened(tr_attempt *a, uint8_t side, const tr_segment *seg)
{
    if (a->active || side == a->client || !a->end_frame || !accepts_refused_syn(a, seg))
        return false;
    a->active = true;
    a->end_frame = 0;
    return true;
}

void tr_attempt_synchronize(tr_engine *e, tr_pair *p)
{
    tr_attempt *a = &p->attempt;
    tr_session *s = &p->session;
    tr_pair_start_session(p, a->first_frame, a->first_time, a->client);
    tr_direction *c = &s->dir[a->client];
    c->syn_seen = c->seq_known = true;
    c->isn = a->isn;
    c->next_seq = a->isn + 1;
    c->ts_on_syn = c->ts_seen = a->ts_on_syn;
    c->ts_unknown = a->ts_unknown;
    c->ws_on_syn = a->ws_on_syn;
    c->wscale = a->wscale;
    c->last_window = a->syn_window;
    c->last_tsval = a->syn_tsval;
    c->ts_time = a->syn_time;
    c->last_frame = a->syn_frame;
    s->client_known = true;
    s->reset_said = a->reset_said;  /* the same connection: an RST during its handshake was its first */
    if (p->rare)  /* synchronized (a SYN-ACK, or the handshake out of sight) */
        tr_reset_loop_answered(&p->rare->loop, e->findings);
    a->active = false;
    a->end_frame = 0;   /* answered after all: no refusal to retry after, or to contradict */
    a->end_rst = 0;
}

static void on_rst_from_server(tr_engine *e, tr_pair *p, uint8_t server, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    tr_finding *out = tr_engine_finding(e, f, seg);
    out->rst.present = true;
    tr_rst_classify(p, server, seg, &out->rst);
    tr_injection_examine(&p->traits[server], &p->traits[!server], seg, &out->rst);
    a->reset_said = tr_rst_note_role(a->reset_said, a->first_frame, TR_ROLE_SERVER, &out->rst);
    if (out->rst.cause == TR_RST_REFUSED && a->ecn_setup)
        tr_ecn_paths_refused(e->ecn, seg, a->syn_frame, &out->ecn);
    if (out->rst.cause != TR_RST_INJECTED && out->rst.cause != TR_RST_REFUSED && out->rst.cause != TR_RST_FIN_WAIT2)
        return;  /* the client in SYN-SENT drops it and goes on retransmitting */
    if (out->rst.cause == TR_RST_FIN_WAIT2 && p->session.started) {
        /* tcp_v4_rcv() deschedules the timewait socket after its RST: the old session is over. */
        out->rst.ends_session = p->session.first_frame;
        tr_session_close_by_rst(&p->session, seg);
        /* From here the server has no socket for the 4-tuple: what the old peer still sends
         * (its FIN from CLOSE_WAIT) gets one RST each (RFC 9293 3.10.7.1). */
        tr_rst_note_sent(&p->session.dir[server], &tr_pair_table_rare(e->pairs, p)->after[server], seg, &out->rst);
        p->session.dir[server].fw2_reset = true;
    }
    record_answer(e, a, TR_ANSWER_RST, seg, out);
    a->end_rst = seg->frame;
    a->end_ttl = seg->ttl;
    if (out->rst.cause == TR_RST_INJECTED)
        return;  /* not the server's: its SYN-ACK may still come */
    a->active = false;
    a->end_frame = seg->frame;
    tr_pair_table_rare(e->pairs, p)->attempt.end_time = seg->time_ns;
}

void tr_attempt_server_reply(tr_engine *e, tr_pair *p, uint8_t server, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    tr_session *prev = p->session.started ? &p->session : NULL;
    if ((seg->flags & TR_TCP_SYN) && (seg->flags & TR_TCP_ACK)) {
        if (accepts_refused_syn(a, seg)) {
            /* The server accepts the SYN it is said to have refused: the RST was not its own. */
            tr_injection_contradict(e->findings, a->end_rst, a->end_ttl, seg);
            a->end_rst = 0;
        }
        /* A SYN-ACK is worth naming only for a SYN that could look like something else. */
        if (a->syn_flagged && (a->reuses || a->syn_retransmit))
            record_answer(e, a, TR_ANSWER_SYN_ACK, seg, tr_engine_finding(e, f, seg));
        tr_ecn_finding ecn = {0};
        tr_ecn_paths_answered(e->ecn, e->findings, seg, a->syn_frame, a->syn_time, a->ecn_setup, &ecn);
        if (ecn.failed_syn)
            tr_engine_finding(e, f, seg)->ecn = ecn;
        tr_attempt_synchronize(e, p);
        tr_session_update(&p->session, server, seg);
        return;
    }
    if (seg->flags & TR_TCP_RST) {
        on_rst_from_server(e, p, server, seg, f);
        return;
    }
    if (!is_bare_ack(seg) || a->syn_answered)
        return;  /* late data or FIN of the old session, or more ACKs after the answer */
    tr_finding *out = tr_engine_finding(e, f, seg);
    tr_stale_ack_finding *st = &out->stale_ack;
    *st = (tr_stale_ack_finding){
        .present = true,
        .kind = tr_answer_classify_bare_ack(prev, a, server, seg),
        .seq = seg->seq,
        .ack = seg->ack,
        .syn_isn = a->isn,
    };
    if (st->kind == TR_STALE_TIME_WAIT || st->kind == TR_STALE_CHALLENGE || st->kind == TR_STALE_LAST_ACK ||
        st->kind == TR_STALE_FIN_WAIT2) {
        st->old_session = prev->first_frame;
        st->old_close = prev->state == TR_SESSION_OPEN ? 0 : prev->close_frame;
        st->since_close_ns = st->old_close ? seg->time_ns - prev->close_time : 0;
        st->old_snd_nxt = prev->dir[server].next_seq;
        st->old_rcv_nxt = prev->dir[!server].next_seq;
    }
    if (st->kind == TR_STALE_TIME_WAIT && !tr_time_wait_held(prev, server, seg->time_ns, e->tw_len_ns)) {
        /* The wire says the server, which closed first, still holds TIME_WAIT although the
         * model let it expire (a longer timer, restarts we did not capture): believe the wire
         * from here on. (A passive closer answering is in LAST_ACK: kind last-ack, above.) */
        st->beyond_time_wait = true;
        prev->dir[server].tw_held = true;
        prev->dir[server].tw_ended_by = 0;
        prev->dir[server].tw_killed = false;
        prev->dir[server].tw_start = seg->time_ns;
    }
    tr_ecn_paths_crossed(e->ecn, seg, a->isn);
    a->stale_seen = true;
    a->stale_kind = st->kind;
    tr_attempt_rare *rare = &tr_pair_table_rare(e->pairs, p)->attempt;
    rare->stale_frame = seg->frame;
    rare->stale_ack = seg->ack;
    record_answer(e, a, TR_ANSWER_BARE_ACK, seg, out);
}

void tr_attempt_client_segment(tr_engine *e, tr_pair *p, uint8_t client, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    tr_session *prev = p->session.started ? &p->session : NULL;
    if (seg->flags & TR_TCP_RST) {
        tr_finding *out = tr_engine_finding(e, f, seg);
        out->rst.present = true;
        tr_rst_classify(p, client, seg, &out->rst);
        tr_injection_examine(&p->traits[client], &p->traits[!client], seg, &out->rst);
        out->rst.kills_time_wait = tr_engine_time_wait_sees(e, p, client, seg).killed;
        a->reset_said = tr_rst_note_role(a->reset_said, a->first_frame, TR_ROLE_CLIENT, &out->rst);
        if (out->rst.cause == TR_RST_STALE_ACK)
            tr_reset_loop_cycle(&tr_pair_table_rare(e->pairs, p)->loop, e->findings, a->syn_frame, seg->time_ns, out);
        /* RFC 5961 3.2: an RST exactly at rcv_nxt ends the half-open session it reaches, or
         * the LAST_ACK socket whose challenge ACK it answers (tcp_validate_incoming() ->
         * tcp_reset(): the passive closer's socket is gone). */
        bool at_rcv_nxt = prev && prev->dir[client].seq_known && seg->seq == prev->dir[client].next_seq;
        if (at_rcv_nxt && prev->state == TR_SESSION_OPEN) {
            out->rst.ends_session = prev->first_frame;
            tr_session_close_by_rst(prev, seg);
        } else if (at_rcv_nxt && a->stale_seen && a->stale_kind == TR_STALE_LAST_ACK) {
            out->rst.ends_session = prev->first_frame;
        }
        return;
    }
    if ((seg->flags & TR_TCP_ACK) && tr_seq_after(seg->seq, a->isn) && tr_seq_diff(seg->seq, a->isn) < (1 << 30)) {
        tr_attempt_synchronize(e, p);  /* the client is past its SYN: the handshake completed out of sight */
        tr_session_update(&p->session, client, seg);
        return;
    }
    tr_engine_time_wait_sees(e, p, client, seg);
}
