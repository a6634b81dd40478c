/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "extract_plan.h"

#include <string.h>

#include <glib.h>

/* A 4-tuple, the same from either direction: the end that sorts first comes first. */
typedef struct tuple {
    tr_address end_address[2];
    uint16_t end_port[2];
} tuple;

/* What the extract holds of one 4-tuple, and where the second read stands on it. */
typedef struct span {
    tuple key;
    uint32_t first;          /* the first frame held */
    uint32_t last_finding;   /* held up to here whatever comes ... */
    bool syn_seen;           /* ... and after it, until a SYN whose ISN is not this one */
    uint32_t syn_isn;
    bool over;
} span;

struct tr_extract_plan {
    GHashTable *spans;       /* tuple* -> span* (key inside) */
    GArray *lone_frames;     /* uint32_t, ascending: skipped frames, kept alone */
    guint next_lone;
};

static int end_order(const tr_address *a, uint16_t pa, const tr_address *b, uint16_t pb)
{
    int c = memcmp(a, b, sizeof *a);
    return c ? c : (int)pa - (int)pb;
}

static tuple tuple_of(const tr_address *src, uint16_t sport, const tr_address *dst, uint16_t dport)
{
    tuple t;
    memset(&t, 0, sizeof t);  /* the key is hashed and compared as bytes */
    bool src_first = end_order(src, sport, dst, dport) <= 0;
    t.end_address[0] = src_first ? *src : *dst;
    t.end_address[1] = src_first ? *dst : *src;
    t.end_port[0] = src_first ? sport : dport;
    t.end_port[1] = src_first ? dport : sport;
    return t;
}

/* FNV-1a over the key's bytes. */
static guint tuple_hash(gconstpointer key)
{
    const unsigned char *b = key;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof(tuple); i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static gboolean tuple_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(tuple)) == 0;
}

static void reach_back(uint32_t *earliest, uint32_t frame)
{
    if (frame && frame < *earliest)
        *earliest = frame;
}

/* The first frame of the earliest session on the finding's own 4-tuple that the finding rests
 * on. Its references to other 4-tuples (a clock's newest TSval, the ECN-setup SYN of another
 * connection) are not followed: they are evidence about the address, not this 4-tuple. */
static uint32_t earliest_frame(const tr_finding *f)
{
    uint32_t earliest = f->frame;
    reach_back(&earliest, f->duplicate_of);
    reach_back(&earliest, f->syn.retransmit_of);
    if (f->reuse.present)
        reach_back(&earliest, f->reuse.prev_session);
    if (f->answer.present)
        reach_back(&earliest, f->answer.answers_syn);
    if (f->stale_ack.present)
        reach_back(&earliest, f->stale_ack.old_session);
    if (f->rst.present) {
        reach_back(&earliest, f->rst.connection);
        reach_back(&earliest, f->rst.ends_session);
        reach_back(&earliest, f->rst.trigger);
    }
    reach_back(&earliest, f->loop.began);
    return earliest;
}

static void add_finding(tr_extract_plan *plan, const tr_logged_frame *frame, const tr_finding *f)
{
    const tr_frame_ends *e = &frame->ends;
    tuple key = tuple_of(&e->src, e->sport, &e->dst, e->dport);
    span *s = g_hash_table_lookup(plan->spans, &key);
    if (!s) {
        s = g_new0(span, 1);
        s->key = key;
        s->first = UINT32_MAX;
        g_hash_table_insert(plan->spans, &s->key, s);
    }
    uint32_t earliest = earliest_frame(f);
    if (earliest < s->first)
        s->first = earliest;
    if (frame->frame > s->last_finding)
        s->last_finding = frame->frame;
}

tr_extract_plan *tr_extract_plan_new(const tr_scan_report *report)
{
    tr_extract_plan *plan = g_new0(tr_extract_plan, 1);
    plan->spans = g_hash_table_new_full(tuple_hash, tuple_equal, NULL, g_free);
    plan->lone_frames = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (size_t i = 0; i < report->count; i++) {
        const tr_logged_frame *frame = &report->frames[i];
        tr_finding finding;
        if (frame->kind != TR_FRAME_FINDING)
            g_array_append_val(plan->lone_frames, frame->frame); /* the report is in frame order */
        else if (tr_scan_finding(report->scan, frame, &finding) && frame->has_ends)
            add_finding(plan, frame, &finding);
    }
    return plan;
}

void tr_extract_plan_free(tr_extract_plan *plan)
{
    if (!plan)
        return;
    g_hash_table_destroy(plan->spans);
    g_array_free(plan->lone_frames, TRUE);
    g_free(plan);
}

size_t tr_extract_plan_connections(const tr_extract_plan *plan)
{
    return g_hash_table_size(plan->spans);
}

static bool is_lone(tr_extract_plan *plan, uint32_t frame)
{
    GArray *lone = plan->lone_frames;
    while (plan->next_lone < lone->len && g_array_index(lone, uint32_t, plan->next_lone) < frame)
        plan->next_lone++;
    return plan->next_lone < lone->len && g_array_index(lone, uint32_t, plan->next_lone) == frame;
}

bool tr_extract_plan_keeps(tr_extract_plan *plan, uint32_t frame, const tr_segment *seg)
{
    if (is_lone(plan, frame))
        return true;
    if (!seg)
        return false;
    tuple key = tuple_of(&seg->src, seg->sport, &seg->dst, seg->dport);
    span *s = g_hash_table_lookup(plan->spans, &key);
    if (!s || s->over || frame < s->first)
        return false;
    bool pure_syn = (seg->flags & (TR_TCP_SYN | TR_TCP_ACK | TR_TCP_RST)) == TR_TCP_SYN;
    if (frame <= s->last_finding) {
        if (pure_syn) {
            s->syn_seen = true;
            s->syn_isn = seg->seq;
        }
        return true;
    }
    /* Past the last finding: the session goes on until another connection begins (a copy or
     * a retransmission of the session's SYN is not one). The second SYN of a simultaneous
     * open would end it too; such a SYN that carries no finding is left out. */
    if (pure_syn && (!s->syn_seen || seg->seq != s->syn_isn)) {
        s->over = true;
        return false;
    }
    return true;
}
