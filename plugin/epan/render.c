/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: draw a frame note as tree items, expert infos and Info column tags.
 *
 * Every item is derived, so all are marked generated and given no bytes. Each subtree's label
 * and each expert message is the engine's describe text, which names its evidence.
 */
#include "render.h"

#include <epan/expert.h>
#include <epan/tap.h>

#include "fields.h"
#include "tcpreuse/describe.h"

#define TEXT_LEN 256 /* labels are cut at ITEM_LABEL_LENGTH (240) anyway */

static void add_uint(proto_tree *t, int hf, tvbuff_t *tvb, uint32_t value)
{
    proto_item_set_generated(proto_tree_add_uint(t, hf, tvb, 0, 0, value));
}

/* Frame number 0 means "none" in a finding. */
static void add_frame(proto_tree *t, int hf, tvbuff_t *tvb, uint32_t frame)
{
    if (frame)
        add_uint(t, hf, tvb, frame);
}

static void add_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *value)
{
    proto_item_set_generated(proto_tree_add_string(t, hf, tvb, 0, 0, value));
}

/* Boolean findings appear only where they hold, so `-Y tcpreuse.<flag>` selects exactly those frames. */
static void add_flag(proto_tree *t, int hf, tvbuff_t *tvb, bool on)
{
    if (on)
        proto_item_set_generated(proto_tree_add_boolean(t, hf, tvb, 0, 0, TRUE));
}

static void add_time(proto_tree *t, int hf, tvbuff_t *tvb, int64_t ns)
{
    /* C division truncates toward zero, so seconds and nanoseconds share the sign, which is
     * how Wireshark represents a negative relative time. */
    nstime_t span = { .secs = (time_t)(ns / 1000000000), .nsecs = (int)(ns % 1000000000) };
    proto_item_set_generated(proto_tree_add_time(t, hf, tvb, 0, 0, &span));
}

static proto_tree *add_group(proto_tree *parent, tvbuff_t *tvb, gint ett, const char *label, proto_item **item)
{
    proto_tree *t = proto_tree_add_subtree(parent, tvb, 0, 0, ett, item, label);
    proto_item_set_generated(*item);
    return t;
}

/* Drawing for one finding: where, and whether anyone looks at the texts (see tr_render). */
typedef struct render_ctx {
    tvbuff_t *tvb;
    packet_info *pinfo;
    proto_item *top_item;
    proto_tree *top;
    bool detailed;
} render_ctx;

/* Nobody looks at the texts: a block's expert info is added with its registered summary only,
 * so that the frame's severity (Expert column, the highest of the capture) is the same, and no
 * text or item is built. True when the block is done. */
static bool summary_only(const render_ctx *c, expert_field *ei)
{
    if (c->detailed)
        return false;
    if (ei)
        expert_add_info(c->pinfo, c->top_item, ei);
    return true;
}

static expert_field *reuse_expert(const tr_reuse_finding *r)
{
    if (r->syn_reuses_fin_wait2)
        return &tr_ei.syn_reuses_fin_wait2;
    if (r->syn_reuses_open)
        return &tr_ei.syn_reuses_open;
    if (!r->syn_reuses_tw)
        return &tr_ei.reuse;
    switch (r->tw_verdict) {
    case TR_VERDICT_REJECT_PAWS:
        return &tr_ei.tw_reject_paws;
    case TR_VERDICT_REJECT_SEQ:
        return &tr_ei.tw_reject_seq;
    case TR_VERDICT_ACCEPT_SEQ:
    case TR_VERDICT_ACCEPT_TS:
        return &tr_ei.tw_accept;
    case TR_VERDICT_NONE:
        break;
    }
    return &tr_ei.syn_in_time_wait; /* only the client holds it: the server has no state */
}

static void render_reuse(const render_ctx *c, const tr_reuse_finding *r)
{
    if (summary_only(c, reuse_expert(r)))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.reuse, tr_describe_reuse(r, text, sizeof text), &item);

    add_frame(t, tr_hf.prev_session, tvb, r->prev_session);
    add_frame(t, tr_hf.prev_close, tvb, r->prev_close);
    if (r->prev_close)
        add_time(t, tr_hf.since_close, tvb, r->since_close_ns);
    if (r->port_reuse_interval_ns >= 0)
        add_time(t, tr_hf.port_reuse_interval, tvb, r->port_reuse_interval_ns);
    add_string(t, tr_hf.tw_holder, tvb, tr_tw_holder_name(r->tw_holder));
    add_flag(t, tr_hf.syn_reuses_tw, tvb, r->syn_reuses_tw);
    add_flag(t, tr_hf.syn_reuses_open, tvb, r->syn_reuses_open);
    add_flag(t, tr_hf.syn_reuses_fin_wait2, tvb, r->syn_reuses_fin_wait2);
    if (r->syn_reuses_fin_wait2) {
        add_frame(t, tr_hf.fin_wait2_since, tvb, r->fw2_since);
        add_time(t, tr_hf.fin_wait2_left, tvb, r->fw2_left_ns);
        if (r->fw2_verdict != TR_FW2_NONE)
            add_string(t, tr_hf.fin_wait2_verdict, tvb, tr_fw2_verdict_name(r->fw2_verdict));
        if (r->fw2_verdict != TR_FW2_NONE || !r->verdict_unknown) {
            add_uint(t, tr_hf.syn_seq, tvb, r->syn_seq);
            add_uint(t, tr_hf.old_rcv_nxt, tvb, r->old_rcv_nxt);
        }
        if (r->old_rcv_wnd)
            add_uint(t, tr_hf.old_rcv_wnd, tvb, r->old_rcv_wnd);
    }
    add_flag(t, tr_hf.tw_may_linger, tvb, r->tw_may_linger);
    if (r->syn_reuses_tw)
        add_time(t, tr_hf.tw_left, tvb, r->tw_left_ns);
    add_frame(t, tr_hf.tw_restarted_by, tvb, r->tw_restarted_by);
    add_frame(t, tr_hf.tw_killed_by, tvb, r->tw_killed_by);
    add_frame(t, tr_hf.tw_taken_by, tvb, r->tw_taken_by);
    add_flag(t, tr_hf.tw_verdict_unknown, tvb, r->verdict_unknown);
    if (r->tw_verdict != TR_VERDICT_NONE) {
        add_string(t, tr_hf.tw_verdict, tvb, tr_tw_verdict_name(r->tw_verdict));
        add_uint(t, tr_hf.syn_seq, tvb, r->syn_seq);
        add_uint(t, tr_hf.old_rcv_nxt, tvb, r->old_rcv_nxt);
    }
    if (r->syn_has_ts && r->old_has_ts) {
        add_uint(t, tr_hf.syn_tsval, tvb, r->syn_tsval);
        add_uint(t, tr_hf.old_ts_recent, tvb, r->old_ts_recent);
    }

    expert_add_info_format(c->pinfo, item, reuse_expert(r), "%s", text);
}

static void render_answer(const render_ctx *c, const tr_answer_finding *a)
{
    if (summary_only(c, NULL))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.answer, tr_describe_answer(a, text, sizeof text), &item);

    add_frame(t, tr_hf.answers_syn, tvb, a->answers_syn);
    add_string(t, tr_hf.answer_kind, tvb, tr_answer_kind_name(a->kind));
    add_time(t, tr_hf.answer_delay, tvb, a->delay_ns);
}

static void render_stale_ack(const render_ctx *c, const tr_stale_ack_finding *s)
{
    if (summary_only(c, &tr_ei.stale_ack))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.stale_ack, tr_describe_stale_ack(s, text, sizeof text), &item);

    add_flag(t, tr_hf.stale_ack, tvb, true);
    add_string(t, tr_hf.stale_ack_kind, tvb, tr_stale_kind_name(s->kind));
    add_uint(t, tr_hf.stale_ack_seq, tvb, s->seq);
    add_uint(t, tr_hf.stale_ack_ack, tvb, s->ack);
    add_uint(t, tr_hf.stale_ack_syn_isn, tvb, s->syn_isn);
    if (s->old_session) {
        add_frame(t, tr_hf.stale_ack_session, tvb, s->old_session);
        add_frame(t, tr_hf.stale_ack_close, tvb, s->old_close);
        add_uint(t, tr_hf.stale_ack_old_snd_nxt, tvb, s->old_snd_nxt);
        add_uint(t, tr_hf.stale_ack_old_rcv_nxt, tvb, s->old_rcv_nxt);
        if (s->old_close)
            add_time(t, tr_hf.stale_ack_since_close, tvb, s->since_close_ns);
    }
    add_flag(t, tr_hf.stale_ack_beyond_time_wait, tvb, s->beyond_time_wait);

    expert_add_info_format(c->pinfo, item, &tr_ei.stale_ack, "%s", text);
}

static expert_field *rst_expert(tr_rst_cause cause)
{
    switch (cause) {
    case TR_RST_STALE_ACK:
        return &tr_ei.rst_stale_ack;
    case TR_RST_REFUSED:
        return &tr_ei.rst_refused;
    case TR_RST_FIN_WAIT2:
        return &tr_ei.rst_fin_wait2;
    case TR_RST_ABORT:
        return &tr_ei.rst_abort;
    case TR_RST_AFTER_CLOSE:
        return &tr_ei.rst_after_close;
    case TR_RST_NO_SOCKET:
        return &tr_ei.rst_no_socket;
    case TR_RST_INJECTED:
        return &tr_ei.rst_injected;
    case TR_RST_NONE:
    case TR_RST_UNKNOWN:
        break;
    }
    return &tr_ei.rst_unknown;
}

static void render_rst(const render_ctx *c, const tr_rst_finding *r)
{
    if (summary_only(c, rst_expert(r->cause)))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.rst, tr_describe_rst(r, text, sizeof text), &item);

    add_string(t, tr_hf.rst_cause, tvb, tr_rst_cause_name(r->cause));
    add_frame(t, tr_hf.rst_trigger, tvb, r->trigger);
    add_uint(t, tr_hf.rst_seq, tvb, r->seq);
    if (r->cause == TR_RST_ABORT)
        add_uint(t, tr_hf.rst_outstanding, tvb, r->outstanding);
    add_flag(t, tr_hf.rst_kills_time_wait, tvb, r->kills_time_wait);
    add_frame(t, tr_hf.rst_ends_session, tvb, r->ends_session);
    add_flag(t, tr_hf.rst_ignored, tvb, r->ignored_in_syn_sent);
    if (r->cause == TR_RST_INJECTED) {
        add_string(t, tr_hf.rst_would_be, tvb, tr_rst_cause_name(r->would_be));
        add_uint(t, tr_hf.rst_injection_ttl, tvb, r->ttl);
        if (r->evidence & TR_INJECT_TTL)
            add_uint(t, tr_hf.rst_injection_sender_ttl, tvb, r->sender_ttl);
        if (r->evidence & TR_INJECT_IP_ID)
            add_frame(t, tr_hf.rst_injection_ip_id_of, tvb, r->ip_id_of);
        if (r->evidence & TR_INJECT_TSECR)
            add_uint(t, tr_hf.rst_injection_tsecr, tvb, r->tsecr);
        add_frame(t, tr_hf.rst_injection_contradicted_by, tvb, r->contradicted_by);
    }
    add_string(t, tr_hf.rst_sender_role, tvb, tr_role_name(r->sender_role));
    add_frame(t, tr_hf.rst_connection, tvb, r->connection);
    add_flag(t, tr_hf.rst_first, tvb, r->first);

    expert_add_info_format(c->pinfo, item, rst_expert(r->cause), "%s", text);
}

static void render_clock(const render_ctx *ctx, const tr_clock_finding *c)
{
    expert_field *regress = c->regress ? &tr_ei.ts_regress : NULL;
    expert_field *offsets = c->random_offsets ? &tr_ei.ts_random_offsets : NULL;
    if (summary_only(ctx, regress) && summary_only(ctx, offsets))
        return;
    tvbuff_t *tvb = ctx->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(ctx->top, tvb, tr_ett.clock, tr_describe_clock(c, text, sizeof text), &item);

    add_flag(t, tr_hf.ts_regress, tvb, c->regress);
    if (c->regress) {
        add_uint(t, tr_hf.ts_newest_tsval, tvb, c->newest_tsval);
        add_frame(t, tr_hf.ts_newest_frame, tvb, c->newest_frame);
    }
    if (c->clocks > 1)
        add_uint(t, tr_hf.ts_clocks, tvb, c->clocks);
    add_flag(t, tr_hf.ts_random_offsets, tvb, c->random_offsets);

    if (regress)
        expert_add_info_format(ctx->pinfo, item, regress, "%s", text);
    if (offsets)
        expert_add_info_format(ctx->pinfo, item, offsets, "%s", text);
}

static void render_pool(const render_ctx *c, const tr_pool_finding *p)
{
    expert_field *too_small = p->addresses_needed > 1 ? &tr_ei.pool_too_small : NULL;
    if (summary_only(c, too_small))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.pool, tr_describe_pool(p, text, sizeof text), &item);

    add_uint(t, tr_hf.pool_syns, tvb, p->syns);
    add_uint(t, tr_hf.pool_ports, tvb, p->ports);
    add_uint(t, tr_hf.pool_port_min, tvb, p->port_min);
    add_uint(t, tr_hf.pool_port_max, tvb, p->port_max);
    add_time(t, tr_hf.pool_span, tvb, p->span_ns);
    if (p->cycle_ns)
        add_time(t, tr_hf.pool_cycle, tvb, p->cycle_ns);
    add_uint(t, tr_hf.pool_per_second, tvb, p->per_second);
    add_uint(t, tr_hf.pool_ports_needed, tvb, p->ports_needed);
    add_uint(t, tr_hf.pool_addresses_needed, tvb, p->addresses_needed);

    if (too_small)
        expert_add_info_format(c->pinfo, item, too_small, "%s", text);
}

/* Whether a loop is left open is known once the capture has been read: from the second
 * pass on (tshark -2, the GUI once the file is loaded), never in a single pass. */
static void render_loop(const render_ctx *c, const tr_finding *f)
{
    bool show_open = f->rst.present && f->loop.open && PINFO_FD_VISITED(c->pinfo);
    if (summary_only(c, show_open ? &tr_ei.loop_open : NULL))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.loop,
                              tr_describe_loop(&f->loop, f->rst.present, show_open, text, sizeof text), &item);

    add_uint(t, tr_hf.loop_cycles, tvb, f->loop.cycles);
    add_frame(t, tr_hf.loop_began, tvb, f->loop.began);
    add_flag(t, tr_hf.loop_open, tvb, show_open);

    if (show_open)
        expert_add_info_format(c->pinfo, item, &tr_ei.loop_open, "%s", text);
}

static void render_ecn(const render_ctx *c, const tr_ecn_finding *e)
{
    expert_field *ei = e->failed_syn ? &tr_ei.ecn_fallback : &tr_ei.ecn_refused;
    if (summary_only(c, ei))
        return;
    tvbuff_t *tvb = c->tvb;
    char text[TEXT_LEN];
    proto_item *item;
    proto_tree *t = add_group(c->top, tvb, tr_ett.ecn, tr_describe_ecn(e, text, sizeof text), &item);

    add_frame(t, tr_hf.ecn_refused_syn, tvb, e->refused_syn);
    add_frame(t, tr_hf.ecn_failed_syn, tvb, e->failed_syn);
    add_frame(t, tr_hf.ecn_failed_rst, tvb, e->failed_rst);
    add_frame(t, tr_hf.ecn_retry_syn, tvb, e->retry_syn);

    expert_add_info_format(c->pinfo, item, ei, "%s", text);
}

/* A copy or an implausible segment carries nothing else. */
static void render_not_analysed(const render_ctx *c, const tr_finding *f)
{
    expert_field *ei = f->implausible != TR_PLAUSIBLE ? &tr_ei.implausible : NULL;
    if (summary_only(c, ei))
        return;
    tvbuff_t *tvb = c->tvb;
    proto_item *top_item = c->top_item;
    proto_tree *top = c->top;
    char text[TEXT_LEN];
    tr_describe_not_analysed(f, text, sizeof text);
    proto_item_append_text(top_item, " (%s)", text);
    add_frame(top, tr_hf.duplicate_of, tvb, f->duplicate_of);
    if (f->implausible != TR_PLAUSIBLE) {
        add_string(top, tr_hf.implausible, tvb, tr_implausible_name(f->implausible));
        expert_add_info_format(c->pinfo, top_item, ei, "%s", text);
    }
}

static void render_syn(tvbuff_t *tvb, proto_tree *top, const tr_syn_finding *s)
{
    add_frame(top, tr_hf.retransmit_of, tvb, s->retransmit_of);
    add_frame(top, tr_hf.syn_answered_by, tvb, s->answered_by);
    if (s->answer_kind != TR_ANSWER_NONE)
        add_string(top, tr_hf.syn_answer_kind, tvb, tr_answer_kind_name(s->answer_kind));
}

static void render_finding(const render_ctx *c, const tr_finding *f)
{
    tvbuff_t *tvb = c->tvb;
    proto_tree *top = c->top;
    char tags[TEXT_LEN];
    tr_describe_info_tags(f, tags, sizeof tags);
    /* The tags again as a field of their own: a column of them is not cut off at the end
     * of a long Info text. */
    if (tags[0] && c->detailed)
        add_string(top, tr_hf.tags, tvb, tags);

    if (f->duplicate_of || f->implausible != TR_PLAUSIBLE)
        render_not_analysed(c, f);
    if (c->detailed)
        render_syn(tvb, top, &f->syn);
    if (f->reuse.present)
        render_reuse(c, &f->reuse);
    if (f->answer.present)
        render_answer(c, &f->answer);
    if (f->stale_ack.present)
        render_stale_ack(c, &f->stale_ack);
    if (f->rst.present)
        render_rst(c, &f->rst);
    if (f->clock.present)
        render_clock(c, &f->clock);
    if (f->pool.present)
        render_pool(c, &f->pool);
    if (f->loop.cycles)
        render_loop(c, f);
    if (f->ecn.refused_syn || f->ecn.failed_syn)
        render_ecn(c, &f->ecn);
    /* Each memory bound is said once, on the frame where its table first refused or evicted. */
    if (c->detailed) {
        add_flag(top, tr_hf.table_full, tvb, f->table_full);
        add_flag(top, tr_hf.clock_table_full, tvb, f->clock_table_full);
        add_flag(top, tr_hf.pool_table_full, tvb, f->pool_table_full);
        add_flag(top, tr_hf.ecn_table_full, tvb, f->ecn_table_full);
    }
    if (f->table_full)
        expert_add_info(c->pinfo, c->top_item, &tr_ei.table_full);
    if (f->clock_table_full)
        expert_add_info(c->pinfo, c->top_item, &tr_ei.clock_table_full);
    if (f->pool_table_full)
        expert_add_info(c->pinfo, c->top_item, &tr_ei.pool_table_full);
    if (f->ecn_table_full)
        expert_add_info(c->pinfo, c->top_item, &tr_ei.ecn_table_full);

    if (tags[0]) {
        /* Columns start empty on every dissection, so appending once per pass cannot repeat. */
        col_append_sep_str(c->pinfo->cinfo, COL_INFO, " ", tags);
        if (c->detailed)
            proto_item_append_text(c->top_item, ": %s", tags);
    }
}

/* Whether anyone looks at tcpreuse's items and texts on this dissection: a visible tree (-V,
 * PDML, the GUI's details), a tcpreuse field in a filter, a column, a colouring rule or -e
 * (proto_field_is_referenced() sees both), or its expert infos' texts (an expert tap: tshark
 * -z expert, the GUI's Expert Information; a filter on _ws.expert). Otherwise only the Info
 * tags and each expert info's severity are drawn: the same output at a fraction of the cost. */
static bool texts_wanted(proto_tree *tree, int proto)
{
    static int expert_tap = -2, expert_proto = -2;
    if (expert_tap == -2)
        expert_tap = find_tap_id("expert");
    if (expert_proto == -2)
        expert_proto = proto_registrar_get_id_byname("_ws.expert");
    return proto_field_is_referenced(tree, proto) || (expert_tap >= 0 && have_tap_listener(expert_tap)) ||
           (expert_proto >= 0 && proto_field_is_referenced(tree, expert_proto));
}

void tr_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto, const tr_frame_note *note)
{
    /* The engine may hold a clock hint back, or withdraw it, after storing the finding
     * (see clock_tracker.h): a finding can have nothing to show. */
    if (note->finding && !tr_finding_has_any(note->finding))
        return;
    proto_item *top_item = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_tree *top = proto_item_add_subtree(top_item, tr_ett.top);

    switch (note->skipped) {
    case TR_EXTRACT_TRUNCATED:
        expert_add_info(pinfo, top_item, &tr_ei.truncated);
        return;
    case TR_EXTRACT_MALFORMED:
        expert_add_info(pinfo, top_item, &tr_ei.malformed);
        return;
    case TR_EXTRACT_NONE:
    case TR_EXTRACT_SEGMENT:
        break;
    }
    render_ctx c = {
        .tvb = tvb, .pinfo = pinfo, .top_item = top_item, .top = top, .detailed = texts_wanted(tree, proto),
    };
    render_finding(&c, note->finding);
}
