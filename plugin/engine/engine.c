/* SPDX-License-Identifier: GPL-2.0-or-later
 * The engine: finds the socket pair of each segment, sets copies and impossible segments
 * aside, and hands the rest to the SYN rules (syn.c), the attempt rules (attempt.c) or the
 * session rules below; then the clock tracker sees the TSval.
 */
#include "engine_internal.h"
#include "injection.h"
#include "plausible.h"
#include "rst_cause.h"
#include "seq.h"
#include "tcpreuse/hints.h"

#include <string.h>

void tr_config_default(tr_config *cfg)
{
    cfg->time_wait_s = TR_DEFAULT_TIME_WAIT_S;
    cfg->ts_analysis = true;
    cfg->max_pairs = TR_DEFAULT_MAX_PAIRS;
    cfg->rfc1337 = false;
}

tr_engine *tr_engine_new(const tr_config *cfg)
{
    /* On a cache line's start, so that the fields every segment reads share one line. */
    tr_engine *e = g_aligned_alloc0(1, sizeof(tr_engine), 64);
    e->cfg = *cfg;
    e->tw_len_ns = (int64_t)cfg->time_wait_s * TR_NS_PER_S;
    e->pairs = tr_pair_table_new(cfg->max_pairs);
    e->clocks = tr_clock_tracker_new(e->tw_len_ns, cfg->max_pairs);
    e->pools = tr_port_pools_new(e->tw_len_ns, cfg->max_pairs);
    e->ecn = tr_ecn_paths_new(cfg->max_pairs);
    e->findings = tr_findings_new();
    return e;
}

void tr_engine_free(tr_engine *e)
{
    if (!e)
        return;
    tr_pair_table_free(e->pairs);
    tr_clock_tracker_free(e->clocks);
    tr_port_pools_free(e->pools);
    tr_ecn_paths_free(e->ecn);
    tr_findings_free(e->findings);
    g_aligned_free(e);
}

tr_finding *tr_engine_finding(tr_engine *e, tr_finding **f, const tr_segment *seg)
{
    if (TR_UNLIKELY(!*f)) {
        memset(&e->current, 0, sizeof e->current);
        e->current.frame = seg->frame;
        *f = &e->current;
    }
    return *f;
}

bool tr_engine_finding_of(const tr_engine *e, uint32_t frame, tr_finding *out)
{
    return tr_findings_get(e->findings, frame, out);
}

tr_tw_decision tr_engine_time_wait_decides(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg)
{
    tr_tw_decision none = {0};
    tr_session *s = &p->session;
    if (seg->frame <= s->close_frame || !tr_time_wait_held(s, !side, seg->time_ns, e->tw_len_ns))
        return none;
    return tr_time_wait_receive(s, !side, seg, e->cfg.rfc1337);
}

/* ---- within a session ------------------------------------------------------------------ */

/* The client of a session first seen midstream: the end on the higher (ephemeral) port. */
static uint8_t guess_client(const tr_pair *p)
{
    return tr_pair_key_port(&p->key, 1) > tr_pair_key_port(&p->key, 0) ? 1 : 0;
}

/* The end that reset the session sends new data or a FIN at or after its RST's seq, more
 * than a reordering slack later: the RST was not its own (a real socket is gone once it
 * sent one). A bare ACK proves nothing (it may have left before the RST). */
#define TR_REORDER_SLACK_NS 1000000LL
static void check_contradiction(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg)
{
    tr_session *s = &p->session;
    tr_direction *d = &s->dir[side];
    if (!TR_UNLIKELY(d->reset_sent))
        return;  /* no RST to contradict (its aftermath, in the rare part, holds while reset_sent) */
    tr_reset_aftermath *after = &p->rare->after[side];
    bool goes_on = seg->payload_len > 0 || (seg->flags & TR_TCP_FIN);
    if (!after->rst_frame || !goes_on || (seg->flags & (TR_TCP_RST | TR_TCP_SYN)) ||
        tr_seq_before(seg->seq, after->rst_seq) || seg->time_ns - after->rst_time <= TR_REORDER_SLACK_NS)
        return;
    tr_injection_contradict(e->findings, after->rst_frame, after->rst_ttl, seg);
    after->rst_frame = 0;
    d->reset_sent = false;
    after->unanswered_len = 0;
    if (s->state == TR_SESSION_CLOSED_RST) {
        s->state = TR_SESSION_OPEN;
        s->close_frame = 0;
    }
}

static void on_session_segment(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg, tr_finding **f)
{
    tr_session *s = &p->session;
    bool syn_ack = (seg->flags & TR_TCP_SYN) && (seg->flags & TR_TCP_ACK);
    bool new_syn_ack = syn_ack && s->started &&
                       (s->state != TR_SESSION_OPEN || (s->dir[side].syn_seen && s->dir[side].isn != seg->seq));
    if (TR_UNLIKELY(!s->started || new_syn_ack)) {
        /* A session whose start we did not see. */
        tr_pair_start_session(p, seg->frame, seg->time_ns, syn_ack ? !side : guess_client(p));
        s->client_known = syn_ack;
        if (p->rare)  /* a session the loop did not see start */
            tr_reset_loop_answered(&p->rare->loop, e->findings);
        p->traits[0] = p->traits[1] = (tr_traits){0};
    }
    tr_tw_decision d = tr_engine_time_wait_sees(e, p, side, seg);
    if (TR_UNLIKELY(seg->flags & TR_TCP_RST)) {
        tr_finding *out = tr_engine_finding(e, f, seg);
        out->rst.present = true;
        tr_rst_classify(p, side, seg, &out->rst);
        tr_injection_examine(&p->traits[side], &p->traits[!side], seg, &out->rst);
        out->rst.kills_time_wait = d.killed;
        tr_role role = !s->client_known ? TR_ROLE_UNKNOWN : side == s->client ? TR_ROLE_CLIENT : TR_ROLE_SERVER;
        s->reset_said = tr_rst_note_role(s->reset_said, s->first_frame, role, &out->rst);
        tr_rst_note_sent(&s->dir[side], &tr_pair_table_rare(e->pairs, p)->after[side], seg, &out->rst);
        tr_session_close_by_rst(s, seg);
    } else {
        check_contradiction(e, p, side, seg);
        tr_rst_note_arrival(p, side, seg);
    }
    tr_session_update(s, side, seg);
}

/* ---- entry ---------------------------------------------------------------------------- */

static tr_finding *analyse(tr_engine *e, const tr_segment *seg)
{
    tr_finding *f = NULL;
    tr_implausible implausible = tr_segment_plausibility(seg);
    if (TR_UNLIKELY(implausible != TR_PLAUSIBLE)) {
        tr_engine_finding(e, &f, seg)->implausible = implausible;
        return f;
    }
    bool rst = seg->flags & TR_TCP_RST;
    bool pure_syn = (seg->flags & (TR_TCP_SYN | TR_TCP_ACK | TR_TCP_RST)) == TR_TCP_SYN;
    uint8_t side;
    bool evicted;
    /* A lone RST on an unknown pair needs no memory: it cannot start anything. */
    tr_pair *p = tr_pair_table_find(e->pairs, seg, !rst, &side, &evicted);
    if (TR_UNLIKELY(evicted && !e->table_full_said)) {
        tr_engine_finding(e, &f, seg)->table_full = true;
        e->table_full_said = true;
    }
    if (TR_UNLIKELY(!p)) {
        tr_finding *out = tr_engine_finding(e, &f, seg);
        out->rst = (tr_rst_finding){.present = true, .cause = TR_RST_UNKNOWN, .seq = seg->seq};
        return f;
    }
    uint32_t original = tr_copies_see(&p->recent, side, seg);
    if (TR_UNLIKELY(original)) {
        tr_engine_finding(e, &f, seg)->duplicate_of = original;
        return f;
    }

    tr_attempt *a = &p->attempt;
    bool judged_syn = false;
    if (TR_UNLIKELY(pure_syn)) {
        tr_ecn_paths_syn(e->ecn, seg);
        if (tr_ecn_paths_take_full(e->ecn))
            tr_engine_finding(e, &f, seg)->ecn_table_full = true;
        judged_syn = tr_syn_process(e, p, side, seg, &f);
        if (judged_syn && p->rare && tr_reset_loop_active(&p->rare->loop))
            tr_reset_loop_syn(&p->rare->loop, tr_engine_finding(e, &f, seg));
        if (tr_port_pools_take_full(e->pools))
            tr_engine_finding(e, &f, seg)->pool_table_full = true;
    } else if (TR_UNLIKELY(a->active || a->end_frame) &&  /* the usual segment has no attempt waiting or refused */
               (tr_attempt_reopened(a, side, seg) || (a->active && side != a->client))) {
        tr_attempt_server_reply(e, p, side, seg, &f);
    } else if (TR_UNLIKELY(a->active)) {
        tr_attempt_client_segment(e, p, side, seg, &f);
    } else {
        on_session_segment(e, p, side, seg, &f);
    }
    tr_traits_note(&p->traits[side], seg);

    if (e->cfg.ts_analysis && seg->has_ts) {
        tr_clock_finding mark;
        if (TR_UNLIKELY(judged_syn) && tr_clock_tracker_judge_syn(e->clocks, e->findings, seg, &p->clocks[side], &mark))
            tr_engine_finding(e, &f, seg)->clock = mark;
        tr_clock_tracker_note_tsval(e->clocks, seg, &p->clocks[side]);
        if (tr_clock_tracker_take_full(e->clocks))
            tr_engine_finding(e, &f, seg)->clock_table_full = true;
    }
    /* The SYN's own finding is where its answer will be written: its record keeps room for it. */
    if (TR_UNLIKELY(judged_syn) && f && a->syn_frame == seg->frame) {
        a->syn_flagged = true;
        a->syn_retransmit = f->syn.retransmit_of != 0;
        e->current_keep = TR_PART_SYN_ANSWER;
    }
    return f;
}

/* The entry point stays a function of its own under link-time optimisation: the benchmarks
 * count the engine's instructions by its name (callgrind --toggle-collect). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
const tr_finding *tr_engine_process(tr_engine *e, const tr_segment *seg)
{
    e->current_keep = 0;
    tr_finding *f = analyse(e, seg);
    if (TR_UNLIKELY(f != NULL) && !tr_findings_put(e->findings, f, e->current_keep))
        return NULL;  /* what is not kept is never shown, nor any later change to it */
    return f;
}

void tr_engine_get_stats(const tr_engine *e, tr_engine_stats *out)
{
    out->pairs = tr_pair_table_size(e->pairs);
    out->evicted = tr_pair_table_evicted(e->pairs);
    out->findings = tr_findings_count(e->findings);
    out->findings_dropped = tr_findings_dropped(e->findings);
    out->bytes = tr_pair_table_bytes(e->pairs) + tr_findings_bytes(e->findings) +
                 tr_clock_tracker_bytes(e->clocks) + tr_port_pools_bytes(e->pools) + tr_ecn_paths_bytes(e->ecn);
}
