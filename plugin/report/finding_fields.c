/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the fields and groups of a finding, in the order the plugin's tree shows them.
 * Absent values are left out rather than shown as 0: frame 0 means "none", a flag is shown
 * only where it holds, so that a filter or a JSON key selects exactly the frames concerned.
 */
#include "finding_fields.h"

#include "tcpreuse/describe.h"

#define TEXT_LEN 256 /* the describe texts fit Wireshark's item labels (240 bytes) */

static const struct {
    const char *name;
    tr_field_type type;
} field_table[TR_FIELD_COUNT] = {
    [TR_FIELD_TAGS] = { "tags", TR_FIELD_STRING },
    [TR_FIELD_DUPLICATE_OF] = { "duplicate_of", TR_FIELD_FRAME },
    [TR_FIELD_IMPLAUSIBLE] = { "implausible", TR_FIELD_STRING },
    [TR_FIELD_RETRANSMIT_OF] = { "retransmit_of", TR_FIELD_FRAME },
    [TR_FIELD_SYN_ANSWERED_BY] = { "syn_answered_by", TR_FIELD_FRAME },
    [TR_FIELD_SYN_ANSWER_KIND] = { "syn_answer_kind", TR_FIELD_STRING },
    [TR_FIELD_PREV_SESSION] = { "prev_session", TR_FIELD_FRAME },
    [TR_FIELD_PREV_CLOSE] = { "prev_close", TR_FIELD_FRAME },
    [TR_FIELD_SINCE_CLOSE] = { "since_close", TR_FIELD_TIME },
    [TR_FIELD_PORT_REUSE_INTERVAL] = { "port_reuse_interval", TR_FIELD_TIME },
    [TR_FIELD_TW_HOLDER] = { "tw_holder", TR_FIELD_STRING },
    [TR_FIELD_SYN_REUSES_TW] = { "syn_reuses_tw", TR_FIELD_FLAG },
    [TR_FIELD_SYN_REUSES_OPEN] = { "syn_reuses_open", TR_FIELD_FLAG },
    [TR_FIELD_SYN_REUSES_FIN_WAIT2] = { "syn_reuses_fin_wait2", TR_FIELD_FLAG },
    [TR_FIELD_FIN_WAIT2_SINCE] = { "fin_wait2_since", TR_FIELD_FRAME },
    [TR_FIELD_FIN_WAIT2_LEFT] = { "fin_wait2_left", TR_FIELD_TIME },
    [TR_FIELD_FIN_WAIT2_VERDICT] = { "fin_wait2_verdict", TR_FIELD_STRING },
    [TR_FIELD_SYN_SEQ] = { "syn_seq", TR_FIELD_UINT },
    [TR_FIELD_OLD_RCV_NXT] = { "old_rcv_nxt", TR_FIELD_UINT },
    [TR_FIELD_OLD_RCV_WND] = { "old_rcv_wnd", TR_FIELD_UINT },
    [TR_FIELD_TW_MAY_LINGER] = { "tw_may_linger", TR_FIELD_FLAG },
    [TR_FIELD_TW_LEFT] = { "tw_left", TR_FIELD_TIME },
    [TR_FIELD_TW_RESTARTED_BY] = { "tw_restarted_by", TR_FIELD_FRAME },
    [TR_FIELD_TW_KILLED_BY] = { "tw_killed_by", TR_FIELD_FRAME },
    [TR_FIELD_TW_TAKEN_BY] = { "tw_taken_by", TR_FIELD_FRAME },
    [TR_FIELD_TW_VERDICT_UNKNOWN] = { "tw_verdict_unknown", TR_FIELD_FLAG },
    [TR_FIELD_TW_VERDICT] = { "tw_verdict", TR_FIELD_STRING },
    [TR_FIELD_SYN_TSVAL] = { "syn_tsval", TR_FIELD_UINT },
    [TR_FIELD_OLD_TS_RECENT] = { "old_ts_recent", TR_FIELD_UINT },
    [TR_FIELD_ANSWERS_SYN] = { "answers_syn", TR_FIELD_FRAME },
    [TR_FIELD_ANSWER_KIND] = { "answer.kind", TR_FIELD_STRING },
    [TR_FIELD_ANSWER_DELAY] = { "answer.delay", TR_FIELD_TIME },
    [TR_FIELD_STALE_ACK] = { "stale_ack", TR_FIELD_FLAG },
    [TR_FIELD_STALE_ACK_KIND] = { "stale_ack.kind", TR_FIELD_STRING },
    [TR_FIELD_STALE_ACK_SEQ] = { "stale_ack.seq", TR_FIELD_UINT },
    [TR_FIELD_STALE_ACK_ACK] = { "stale_ack.ack", TR_FIELD_UINT },
    [TR_FIELD_STALE_ACK_SYN_ISN] = { "stale_ack.syn_isn", TR_FIELD_UINT },
    [TR_FIELD_STALE_ACK_SESSION] = { "stale_ack.session", TR_FIELD_FRAME },
    [TR_FIELD_STALE_ACK_CLOSE] = { "stale_ack.close", TR_FIELD_FRAME },
    [TR_FIELD_STALE_ACK_OLD_SND_NXT] = { "stale_ack.old_snd_nxt", TR_FIELD_UINT },
    [TR_FIELD_STALE_ACK_OLD_RCV_NXT] = { "stale_ack.old_rcv_nxt", TR_FIELD_UINT },
    [TR_FIELD_STALE_ACK_SINCE_CLOSE] = { "stale_ack.since_close", TR_FIELD_TIME },
    [TR_FIELD_STALE_ACK_BEYOND_TIME_WAIT] = { "stale_ack.beyond_time_wait", TR_FIELD_FLAG },
    [TR_FIELD_RST_CAUSE] = { "rst.cause", TR_FIELD_STRING },
    [TR_FIELD_RST_TRIGGER] = { "rst.trigger", TR_FIELD_FRAME },
    [TR_FIELD_RST_SEQ] = { "rst.seq", TR_FIELD_UINT },
    [TR_FIELD_RST_OUTSTANDING] = { "rst.outstanding", TR_FIELD_UINT },
    [TR_FIELD_RST_KILLS_TIME_WAIT] = { "rst.kills_time_wait", TR_FIELD_FLAG },
    [TR_FIELD_RST_ENDS_SESSION] = { "rst.ends_session", TR_FIELD_FRAME },
    [TR_FIELD_RST_IGNORED_IN_SYN_SENT] = { "rst.ignored_in_syn_sent", TR_FIELD_FLAG },
    [TR_FIELD_RST_WOULD_BE] = { "rst.would_be", TR_FIELD_STRING },
    [TR_FIELD_RST_INJECTION_TTL] = { "rst.injection.ttl", TR_FIELD_UINT },
    [TR_FIELD_RST_INJECTION_SENDER_TTL] = { "rst.injection.sender_ttl", TR_FIELD_UINT },
    [TR_FIELD_RST_INJECTION_IP_ID_OF] = { "rst.injection.ip_id_of", TR_FIELD_FRAME },
    [TR_FIELD_RST_INJECTION_TSECR] = { "rst.injection.tsecr", TR_FIELD_UINT },
    [TR_FIELD_RST_INJECTION_CONTRADICTED_BY] = { "rst.injection.contradicted_by", TR_FIELD_FRAME },
    [TR_FIELD_RST_SENDER_ROLE] = { "rst.sender_role", TR_FIELD_STRING },
    [TR_FIELD_RST_CONNECTION] = { "rst.connection", TR_FIELD_FRAME },
    [TR_FIELD_RST_FIRST] = { "rst.first", TR_FIELD_FLAG },
    [TR_FIELD_TS_REGRESS] = { "ts_regress", TR_FIELD_FLAG },
    [TR_FIELD_TS_NEWEST_TSVAL] = { "ts_newest_tsval", TR_FIELD_UINT },
    [TR_FIELD_TS_NEWEST_FRAME] = { "ts_newest_frame", TR_FIELD_FRAME },
    [TR_FIELD_TS_CLOCKS] = { "ts_clocks", TR_FIELD_UINT },
    [TR_FIELD_TS_RANDOM_OFFSETS] = { "ts_random_offsets", TR_FIELD_FLAG },
    [TR_FIELD_POOL_SYNS] = { "pool.syns", TR_FIELD_UINT },
    [TR_FIELD_POOL_PORTS] = { "pool.ports", TR_FIELD_UINT },
    [TR_FIELD_POOL_PORT_MIN] = { "pool.port_min", TR_FIELD_UINT },
    [TR_FIELD_POOL_PORT_MAX] = { "pool.port_max", TR_FIELD_UINT },
    [TR_FIELD_POOL_SPAN] = { "pool.span", TR_FIELD_TIME },
    [TR_FIELD_POOL_CYCLE] = { "pool.cycle", TR_FIELD_TIME },
    [TR_FIELD_POOL_PER_SECOND] = { "pool.per_second", TR_FIELD_UINT },
    [TR_FIELD_POOL_PORTS_NEEDED] = { "pool.ports_needed", TR_FIELD_UINT },
    [TR_FIELD_POOL_ADDRESSES_NEEDED] = { "pool.addresses_needed", TR_FIELD_UINT },
    [TR_FIELD_LOOP_CYCLES] = { "loop.cycles", TR_FIELD_UINT },
    [TR_FIELD_LOOP_BEGAN] = { "loop.began", TR_FIELD_FRAME },
    [TR_FIELD_LOOP_OPEN] = { "loop.open", TR_FIELD_FLAG },
    [TR_FIELD_ECN_REFUSED_SYN] = { "ecn.refused_syn", TR_FIELD_FRAME },
    [TR_FIELD_ECN_FAILED_SYN] = { "ecn.failed_syn", TR_FIELD_FRAME },
    [TR_FIELD_ECN_FAILED_RST] = { "ecn.failed_rst", TR_FIELD_FRAME },
    [TR_FIELD_ECN_RETRY_SYN] = { "ecn.retry_syn", TR_FIELD_FRAME },
    [TR_FIELD_TABLE_FULL] = { "table_full", TR_FIELD_FLAG },
    [TR_FIELD_CLOCK_TABLE_FULL] = { "clock_table_full", TR_FIELD_FLAG },
    [TR_FIELD_POOL_TABLE_FULL] = { "pool_table_full", TR_FIELD_FLAG },
    [TR_FIELD_ECN_TABLE_FULL] = { "ecn_table_full", TR_FIELD_FLAG },
};

const char *tr_field_name(tr_field_id id)
{
    return id < TR_FIELD_COUNT ? field_table[id].name : "";
}

tr_field_type tr_field_type_of(tr_field_id id)
{
    return id < TR_FIELD_COUNT ? field_table[id].type : TR_FIELD_UINT;
}

const char tr_text_truncated[] = "TCP header truncated: tcpreuse skipped this frame";
const char tr_text_malformed[] = "TCP/IP header malformed: tcpreuse skipped this frame";

bool tr_loop_shown_open(const tr_finding *f, bool capture_read)
{
    return f->rst.present && f->loop.open && capture_read;
}

/* One visit: where the fields go. */
typedef struct visit {
    const tr_finding_visitor *v;
    void *ctx;
} visit;

static void number(const visit *s, tr_field_id id, uint32_t value)
{
    s->v->field(s->ctx, &(tr_field_value){ .id = id, .as.number = value });
}

/* Frame number 0 means "none" in a finding. */
static void frame(const visit *s, tr_field_id id, uint32_t value)
{
    if (value)
        number(s, id, value);
}

static void span(const visit *s, tr_field_id id, int64_t ns)
{
    s->v->field(s->ctx, &(tr_field_value){ .id = id, .as.ns = ns });
}

static void string(const visit *s, tr_field_id id, const char *value)
{
    s->v->field(s->ctx, &(tr_field_value){ .id = id, .as.string = value });
}

static void flag(const visit *s, tr_field_id id, bool on)
{
    if (on)
        s->v->field(s->ctx, &(tr_field_value){ .id = id });
}

static void begin(const visit *s, tr_group group, const char *text)
{
    s->v->group_begins(s->ctx, group, text);
}

static void end(const visit *s, tr_group group, const char *text)
{
    s->v->group_ends(s->ctx, group, text);
}

static void visit_reuse(const visit *s, const tr_reuse_finding *r)
{
    char text[TEXT_LEN];
    tr_describe_reuse(r, text, sizeof text);
    begin(s, TR_GROUP_REUSE, text);
    frame(s, TR_FIELD_PREV_SESSION, r->prev_session);
    frame(s, TR_FIELD_PREV_CLOSE, r->prev_close);
    if (r->prev_close)
        span(s, TR_FIELD_SINCE_CLOSE, r->since_close_ns);
    if (r->port_reuse_interval_ns >= 0)
        span(s, TR_FIELD_PORT_REUSE_INTERVAL, r->port_reuse_interval_ns);
    string(s, TR_FIELD_TW_HOLDER, tr_tw_holder_name(r->tw_holder));
    flag(s, TR_FIELD_SYN_REUSES_TW, r->syn_reuses_tw);
    flag(s, TR_FIELD_SYN_REUSES_OPEN, r->syn_reuses_open);
    flag(s, TR_FIELD_SYN_REUSES_FIN_WAIT2, r->syn_reuses_fin_wait2);
    /* The numbers the verdict compared: shown once, with the FIN_WAIT2 or the TIME_WAIT
     * verdict (the server holds one or the other). */
    bool numbers_shown = false;
    if (r->syn_reuses_fin_wait2) {
        frame(s, TR_FIELD_FIN_WAIT2_SINCE, r->fw2_since);
        span(s, TR_FIELD_FIN_WAIT2_LEFT, r->fw2_left_ns);
        if (r->fw2_verdict != TR_FW2_NONE)
            string(s, TR_FIELD_FIN_WAIT2_VERDICT, tr_fw2_verdict_name(r->fw2_verdict));
        if (r->fw2_verdict != TR_FW2_NONE || !r->verdict_unknown) {
            number(s, TR_FIELD_SYN_SEQ, r->syn_seq);
            number(s, TR_FIELD_OLD_RCV_NXT, r->old_rcv_nxt);
            numbers_shown = true;
        }
        if (r->old_rcv_wnd)
            number(s, TR_FIELD_OLD_RCV_WND, r->old_rcv_wnd);
    }
    flag(s, TR_FIELD_TW_MAY_LINGER, r->tw_may_linger);
    if (r->syn_reuses_tw)
        span(s, TR_FIELD_TW_LEFT, r->tw_left_ns);
    frame(s, TR_FIELD_TW_RESTARTED_BY, r->tw_restarted_by);
    frame(s, TR_FIELD_TW_KILLED_BY, r->tw_killed_by);
    frame(s, TR_FIELD_TW_TAKEN_BY, r->tw_taken_by);
    flag(s, TR_FIELD_TW_VERDICT_UNKNOWN, r->verdict_unknown);
    if (r->tw_verdict != TR_VERDICT_NONE) {
        string(s, TR_FIELD_TW_VERDICT, tr_tw_verdict_name(r->tw_verdict));
        if (!numbers_shown) {
            number(s, TR_FIELD_SYN_SEQ, r->syn_seq);
            number(s, TR_FIELD_OLD_RCV_NXT, r->old_rcv_nxt);
        }
    }
    if (r->syn_has_ts && r->old_has_ts) {
        number(s, TR_FIELD_SYN_TSVAL, r->syn_tsval);
        number(s, TR_FIELD_OLD_TS_RECENT, r->old_ts_recent);
    }
    end(s, TR_GROUP_REUSE, text);
}

static void visit_answer(const visit *s, const tr_answer_finding *a)
{
    char text[TEXT_LEN];
    tr_describe_answer(a, text, sizeof text);
    begin(s, TR_GROUP_ANSWER, text);
    frame(s, TR_FIELD_ANSWERS_SYN, a->answers_syn);
    string(s, TR_FIELD_ANSWER_KIND, tr_answer_kind_name(a->kind));
    span(s, TR_FIELD_ANSWER_DELAY, a->delay_ns);
    end(s, TR_GROUP_ANSWER, text);
}

static void visit_stale_ack(const visit *s, const tr_stale_ack_finding *a)
{
    char text[TEXT_LEN];
    tr_describe_stale_ack(a, text, sizeof text);
    begin(s, TR_GROUP_STALE_ACK, text);
    flag(s, TR_FIELD_STALE_ACK, true);
    string(s, TR_FIELD_STALE_ACK_KIND, tr_stale_kind_name(a->kind));
    number(s, TR_FIELD_STALE_ACK_SEQ, a->seq);
    number(s, TR_FIELD_STALE_ACK_ACK, a->ack);
    number(s, TR_FIELD_STALE_ACK_SYN_ISN, a->syn_isn);
    if (a->old_session) {
        frame(s, TR_FIELD_STALE_ACK_SESSION, a->old_session);
        frame(s, TR_FIELD_STALE_ACK_CLOSE, a->old_close);
        number(s, TR_FIELD_STALE_ACK_OLD_SND_NXT, a->old_snd_nxt);
        number(s, TR_FIELD_STALE_ACK_OLD_RCV_NXT, a->old_rcv_nxt);
        if (a->old_close)
            span(s, TR_FIELD_STALE_ACK_SINCE_CLOSE, a->since_close_ns);
    }
    flag(s, TR_FIELD_STALE_ACK_BEYOND_TIME_WAIT, a->beyond_time_wait);
    end(s, TR_GROUP_STALE_ACK, text);
}

static void visit_rst(const visit *s, const tr_rst_finding *r)
{
    char text[TEXT_LEN];
    tr_describe_rst(r, text, sizeof text);
    begin(s, TR_GROUP_RST, text);
    string(s, TR_FIELD_RST_CAUSE, tr_rst_cause_name(r->cause));
    frame(s, TR_FIELD_RST_TRIGGER, r->trigger);
    number(s, TR_FIELD_RST_SEQ, r->seq);
    if (r->cause == TR_RST_ABORT)
        number(s, TR_FIELD_RST_OUTSTANDING, r->outstanding);
    flag(s, TR_FIELD_RST_KILLS_TIME_WAIT, r->kills_time_wait);
    frame(s, TR_FIELD_RST_ENDS_SESSION, r->ends_session);
    flag(s, TR_FIELD_RST_IGNORED_IN_SYN_SENT, r->ignored_in_syn_sent);
    if (r->cause == TR_RST_INJECTED) {
        string(s, TR_FIELD_RST_WOULD_BE, tr_rst_cause_name(r->would_be));
        number(s, TR_FIELD_RST_INJECTION_TTL, r->ttl);
        if (r->evidence & TR_INJECT_TTL)
            number(s, TR_FIELD_RST_INJECTION_SENDER_TTL, r->sender_ttl);
        if (r->evidence & TR_INJECT_IP_ID)
            frame(s, TR_FIELD_RST_INJECTION_IP_ID_OF, r->ip_id_of);
        if (r->evidence & TR_INJECT_TSECR)
            number(s, TR_FIELD_RST_INJECTION_TSECR, r->tsecr);
        frame(s, TR_FIELD_RST_INJECTION_CONTRADICTED_BY, r->contradicted_by);
    }
    string(s, TR_FIELD_RST_SENDER_ROLE, tr_role_name(r->sender_role));
    frame(s, TR_FIELD_RST_CONNECTION, r->connection);
    flag(s, TR_FIELD_RST_FIRST, r->first);
    end(s, TR_GROUP_RST, text);
}

static void visit_clock(const visit *s, const tr_clock_finding *c)
{
    char text[TEXT_LEN];
    tr_describe_clock(c, text, sizeof text);
    begin(s, TR_GROUP_CLOCK, text);
    flag(s, TR_FIELD_TS_REGRESS, c->regress);
    if (c->regress) {
        number(s, TR_FIELD_TS_NEWEST_TSVAL, c->newest_tsval);
        frame(s, TR_FIELD_TS_NEWEST_FRAME, c->newest_frame);
    }
    if (c->clocks > 1)
        number(s, TR_FIELD_TS_CLOCKS, c->clocks);
    flag(s, TR_FIELD_TS_RANDOM_OFFSETS, c->random_offsets);
    end(s, TR_GROUP_CLOCK, text);
}

static void visit_pool(const visit *s, const tr_pool_finding *p)
{
    char text[TEXT_LEN];
    tr_describe_pool(p, text, sizeof text);
    begin(s, TR_GROUP_POOL, text);
    number(s, TR_FIELD_POOL_SYNS, p->syns);
    number(s, TR_FIELD_POOL_PORTS, p->ports);
    number(s, TR_FIELD_POOL_PORT_MIN, p->port_min);
    number(s, TR_FIELD_POOL_PORT_MAX, p->port_max);
    span(s, TR_FIELD_POOL_SPAN, p->span_ns);
    if (p->cycle_ns)
        span(s, TR_FIELD_POOL_CYCLE, p->cycle_ns);
    number(s, TR_FIELD_POOL_PER_SECOND, p->per_second);
    number(s, TR_FIELD_POOL_PORTS_NEEDED, p->ports_needed);
    number(s, TR_FIELD_POOL_ADDRESSES_NEEDED, p->addresses_needed);
    end(s, TR_GROUP_POOL, text);
}

static void visit_loop(const visit *s, const tr_finding *f, bool show_open)
{
    char text[TEXT_LEN];
    tr_describe_loop(&f->loop, f->rst.present, show_open, text, sizeof text);
    begin(s, TR_GROUP_LOOP, text);
    number(s, TR_FIELD_LOOP_CYCLES, f->loop.cycles);
    frame(s, TR_FIELD_LOOP_BEGAN, f->loop.began);
    flag(s, TR_FIELD_LOOP_OPEN, show_open);
    end(s, TR_GROUP_LOOP, text);
}

static void visit_ecn(const visit *s, const tr_ecn_finding *e)
{
    char text[TEXT_LEN];
    tr_describe_ecn(e, text, sizeof text);
    begin(s, TR_GROUP_ECN, text);
    frame(s, TR_FIELD_ECN_REFUSED_SYN, e->refused_syn);
    frame(s, TR_FIELD_ECN_FAILED_SYN, e->failed_syn);
    frame(s, TR_FIELD_ECN_FAILED_RST, e->failed_rst);
    frame(s, TR_FIELD_ECN_RETRY_SYN, e->retry_syn);
    end(s, TR_GROUP_ECN, text);
}

/* A copy or an implausible segment carries nothing else. */
static void visit_not_analysed(const visit *s, const tr_finding *f)
{
    char text[TEXT_LEN];
    tr_describe_not_analysed(f, text, sizeof text);
    begin(s, TR_GROUP_NOT_ANALYSED, text);
    frame(s, TR_FIELD_DUPLICATE_OF, f->duplicate_of);
    if (f->implausible != TR_PLAUSIBLE)
        string(s, TR_FIELD_IMPLAUSIBLE, tr_implausible_name(f->implausible));
    end(s, TR_GROUP_NOT_ANALYSED, text);
}

uint32_t tr_finding_groups(const tr_finding *f)
{
    return (uint32_t)(f->duplicate_of || f->implausible != TR_PLAUSIBLE) << TR_GROUP_NOT_ANALYSED |
           (uint32_t)f->reuse.present << TR_GROUP_REUSE | (uint32_t)f->answer.present << TR_GROUP_ANSWER |
           (uint32_t)f->stale_ack.present << TR_GROUP_STALE_ACK | (uint32_t)f->rst.present << TR_GROUP_RST |
           (uint32_t)f->clock.present << TR_GROUP_CLOCK | (uint32_t)f->pool.present << TR_GROUP_POOL |
           (uint32_t)(f->loop.cycles != 0) << TR_GROUP_LOOP |
           (uint32_t)(f->ecn.refused_syn || f->ecn.failed_syn) << TR_GROUP_ECN;
}

static void visit_group(const visit *s, const tr_finding *f, tr_group group, bool capture_read)
{
    switch (group) {
    case TR_GROUP_NOT_ANALYSED:
        visit_not_analysed(s, f);
        break;
    case TR_GROUP_REUSE:
        visit_reuse(s, &f->reuse);
        break;
    case TR_GROUP_ANSWER:
        visit_answer(s, &f->answer);
        break;
    case TR_GROUP_STALE_ACK:
        visit_stale_ack(s, &f->stale_ack);
        break;
    case TR_GROUP_RST:
        visit_rst(s, &f->rst);
        break;
    case TR_GROUP_CLOCK:
        visit_clock(s, &f->clock);
        break;
    case TR_GROUP_POOL:
        visit_pool(s, &f->pool);
        break;
    case TR_GROUP_LOOP:
        visit_loop(s, f, tr_loop_shown_open(f, capture_read));
        break;
    case TR_GROUP_ECN:
        visit_ecn(s, &f->ecn);
        break;
    }
}

void tr_visit_finding(const tr_finding *f, const tr_visit_options *opt, const tr_finding_visitor *v, void *ctx)
{
    visit s = { .v = v, .ctx = ctx };
    uint32_t groups = tr_finding_groups(f);
    /* The tags again as a field of their own: a column of them is not cut off at the end
     * of a long Info text. */
    if (opt->tags && opt->tags[0])
        string(&s, TR_FIELD_TAGS, opt->tags);
    if (groups & TR_GROUP_BIT(TR_GROUP_NOT_ANALYSED))
        visit_group(&s, f, TR_GROUP_NOT_ANALYSED, opt->capture_read);
    frame(&s, TR_FIELD_RETRANSMIT_OF, f->syn.retransmit_of);
    frame(&s, TR_FIELD_SYN_ANSWERED_BY, f->syn.answered_by);
    if (f->syn.answer_kind != TR_ANSWER_NONE)
        string(&s, TR_FIELD_SYN_ANSWER_KIND, tr_answer_kind_name(f->syn.answer_kind));
    for (tr_group g = TR_GROUP_NOT_ANALYSED + 1; g < TR_GROUP_COUNT; g++)
        if (groups & TR_GROUP_BIT(g))
            visit_group(&s, f, g, opt->capture_read);
    /* Each memory bound is said once, on the frame where its table first refused or evicted. */
    flag(&s, TR_FIELD_TABLE_FULL, f->table_full);
    flag(&s, TR_FIELD_CLOCK_TABLE_FULL, f->clock_table_full);
    flag(&s, TR_FIELD_POOL_TABLE_FULL, f->pool_table_full);
    flag(&s, TR_FIELD_ECN_TABLE_FULL, f->ecn_table_full);
}
