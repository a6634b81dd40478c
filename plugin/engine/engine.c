/* SPDX-License-Identifier: GPL-2.0-or-later
 * The engine: finds the socket pair of each segment, advances its session or attempt,
 * applies the rules (time_wait, answer, rst_cause, clock_tracker) and writes findings,
 * including back-references into earlier frames' findings.
 */
#include "tcpreuse/engine.h"

#include <glib.h>

#include "answer.h"
#include "clock_tracker.h"
#include "finding_arena.h"
#include "pair_table.h"
#include "port_pool.h"
#include "rst_cause.h"
#include "seq.h"
#include "time_wait.h"

struct tr_engine {
    tr_config cfg;
    int64_t tw_len_ns;
    tr_pair_table *pairs;
    tr_clock_tracker *clocks;
    tr_port_pools *pools;
    tr_finding_arena *arena;
    bool table_full_said;
};

void tr_config_default(tr_config *cfg)
{
    cfg->time_wait_s = TR_DEFAULT_TIME_WAIT_S;
    cfg->ts_analysis = true;
    cfg->max_pairs = TR_DEFAULT_MAX_PAIRS;
    cfg->rfc1337 = false;
}

tr_engine *tr_engine_new(const tr_config *cfg)
{
    tr_engine *e = g_new0(tr_engine, 1);
    e->cfg = *cfg;
    e->tw_len_ns = (int64_t)cfg->time_wait_s * TR_NS_PER_S;
    e->pairs = tr_pair_table_new(cfg->max_pairs);
    e->clocks = tr_clock_tracker_new(e->tw_len_ns, cfg->max_pairs);
    e->pools = tr_port_pools_new(e->tw_len_ns, cfg->max_pairs);
    e->arena = tr_finding_arena_new();
    return e;
}

void tr_engine_free(tr_engine *e)
{
    if (!e)
        return;
    tr_pair_table_free(e->pairs);
    tr_clock_tracker_free(e->clocks);
    tr_port_pools_free(e->pools);
    tr_finding_arena_free(e->arena);
    g_free(e);
}

static tr_finding *finding(tr_engine *e, tr_finding **f, const tr_segment *seg)
{
    return tr_finding_arena_ensure(e->arena, f, seg->frame);
}

static bool is_bare_ack(const tr_segment *seg)
{
    return (seg->flags & (TR_TCP_SYN | TR_TCP_RST | TR_TCP_FIN | TR_TCP_ACK)) == TR_TCP_ACK && seg->payload_len == 0;
}

/* A segment from `side` reaches the other end; if that end holds TIME_WAIT, it decides. */
static tr_tw_decision time_wait_sees(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg)
{
    tr_tw_decision none = {0};
    tr_session *s = &p->session;
    if (!p->has_session || seg->frame <= s->close_frame || !tr_time_wait_held(s, !side, seg->time_ns, e->tw_len_ns))
        return none;
    return tr_time_wait_receive(s, !side, seg, e->cfg.rfc1337);
}

/* ---- a SYN (no ACK, no RST) ------------------------------------------------------------ */

/* What the previous session of the pair was, for a reusing SYN: the synchronized session,
 * or when there is none the attempt before this one (kept in the attempt, so that its
 * retransmissions name the same one). */
static void describe_previous(const tr_pair *p, tr_reuse_finding *r, int64_t now)
{
    const tr_attempt *a = &p->attempt;
    if (p->has_session) {
        r->prev_session = p->session.first_frame;
        if (p->session.state != TR_SESSION_OPEN) {
            r->prev_close = p->session.close_frame;
            r->since_close_ns = now - p->session.close_time;
        }
    } else {
        r->prev_session = a->prev_first_frame;
        if (a->prev_end_frame) {
            r->prev_close = a->prev_end_frame;
            r->since_close_ns = now - a->prev_end_time;
        }
    }
    /* unknown when the pair's previous session started before the capture */
    r->port_reuse_interval_ns = a->prev_open_frame ? now - a->prev_open_time : -1;
}

/* The state the SYN meets at the server, and the server's TIME_WAIT verdict. */
static void judge_reuse(tr_engine *e, tr_pair *p, uint8_t client, const tr_segment *seg, tr_reuse_finding *r)
{
    if (!p->has_session)
        return;
    tr_session *s = &p->session;
    uint8_t server = !client;
    if (s->state == TR_SESSION_OPEN) {
        /* RFC 5961 4 / RFC 9293 3.10.7.4: a SYN on a synchronized connection gets a challenge ACK. */
        r->syn_reuses_open = true;
        return;
    }
    r->tw_holder = tr_time_wait_holder(s, client);
    if (r->tw_holder == TR_HOLDER_NONE)
        return;
    bool server_holds = tr_time_wait_held(s, server, seg->time_ns, e->tw_len_ns);
    bool client_holds = tr_time_wait_held(s, client, seg->time_ns, e->tw_len_ns);
    uint8_t holder = server_holds || !client_holds ? server : client;
    r->tw_restarted_by = s->dir[holder].tw_restarted_by;
    r->tw_killed_by = s->dir[holder].tw_killed_by;
    r->tw_taken_by = s->dir[holder].tw_taken_by;
    r->syn_reuses_tw = server_holds || client_holds;
    if (!r->syn_reuses_tw) {
        r->tw_may_linger = tr_time_wait_may_linger(s, server, seg->time_ns, e->tw_len_ns);
        return;
    }
    r->tw_left_ns = s->dir[holder].tw_start + e->tw_len_ns - seg->time_ns;
    if (!server_holds)
        return;  /* only the client holds it (tcp_tw_reuse, or another host behind a NAT) */
    if (!tr_session_ts_known(s) || (seg->options_cut && !seg->has_ts)) {
        /* PAWS decides first, so no verdict can be given without the timestamps; the
         * TIME_WAIT is left as it is, since what it did is unknown. */
        r->verdict_unknown = true;
        return;
    }
    tr_tw_decision d = tr_time_wait_receive(s, server, seg, e->cfg.rfc1337);
    r->tw_verdict = d.verdict;
    r->syn_seq = seg->seq;
    r->old_rcv_nxt = d.rcv_nxt;
    r->syn_has_ts = seg->has_ts;
    r->syn_tsval = seg->tsval;
    r->old_has_ts = d.has_ts_recent;
    r->old_ts_recent = d.ts_recent;
}

static void start_attempt(tr_pair *p, uint8_t client, const tr_segment *seg)
{
    tr_attempt *a = &p->attempt;
    tr_attempt before = *a;
    *a = (tr_attempt){
        .active = true,
        .client = client,
        .isn = seg->seq,
        .ts_on_syn = seg->has_ts,
        .ts_unknown = seg->options_cut && !seg->has_ts,
        .syn_tsval = seg->tsval,
        .first_frame = seg->frame,
        .first_time = seg->time_ns,
        .reuses = p->has_session || p->last_open_frame != 0,
        .prev_first_frame = before.first_frame,
        .prev_end_frame = before.end_frame,
        .prev_end_time = before.end_time,
        .prev_open_frame = p->last_open_frame,
        .prev_open_time = p->last_open_time,
    };
    p->last_open_frame = seg->frame;
    p->last_open_time = seg->time_ns;
}

/* A SYN-ACK captured before its SYN (reordered timestamps, merged captures) made a
 * midstream session: the SYN it acknowledges belongs to that session. */
static bool is_reordered_own_syn(const tr_pair *p, uint8_t side, const tr_segment *seg)
{
    const tr_session *s = &p->session;
    const tr_direction *peer = &s->dir[!side];
    return p->has_session && s->state == TR_SESSION_OPEN && !s->dir[side].syn_seen && peer->syn_seen &&
           peer->ack_seen && peer->last_ack == seg->seq + 1 && s->client == side;
}

/* Returns false for a late (or reordered) copy of the session's own SYN, which is ignored. */
static bool on_syn(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    bool retransmission = a->active && a->client == side && a->isn == seg->seq;
    const tr_direction *mine = &p->session.dir[side];
    if (!retransmission && p->has_session && p->session.state == TR_SESSION_OPEN && mine->syn_seen &&
        mine->isn == seg->seq)
        return false;  /* a late copy of the established session's own SYN */
    if (!retransmission && is_reordered_own_syn(p, side, seg)) {
        tr_session_update(&p->session, side, seg);
        return false;
    }

    tr_pool_finding pool = {0};
    if (!retransmission) {
        int64_t interval = p->last_open_frame ? seg->time_ns - p->last_open_time : -1;
        tr_port_pools_attempt(e->pools, seg, p->last_open_frame == 0, interval, &pool);
        start_attempt(p, side, seg);
    }
    uint32_t retransmit_of = retransmission ? a->syn_frame : 0;
    a->syn_frame = seg->frame;
    a->syn_time = seg->time_ns;
    a->syn_answered = false;
    a->syn_finding = NULL;
    if (!a->reuses)
        return true;
    tr_reuse_finding r = {.present = true, .retransmit_of = retransmit_of};
    describe_previous(p, &r, seg->time_ns);
    judge_reuse(e, p, side, seg, &r);
    tr_finding *out = finding(e, f, seg);
    out->reuse = r;
    out->pool = pool;
    a->syn_finding = out;
    return true;
}

/* ---- during an attempt ---------------------------------------------------------------- */

static void record_answer(tr_attempt *a, tr_answer_kind kind, const tr_segment *seg, tr_finding *f)
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
    if (a->syn_finding) {
        a->syn_finding->reuse.syn_answered_by = seg->frame;
        a->syn_finding->reuse.answer_kind = kind;
    }
}

/* The attempt becomes the pair's session: its SYN was answered by a SYN-ACK (or the
 * handshake's last ACK shows one we did not capture). */
static void synchronize(tr_pair *p)
{
    tr_attempt *a = &p->attempt;
    tr_session *s = &p->session;
    tr_session_init(s, a->first_frame, a->first_time, a->client);
    tr_direction *c = &s->dir[a->client];
    c->syn_seen = c->seq_known = true;
    c->isn = a->isn;
    c->next_seq = a->isn + 1;
    c->ts_on_syn = c->ts_seen = a->ts_on_syn;
    c->ts_unknown = a->ts_unknown;
    c->last_tsval = a->syn_tsval;
    c->ts_time = a->syn_time;
    c->last_frame = a->syn_frame;
    p->has_session = true;
    a->active = false;
}

static void on_server_reply(tr_engine *e, tr_pair *p, uint8_t server, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    tr_session *prev = p->has_session ? &p->session : NULL;
    if ((seg->flags & TR_TCP_SYN) && (seg->flags & TR_TCP_ACK)) {
        if (a->syn_finding)
            record_answer(a, TR_ANSWER_SYN_ACK, seg, finding(e, f, seg));
        synchronize(p);
        tr_session_update(&p->session, server, seg);
        return;
    }
    if (seg->flags & TR_TCP_RST) {
        tr_finding *out = finding(e, f, seg);
        out->rst.present = true;
        tr_rst_classify(prev, a, server, seg, &out->rst);
        if (out->rst.cause != TR_RST_REFUSED)
            return;  /* the client in SYN-SENT drops it and goes on retransmitting */
        record_answer(a, TR_ANSWER_RST, seg, out);
        a->active = false;
        a->end_frame = seg->frame;
        a->end_time = seg->time_ns;
        return;
    }
    if (!is_bare_ack(seg) || a->syn_answered)
        return;  /* late data or FIN of the old session, or more ACKs after the answer */
    tr_finding *out = finding(e, f, seg);
    tr_stale_ack_finding *st = &out->stale_ack;
    *st = (tr_stale_ack_finding){
        .present = true,
        .kind = tr_answer_classify_bare_ack(prev, a, server, seg),
        .seq = seg->seq,
        .ack = seg->ack,
        .syn_isn = a->isn,
    };
    if (st->kind == TR_STALE_TIME_WAIT || st->kind == TR_STALE_CHALLENGE) {
        st->old_session = prev->first_frame;
        st->old_close = prev->state == TR_SESSION_OPEN ? 0 : prev->close_frame;
        st->since_close_ns = st->old_close ? seg->time_ns - prev->close_time : 0;
        st->old_snd_nxt = prev->dir[server].next_seq;
        st->old_rcv_nxt = prev->dir[!server].next_seq;
    }
    if (st->kind == TR_STALE_TIME_WAIT && !tr_time_wait_held(prev, server, seg->time_ns, e->tw_len_ns)) {
        /* The wire says the server still holds TIME_WAIT although the model let it expire
         * (a longer timer, restarts we did not capture): believe the wire from here on. */
        st->beyond_time_wait = true;
        prev->dir[server].tw_held = true;
        prev->dir[server].tw_killed_by = 0;
        prev->dir[server].tw_taken_by = 0;
        prev->dir[server].tw_start = seg->time_ns;
    }
    a->stale_seen = true;
    a->stale_frame = seg->frame;
    a->stale_ack = seg->ack;
    record_answer(a, TR_ANSWER_BARE_ACK, seg, out);
}

static void on_client_during_attempt(tr_engine *e, tr_pair *p, uint8_t client, const tr_segment *seg,
                                     tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    tr_session *prev = p->has_session ? &p->session : NULL;
    if (seg->flags & TR_TCP_RST) {
        tr_finding *out = finding(e, f, seg);
        out->rst.present = true;
        tr_rst_classify(prev, a, client, seg, &out->rst);
        out->rst.kills_time_wait = time_wait_sees(e, p, client, seg).killed;
        /* RFC 5961 3.2: an RST exactly at rcv_nxt ends the half-open session it reaches. */
        if (prev && prev->state == TR_SESSION_OPEN && prev->dir[client].seq_known &&
            seg->seq == prev->dir[client].next_seq) {
            out->rst.ends_session = prev->first_frame;
            tr_session_close_by_rst(prev, seg);
        }
        return;
    }
    if ((seg->flags & TR_TCP_ACK) && tr_seq_after(seg->seq, a->isn) && tr_seq_diff(seg->seq, a->isn) < (1 << 30)) {
        synchronize(p);  /* the client is past its SYN: the handshake completed out of sight */
        tr_session_update(&p->session, client, seg);
        return;
    }
    time_wait_sees(e, p, client, seg);
}

/* ---- within a session ------------------------------------------------------------------ */

/* The client of a session first seen midstream: the end on the higher (ephemeral) port. */
static uint8_t guess_client(const tr_pair *p)
{
    return p->key.port[1] > p->key.port[0] ? 1 : 0;
}

static void on_session_segment(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg, tr_finding **f)
{
    tr_session *s = &p->session;
    bool syn_ack = (seg->flags & TR_TCP_SYN) && (seg->flags & TR_TCP_ACK);
    bool new_syn_ack = syn_ack && p->has_session &&
                       (s->state != TR_SESSION_OPEN || (s->dir[side].syn_seen && s->dir[side].isn != seg->seq));
    if (!p->has_session || new_syn_ack) {
        /* A session whose start we did not see. */
        tr_session_init(s, seg->frame, seg->time_ns, syn_ack ? !side : guess_client(p));
        p->has_session = true;
    }
    tr_tw_decision d = time_wait_sees(e, p, side, seg);
    if (seg->flags & TR_TCP_RST) {
        tr_finding *out = finding(e, f, seg);
        out->rst.present = true;
        tr_rst_classify(s, &p->attempt, side, seg, &out->rst);
        out->rst.kills_time_wait = d.killed;
        tr_session_close_by_rst(s, seg);
    }
    tr_session_update(s, side, seg);
}

/* ---- entry ---------------------------------------------------------------------------- */

const tr_finding *tr_engine_process(tr_engine *e, const tr_segment *seg)
{
    tr_finding *f = NULL;
    bool rst = seg->flags & TR_TCP_RST;
    bool pure_syn = (seg->flags & (TR_TCP_SYN | TR_TCP_ACK | TR_TCP_RST)) == TR_TCP_SYN;
    uint8_t side;
    bool evicted;
    /* A lone RST on an unknown pair needs no memory: it cannot start anything. */
    tr_pair *p = tr_pair_table_find(e->pairs, seg, !rst, &side, &evicted);
    if (evicted && !e->table_full_said) {
        finding(e, &f, seg)->table_full = true;
        e->table_full_said = true;
    }

    bool judged_syn = false;
    if (!p) {
        tr_finding *out = finding(e, &f, seg);
        out->rst = (tr_rst_finding){.present = true, .cause = TR_RST_UNKNOWN, .seq = seg->seq};
    } else if (pure_syn) {
        judged_syn = on_syn(e, p, side, seg, &f);
    } else if (p->attempt.active && side != p->attempt.client) {
        on_server_reply(e, p, side, seg, &f);
    } else if (p->attempt.active) {
        on_client_during_attempt(e, p, side, seg, &f);
    } else {
        on_session_segment(e, p, side, seg, &f);
    }

    if (e->cfg.ts_analysis && seg->has_ts) {
        if (judged_syn)
            tr_clock_tracker_judge_syn(e->clocks, seg, e->arena, &f);
        tr_clock_tracker_note_tsval(e->clocks, seg);
    }
    return f;
}

void tr_engine_get_stats(const tr_engine *e, tr_engine_stats *out)
{
    out->pairs = tr_pair_table_size(e->pairs);
    out->evicted = tr_pair_table_evicted(e->pairs);
    out->findings = tr_finding_arena_count(e->arena);
    out->bytes = out->pairs * (sizeof(tr_pair) + 4 * sizeof(void *)) + tr_finding_arena_bytes(e->arena) +
                 tr_clock_tracker_bytes(e->clocks) + tr_port_pools_bytes(e->pools);
}
