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
#define MAX_EXPERTS 16 /* a frame's: at most 2 a group (9 groups) and 4 tables full */

/* Drawing for one finding: where, and whether anyone looks at the texts (see tr_render). */
typedef struct render_ctx {
    tvbuff_t *tvb;
    packet_info *pinfo;
    proto_item *top_item;
    proto_tree *top;
    bool detailed;
    const tr_finding *finding;
    bool loop_open;        /* the loop group says it was left open */
    proto_item *group;     /* the open group's item: its subtree's, or the top's for a copy */
    proto_tree *tree;      /* where fields go: the open group's subtree, or the top */
    bool no_tree;          /* the dissection has no tree at all (tshark -r without a filter) */
    /* Not detailed: the frame's expert infos in the order they came, added at the end (see
     * add_severities) */
    expert_field *experts[MAX_EXPERTS];
    int expert_count;
} render_ctx;

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

/* The expert infos of a group (at most two: a clock can both regress and randomise), in the
 * order they are added; NULL where the group has none. */
static void group_experts(const render_ctx *c, tr_group group, expert_field *ei[2])
{
    const tr_finding *f = c->finding;
    ei[0] = ei[1] = NULL;
    switch (group) {
    case TR_GROUP_NOT_ANALYSED:
        if (f->implausible != TR_PLAUSIBLE)
            ei[0] = &tr_ei.implausible;
        break;
    case TR_GROUP_REUSE:
        ei[0] = reuse_expert(&f->reuse);
        break;
    case TR_GROUP_ANSWER:
        break;
    case TR_GROUP_STALE_ACK:
        ei[0] = &tr_ei.stale_ack;
        break;
    case TR_GROUP_RST:
        ei[0] = rst_expert(f->rst.cause);
        break;
    case TR_GROUP_CLOCK:
        ei[0] = f->clock.regress ? &tr_ei.ts_regress : NULL;
        ei[1] = f->clock.random_offsets ? &tr_ei.ts_random_offsets : NULL;
        break;
    case TR_GROUP_POOL:
        if (f->pool.addresses_needed > 1)
            ei[0] = &tr_ei.pool_too_small;
        break;
    case TR_GROUP_LOOP:
        if (c->loop_open)
            ei[0] = &tr_ei.loop_open;
        break;
    case TR_GROUP_ECN:
        ei[0] = f->ecn.failed_syn ? &tr_ei.ecn_fallback : &tr_ei.ecn_refused;
        break;
    }
}

static gint group_ett(tr_group group)
{
    switch (group) {
    case TR_GROUP_REUSE:
        return tr_ett.reuse;
    case TR_GROUP_ANSWER:
        return tr_ett.answer;
    case TR_GROUP_STALE_ACK:
        return tr_ett.stale_ack;
    case TR_GROUP_RST:
        return tr_ett.rst;
    case TR_GROUP_CLOCK:
        return tr_ett.clock;
    case TR_GROUP_POOL:
        return tr_ett.pool;
    case TR_GROUP_LOOP:
        return tr_ett.loop;
    case TR_GROUP_ECN:
        return tr_ett.ecn;
    case TR_GROUP_NOT_ANALYSED:
        break;
    }
    return tr_ett.top;
}

/* A group is a subtree labelled with its text; a copy or an implausible segment instead says
 * what it is on the top item, and its fields go to the top. */
static void group_begins(void *ctx, tr_group group, const char *text)
{
    render_ctx *c = ctx;
    c->group = c->top_item;
    c->tree = c->top;
    if (group == TR_GROUP_NOT_ANALYSED) {
        proto_item_append_text(c->top_item, " (%s)", text);
        return;
    }
    c->tree = proto_tree_add_subtree(c->top, c->tvb, 0, 0, group_ett(group), &c->group, text);
    proto_item_set_generated(c->group);
}

/* Every item is derived, so all are marked generated and given no bytes. */
static void add_field(void *ctx, const tr_field_value *v)
{
    render_ctx *c = ctx;
    int hf = tr_hf[v->id];
    proto_item *item = NULL;
    switch (tr_field_type_of(v->id)) {
    case TR_FIELD_FRAME:
    case TR_FIELD_UINT:
        item = proto_tree_add_uint(c->tree, hf, c->tvb, 0, 0, v->as.number);
        break;
    case TR_FIELD_TIME: {
        /* C division truncates toward zero, so seconds and nanoseconds share the sign, which
         * is how Wireshark represents a negative relative time. */
        nstime_t span = { .secs = (time_t)(v->as.ns / 1000000000), .nsecs = (int)(v->as.ns % 1000000000) };
        item = proto_tree_add_time(c->tree, hf, c->tvb, 0, 0, &span);
        break;
    }
    case TR_FIELD_STRING:
        item = proto_tree_add_string(c->tree, hf, c->tvb, 0, 0, v->as.string);
        break;
    case TR_FIELD_FLAG:
        item = proto_tree_add_boolean(c->tree, hf, c->tvb, 0, 0, TRUE);
        break;
    }
    proto_item_set_generated(item);
}

/* An expert info without its text: added at once on a detailed dissection, else kept for
 * add_severities(). */
static void note_expert(render_ctx *c, expert_field *ei)
{
    if (c->detailed)
        expert_add_info(c->pinfo, c->top_item, ei);
    else if (c->expert_count < MAX_EXPERTS)
        c->experts[c->expert_count++] = ei;
}

/* When nobody reads the expert infos' texts, what adding them in turn leaves behind is only
 * severities: the capture's highest, and the Expert column's. Each call sets that column
 * unless its item holds a higher severity already (epan/expert.c): on a tree nobody sees, the
 * groups' subtree items are faked (they are the protocol item), so it ends at the highest;
 * without a tree there is no item and the last call wins. One or two calls leave the same,
 * where each costs ~1,000 instructions (an expert tree of five items, a label copied): the
 * highest, then without a tree the last one when it is lower; none when there is no Expert
 * column and the capture has seen that severity already. A malformed-group info (an
 * implausible segment) also hangs a hidden _ws.malformed item under the protocol item: those
 * frames get every call, in order. */
static void add_severities(render_ctx *c)
{
    int highest = -1, at = -1, group, severity, last_severity = 0;
    bool malformed = false;
    for (int i = 0; i < c->expert_count; i++) {
        tr_expert_class(c->experts[i], &group, &severity);
        malformed |= group == PI_MALFORMED;
        if (severity > highest) {
            highest = severity;
            at = i;
        }
        last_severity = severity;
    }
    if (at < 0)
        return;
    if (malformed) {
        for (int i = 0; i < c->expert_count; i++)
            expert_add_info(c->pinfo, c->top_item, c->experts[i]);
        return;
    }
    /* With no Expert column, what is left to leave is the capture's highest severity (the
     * GUI's status bar), once: most flagged frames then need no call at all. */
    if (!col_get_text(c->pinfo->cinfo, COL_EXPERT) && expert_get_highest_severity() >= highest)
        return;
    expert_add_info(c->pinfo, c->top_item, c->experts[at]);
    if (c->no_tree && last_severity < highest)
        expert_add_info(c->pinfo, NULL, c->experts[c->expert_count - 1]);
}

/* A group's expert infos: with its text on its item, or, when nobody looks at the texts
 * (text NULL), noted for add_severities(). */
static void add_group_experts(render_ctx *c, tr_group group, const char *text)
{
    expert_field *ei[2];
    group_experts(c, group, ei);
    for (int i = 0; i < 2; i++) {
        if (!ei[i])
            continue;
        if (text)
            expert_add_info_format(c->pinfo, c->group, ei[i], "%s", text);
        else
            note_expert(c, ei[i]);
    }
}

static void group_ends(void *ctx, tr_group group, const char *text)
{
    render_ctx *c = ctx;
    add_group_experts(c, group, text);
    c->group = c->top_item;
    c->tree = c->top;
}

/* Nobody looks at the texts or fields: only each group's expert infos, in the order the visit
 * would add them (groups in their enum order). */
static void note_group_experts(render_ctx *c, const tr_finding *f)
{
    uint32_t groups = tr_finding_groups(f);
    for (tr_group g = 0; g < TR_GROUP_COUNT; g++)
        if (groups & TR_GROUP_BIT(g))
            add_group_experts(c, g, NULL);
}

static const tr_finding_visitor tree_visitor = {
    .group_begins = group_begins, .field = add_field, .group_ends = group_ends,
};

static void render_finding(render_ctx *c, const tr_finding *f)
{
    char tags[TEXT_LEN];
    tr_describe_info_tags(f, tags, sizeof tags);
    c->finding = f;
    c->tree = c->top;
    /* Whether a loop is left open is known once the capture has been read: from the second
     * pass on (tshark -2, the GUI once the file is loaded), never in a single pass. */
    bool visited = PINFO_FD_VISITED(c->pinfo);
    c->loop_open = tr_loop_shown_open(f, visited);
    if (c->detailed) {
        tr_visit_options opt = { .capture_read = visited, .tags = tags };
        tr_visit_finding(f, &opt, &tree_visitor, c);
    } else {
        note_group_experts(c, f);
    }
    if (f->table_full)
        note_expert(c, &tr_ei.table_full);
    if (f->clock_table_full)
        note_expert(c, &tr_ei.clock_table_full);
    if (f->pool_table_full)
        note_expert(c, &tr_ei.pool_table_full);
    if (f->ecn_table_full)
        note_expert(c, &tr_ei.ecn_table_full);
    if (!c->detailed)
        add_severities(c);

    if (tags[0]) {
        /* Columns start empty on every dissection, so appending once per pass cannot repeat.
         * What col_append_sep_str(cinfo, COL_INFO, " ", tags) does (the space only after some
         * text) at a third of its cost on a tagged frame: it walks the whole Info text twice,
         * a byte at a time (g_strlcat), where col_append_lstr() finds its end with strlen(). */
        const char *info = col_get_text(c->pinfo->cinfo, COL_INFO);
        col_append_lstr(c->pinfo->cinfo, COL_INFO, info && info[0] ? " " : "", tags, COL_ADD_LSTR_TERMINATOR);
        /* Also when no text is drawn: `-e tcpreuse` prints this label. */
        if (c->top_item)
            proto_item_append_text(c->top_item, ": %s", tags);
    }
}

static bool referenced_directly(int hf)
{
    return hf >= 0 && proto_registrar_get_nth((guint)hf)->ref_type == HF_REF_TYPE_DIRECT;
}

/* Whether a filter, a column, a colouring rule or -e names one of tcpreuse's fields or expert
 * infos, not only the protocol ("-Y tcpreuse" wants the item, not its texts). Naming a field
 * marks the protocol as referenced indirectly, unless the protocol is named too: only then are
 * the fields looked at one by one. */
static bool fields_referenced(int proto)
{
    if (proto_registrar_get_nth((guint)proto)->ref_type != HF_REF_TYPE_DIRECT)
        return true;  /* indirectly: through a field; or not at all, but fake protocols are off */
    for (int i = 0; i < TR_FIELD_COUNT; i++)
        if (referenced_directly(tr_hf[i]))
            return true;
    const expert_field *ei = (const expert_field *)&tr_ei;
    for (size_t i = 0; i < sizeof tr_ei / sizeof *ei; i++)
        if (referenced_directly(ei[i].hf))
            return true;
    return false;
}

/* Whether anyone looks at tcpreuse's items and texts on this dissection: a visible tree (-V,
 * PDML, the GUI's details), a tcpreuse field in a filter, a column, a colouring rule or -e, or
 * its expert infos' texts (an expert tap: tshark -z expert, the GUI's Expert Information; a
 * filter on _ws.expert). Otherwise only the Info tags and each expert info's severity are
 * drawn: the same output at a fraction of the cost. */
static bool texts_wanted(proto_tree *tree, int proto, bool proto_referenced)
{
    static int expert_tap = -2, expert_proto = -2;
    if (expert_tap == -2)
        expert_tap = find_tap_id("expert");
    if (expert_proto == -2)
        expert_proto = proto_registrar_get_id_byname("_ws.expert");
    if ((expert_tap >= 0 && have_tap_listener(expert_tap)) ||
        (expert_proto >= 0 && proto_field_is_referenced(tree, expert_proto)))
        return true;
    if (!proto_referenced)
        return false;
    return PTREE_DATA(tree)->visible || fields_referenced(proto);
}

/* Whether the protocol item is wanted when its texts are not: the protocol named ("-Y
 * tcpreuse", a colour rule: proto_field_is_referenced() also says a visible tree), a tap that
 * reads the tree (-z io,phs counts its protocols), or an implausible segment (its
 * malformed-group expert info hangs a hidden _ws.malformed item under the item). Otherwise
 * the item would be built for nobody: ~640 instructions a flagged frame. */
static bool item_wanted(bool proto_referenced, const tr_finding *f)
{
    unsigned tree_taps = TL_REQUIRES_PROTO_TREE;
#ifdef TL_REQUIRES_PROTOCOLS
    tree_taps |= TL_REQUIRES_PROTOCOLS; /* 4.2 on: a tap that wants protocol items not faked */
#endif
    return proto_referenced || (union_of_tap_listener_flags() & tree_taps) ||
           f->implausible != TR_PLAUSIBLE;
}

/* A frame the first pass skipped: the protocol item says why. */
static void render_skipped(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto, const tr_frame_note *note)
{
    proto_item *top_item = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    switch (note->skipped) {
    case TR_EXTRACT_TRUNCATED:
        expert_add_info(pinfo, top_item, &tr_ei.truncated);
        break;
    case TR_EXTRACT_MALFORMED:
        expert_add_info(pinfo, top_item, &tr_ei.malformed);
        break;
    case TR_EXTRACT_UNREADABLE:
        expert_add_info_format(pinfo, top_item, &tr_ei.unreadable,
                               "Wireshark found TCP here that tcpreuse cannot read (%s): tcpreuse skipped this frame",
                               note->why);
        break;
    case TR_EXTRACT_NONE:
    case TR_EXTRACT_SEGMENT:
        break;
    }
}

void tr_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto, const tr_frame_note *note)
{
    if (note->skipped != TR_EXTRACT_NONE && note->skipped != TR_EXTRACT_SEGMENT) {
        render_skipped(tvb, pinfo, tree, proto, note);
        return;
    }
    /* The engine may hold a clock hint back, or withdraw it, after storing the finding
     * (see clock_tracker.h): a finding can have nothing to show. */
    if (!note->finding || !tr_finding_has_any(note->finding))
        return;
    /* proto_field_is_referenced() also says a visible tree */
    bool proto_referenced = proto_field_is_referenced(tree, proto);
    bool detailed = texts_wanted(tree, proto, proto_referenced);
    proto_item *top_item = NULL;
    if (detailed || item_wanted(proto_referenced, note->finding))
        top_item = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    render_ctx c = {
        .tvb = tvb, .pinfo = pinfo, .top_item = top_item, .top = proto_item_add_subtree(top_item, tr_ett.top),
        .detailed = detailed, .no_tree = !tree,
    };
    render_finding(&c, note->finding);
}
