/* SPDX-License-Identifier: GPL-2.0-or-later
 * A SYN without ACK: a retransmission, a late copy, the other end's SYN of a simultaneous
 * open, or a new attempt; for a new attempt on a 4-tuple with a history, the state it meets
 * at the server and the server's TIME_WAIT verdict.
 */
#include "engine_internal.h"
#include "ecn_setup.h"
#include "fin_wait2.h"
#include "seq.h"

/* What the previous session of the pair was, for a reusing SYN: the synchronized session,
 * or when there is none the attempt before this one (kept with the attempt, in its rare part,
 * so that its retransmissions name the same one). */
static void describe_previous(const tr_pair *p, tr_reuse_finding *r, int64_t now)
{
    const tr_attempt_rare *a = &tr_pair_rare_read(p)->attempt;
    if (p->session.started) {
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
    if (!p->session.started)
        return;
    tr_session *s = &p->session;
    uint8_t server = !client;
    p->attempt.fw2_reset = false;
    uint8_t fw2;
    if (tr_fin_wait2_holder(s, &fw2) && fw2 == server) {
        /* The server closed first and its FIN was acknowledged: orphaned FIN_WAIT2 (fin_wait2.h),
         * which answers the SYN by its window; once it ran out the server has nothing left. */
        if (tr_fin_wait2_held(s, server, seg->time_ns, e->tw_len_ns)) {
            tr_fin_wait2_judge_syn(s, server, seg, e->tw_len_ns, r);
            p->attempt.fw2_reset = r->fw2_verdict == TR_FW2_RESET;
        }
        return;
    }
    if (s->state == TR_SESSION_OPEN) {
        /* RFC 5961 4 / RFC 9293 3.10.7.4: a SYN on a synchronized connection gets a challenge ACK
         * (a full socket: the server in CLOSE_WAIT after the client's FIN, or in FIN_WAIT1). */
        r->syn_reuses_open = true;
        return;
    }
    r->tw_holder = tr_time_wait_holder(s, client);
    r->server_fin_unacked = s->state == TR_SESSION_CLOSED_FIN && !s->dir[server].tw_held &&
                            s->dir[server].fin_seen && !s->dir[server].fin_acked_frame;
    if (r->tw_holder == TR_HOLDER_NONE)
        return;
    bool server_holds = tr_time_wait_held(s, server, seg->time_ns, e->tw_len_ns);
    bool client_holds = tr_time_wait_held(s, client, seg->time_ns, e->tw_len_ns);
    uint8_t holder = server_holds || !client_holds ? server : client;
    const tr_direction *h = &s->dir[holder];
    r->tw_restarted_by = h->tw_restarted_by;
    r->tw_killed_by = h->tw_killed ? h->tw_ended_by : 0;
    r->tw_taken_by = h->tw_killed ? 0 : h->tw_ended_by;
    r->syn_reuses_tw = server_holds || client_holds;
    if (!r->syn_reuses_tw) {
        r->tw_may_linger = tr_time_wait_may_linger(s, server, seg->time_ns, e->tw_len_ns);
        return;
    }
    r->tw_left_ns = h->tw_start + e->tw_len_ns - seg->time_ns;
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

/* The pair's latest SYN that opened an attempt (a retry opens none), and when: the first SYN
 * of the current attempt, or the one before it. Frame 0: none seen. */
static uint32_t last_open_frame(const tr_pair *p)
{
    return p->attempt.retry ? tr_pair_rare_read(p)->attempt.prev_open_frame : p->attempt.first_frame;
}

static int64_t last_open_time(const tr_pair *p)
{
    return p->attempt.retry ? tr_pair_rare_read(p)->attempt.prev_open_time : p->attempt.first_time;
}

/* `retry`: a retransmission of an earlier attempt after other ISNs, which is no new opening
 * of the pair (the intervals to the next attempt still count from the original). */
static void start_attempt(tr_engine *e, tr_pair *p, uint8_t client, const tr_segment *seg, bool reuses, bool retry)
{
    tr_attempt *a = &p->attempt;
    /* What came before it: none on a 4-tuple's first attempt, which then needs no rare part. */
    tr_attempt_rare before = {
        .prev_open_frame = last_open_frame(p),
        .prev_open_time = last_open_time(p),
        .prev_first_frame = a->first_frame,
        .prev_end_frame = a->end_frame,
        .prev_end_time = tr_pair_rare_read(p)->attempt.end_time,
    };
    if (p->rare || before.prev_open_frame || before.prev_open_time || before.prev_first_frame ||
        before.prev_end_frame || before.prev_end_time)
        tr_pair_table_rare(e->pairs, p)->attempt = before;
    *a = (tr_attempt){
        .active = true,
        .retry = retry,
        .client = client,
        .isn = seg->seq,
        .ts_on_syn = seg->has_ts,
        .ws_on_syn = seg->has_wscale,
        .wscale = tr_segment_wscale(seg),
        .syn_window = seg->window,
        .ts_unknown = seg->options_cut && !seg->has_ts,
        .syn_tsval = seg->tsval,
        .first_frame = seg->frame,
        .first_time = seg->time_ns,
        .reuses = reuses,
    };
    /* A new connection: what each end shows starts again (injection.h). */
    p->traits[0] = p->traits[1] = (tr_traits){0};
}

/* A SYN-ACK captured before its SYN (reordered timestamps, merged captures) made a
 * midstream session; a SYN whose ISN + 1 is what that session's first SYN-ACK acknowledged
 * is that session's own SYN, captured late, whatever state the session reached since. */
static bool is_late_own_syn(const tr_pair *p, uint8_t side, const tr_segment *seg)
{
    const tr_session *s = &p->session;
    return s->started && s->client == side && !s->dir[side].syn_seen && s->synack_seen &&
           s->synack_ack == seg->seq + 1;
}

#define TR_NO_SYN (-1)

/* The history entry of an earlier SYN with this ISN from this side, or TR_NO_SYN. */
static int earlier_copy(const tr_syn_history *h, uint8_t side, uint32_t isn)
{
    unsigned from_side = side ? h->sides : ~h->sides;  /* bit i: entry i was sent by `side` */
    for (int i = 0; i < TR_SYNS_KEPT; i++)
        if (h->isn[i] == isn && h->frame[i] && (from_side >> i & 1))
            return i;
    return TR_NO_SYN;
}

/* An ISN seen again as a new connection (after its session closed) takes over its old
 * entry, so that a later retransmission names this SYN, not the old session's. */
static void remember_syn(tr_syn_history *h, uint8_t side, const tr_segment *seg, bool reuses)
{
    int i = earlier_copy(h, side, seg->seq);
    if (i == TR_NO_SYN) {
        i = h->next;
        h->next = (uint8_t)((h->next + 1) % TR_SYNS_KEPT);
    }
    unsigned others = ~(1u << i);
    h->isn[i] = seg->seq;
    h->frame[i] = seg->frame;
    h->sides = (uint8_t)((h->sides & others) | (unsigned)side << i);
    h->reuses = (uint8_t)((h->reuses & others) | (unsigned)reuses << i);
}

/* RFC 9293 3.5, simultaneous open: the other end's SYN while the first waits for its
 * SYN-ACK, with no session before, crossing it (within the 3 s an initial RTO may last,
 * RFC 6298 2.1). Both ends move to SYN-RECEIVED; the connection is one session, not a reuse. */
#define TR_SIMULTANEOUS_OPEN_NS (3 * TR_NS_PER_S)
static bool is_simultaneous_open(const tr_pair *p, uint8_t side, const tr_segment *seg)
{
    const tr_attempt *a = &p->attempt;
    return a->active && a->client != side && !a->syn_answered && !a->reuses &&
           seg->time_ns - a->syn_time <= TR_SIMULTANEOUS_OPEN_NS;
}

bool tr_syn_process(tr_engine *e, tr_pair *p, uint8_t side, const tr_segment *seg, tr_finding **f)
{
    tr_attempt *a = &p->attempt;
    const tr_direction *mine = &p->session.dir[side];
    tr_syn_history *h = &p->syns;
    int copy_at = earlier_copy(h, side, seg->seq);
    bool own_isn = p->session.started && mine->syn_seen && mine->isn == seg->seq;
    if (copy_at != TR_NO_SYN && own_isn && p->session.state != TR_SESSION_OPEN &&
        h->frame[copy_at] <= p->session.close_frame)
        copy_at = TR_NO_SYN;  /* that connection is over: the same ISN opens a new one */
    bool copy = copy_at != TR_NO_SYN;
    bool current = a->client == side && a->isn == seg->seq && (a->active || a->end_frame) && copy;
    if (!current && own_isn && p->session.state == TR_SESSION_OPEN)
        return false;  /* a late copy of the open session's own SYN */
    if (is_late_own_syn(p, side, seg)) {
        tr_session_update(&p->session, side, seg);
        return false;
    }
    if (!copy && is_simultaneous_open(p, side, seg)) {
        tr_attempt_synchronize(e, p);
        tr_session_update(&p->session, side, seg);
        remember_syn(h, side, seg, false);
        return false;
    }

    tr_pool_finding pool = {0};
    bool refused_before = current && !a->active;
    if (copy && !current) {
        /* A retransmission of an earlier attempt, after SYNs with other ISNs: it goes on
         * with the reuse status its first SYN had, and is no new attempt for the pool. */
        start_attempt(e, p, side, seg, h->reuses >> copy_at & 1, true);
    } else if (!copy) {
        uint32_t open_frame = last_open_frame(p);
        int64_t interval = open_frame ? seg->time_ns - last_open_time(p) : -1;
        bool reuses = p->session.started || open_frame != 0;
        tr_port_pools_attempt(e->pools, seg, open_frame == 0, interval, &pool);
        if (p->rare)
            tr_reset_loop_new_attempt(&p->rare->loop, seg->time_ns);
        start_attempt(e, p, side, seg, reuses, false);
        remember_syn(h, side, seg, reuses);
    }
    uint32_t retransmit_of = copy ? h->frame[copy_at] : 0;
    if (copy)
        h->frame[copy_at] = seg->frame;
    a->active = true;
    a->end_rst = 0;  /* a SYN-ACK to this copy does not contradict an earlier refusal */
    a->syn_frame = seg->frame;
    a->syn_time = seg->time_ns;
    a->ecn_setup = tr_ecn_setup_syn(seg);
    a->syn_answered = false;
    a->syn_flagged = a->syn_retransmit = false;  /* set at the frame's end (engine.c) */
    if (!a->reuses) {
        /* Say it is a retransmission where it could pass for a new attempt: after a refusal,
         * or after SYNs with other ISNs. */
        if (refused_before || (copy && !current))
            tr_engine_finding(e, f, seg)->syn.retransmit_of = retransmit_of;
        return true;
    }
    tr_finding *out = tr_engine_finding(e, f, seg);
    tr_reuse_finding *r = &out->reuse;  /* filled in place: it is a good part of the record */
    r->present = true;
    describe_previous(p, r, seg->time_ns);
    judge_reuse(e, p, side, seg, r);
    out->syn.retransmit_of = retransmit_of;
    /* The pool arithmetic matters where the server's TIME_WAIT is at stake (port_pool.h). */
    if (pool.present && (r->tw_holder == TR_HOLDER_SERVER || r->tw_holder == TR_HOLDER_BOTH))
        out->pool = pool;
    return true;
}
