/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: each frame walked to its TCP segment (frame_walk.h, as the plugin reads it)
 * and handed to the engine; the frames with something to report are logged.
 */
#include "scan.h"

#include <glib.h>

/* Frames of one kind that could not be analysed, and the first of them. */
typedef struct unanalysed {
    uint64_t frames;
    uint32_t first;
} unanalysed;

struct tr_scan {
    tr_shard shard;
    tr_engine *engine;
    tr_frame_log *log;
    bool have_first;
    int64_t first_time_ns;
    GHashTable *unknown_links;  /* WTAP_ENCAP_* -> unanalysed */
    GHashTable *unreadable;     /* the walker's static why text -> unanalysed (also headers
                                   below TCP that contradict themselves) */
    unanalysed fragments;
};

tr_scan *tr_scan_new(const tr_config *cfg, const tr_shard *shard)
{
    tr_scan *scan = g_new0(tr_scan, 1);
    scan->shard = *shard;
    scan->engine = tr_engine_new(cfg);
    scan->log = tr_frame_log_new();
    scan->unknown_links = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    scan->unreadable = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    return scan;
}

void tr_scan_free(tr_scan *scan)
{
    if (!scan)
        return;
    tr_frame_log_free(scan->log);
    tr_engine_free(scan->engine);
    g_hash_table_destroy(scan->unknown_links);
    g_hash_table_destroy(scan->unreadable);
    g_free(scan);
}

/* Counts a frame under `key`; true when it is the first. */
static bool count(GHashTable *table, gconstpointer key, uint32_t frame)
{
    unanalysed *u = g_hash_table_lookup(table, key);
    bool first = !u;
    if (first) {
        u = g_new0(unanalysed, 1);
        u->first = frame;
        g_hash_table_insert(table, (gpointer)key, u);
    }
    u->frames++;
    return first;
}

static tr_frame_ends ends_of(const tr_segment *seg)
{
    return (tr_frame_ends){ .src = seg->src, .dst = seg->dst, .sport = seg->sport, .dport = seg->dport };
}

/* A frame that answers a SYN may have given that SYN its first finding (tr_engine_finding_of):
 * the SYN is logged then, on the same 4-tuple the other way, at the time the answer's delay
 * counts from. */
static void log_answered_syn(tr_scan *scan, const tr_segment *answer, const tr_answer_finding *a)
{
    tr_finding syn;
    if (tr_frame_log_has(scan->log, a->answers_syn) || !tr_engine_finding_of(scan->engine, a->answers_syn, &syn))
        return;
    tr_logged_frame logged = {
        .frame = a->answers_syn,
        .kind = TR_FRAME_FINDING,
        .time_ns = answer->time_ns - a->delay_ns,
        .has_ends = true,
        .ends = { .src = answer->dst, .dst = answer->src, .sport = answer->dport, .dport = answer->sport },
    };
    tr_frame_log_add(scan->log, &logged);
}

static void analyse(tr_scan *scan, const tr_frame *frame)
{
    tr_segment seg;
    tr_walk walk = tr_walk_frame_on_wire(frame->link, frame->bytes, frame->captured, frame->on_wire, &seg);
    tr_logged_frame logged = { .frame = frame->number, .time_ns = frame->time_ns };
    switch (walk.status) {
    case TR_WALK_SEGMENT: {
        if (!tr_shard_owns(&scan->shard, &seg))
            return;
        seg.frame = frame->number;
        seg.time_ns = frame->time_ns;
        /* The finding is read again once the capture has been read (tr_scan_finding). */
        const tr_finding *f = tr_engine_process(scan->engine, &seg);
        if (!f)
            return;
        tr_answer_finding answer = f->answer;
        logged.kind = TR_FRAME_FINDING;
        logged.has_ends = true;
        logged.ends = ends_of(&seg);
        tr_frame_log_add(scan->log, &logged);
        if (answer.present)
            log_answered_syn(scan, &seg, &answer);
        return;
    }
    case TR_WALK_MALFORMED:
        /* Below TCP, a header that contradicts itself stops Wireshark too: there is no segment
         * to speak of, and the plugin says nothing of the frame. */
        if (!walk.tcp_offset) {
            count(scan->unreadable, walk.why, frame->number);
            return;
        }
        logged.kind = TR_FRAME_MALFORMED;
        if (tr_shard_owns_unkeyed(&scan->shard))
            tr_frame_log_add(scan->log, &logged);
        return;
    case TR_WALK_TRUNCATED:
        logged.kind = TR_FRAME_TRUNCATED;
        if (tr_shard_owns_unkeyed(&scan->shard))
            tr_frame_log_add(scan->log, &logged);
        return;
    case TR_WALK_FRAGMENT:
        if (!scan->fragments.frames++)
            scan->fragments.first = frame->number;
        return;
    case TR_WALK_UNREADABLE:
        count(scan->unreadable, walk.why, frame->number);
        return;
    case TR_WALK_NOT_TCP:
        return;
    }
}

void tr_scan_frame(tr_scan *scan, const tr_frame *frame, FILE *notes)
{
    if (!scan->have_first) {
        scan->have_first = true;
        scan->first_time_ns = frame->time_ns;
    }
    if (!frame->is_packet)
        return;
    if (frame->link == TR_LINK_UNKNOWN) {
        if (count(scan->unknown_links, GINT_TO_POINTER(frame->encap), frame->number)) {
            char *name = tr_capture_encap_text(frame->encap);
            fprintf(notes, "tcpreuse-scan: frame %u and every frame of link type %s: not read (tcpreuse-scan reads "
                           "Ethernet, Linux cooked SLL and SLL2, raw IP, BSD and OpenBSD loopback)\n",
                    frame->number, name);
            g_free(name);
        }
        return;
    }
    analyse(scan, frame);
}

static void say(FILE *notes, const unanalysed *u, const char *what)
{
    fprintf(notes, "tcpreuse-scan: %" G_GUINT64_FORMAT " frame%s (the first: frame %u) not analysed: %s\n", u->frames,
            u->frames == 1 ? "" : "s", u->first, what);
}

void tr_scan_say_unanalysed(const tr_scan *scan, FILE *notes)
{
    GHashTableIter it;
    gpointer why, u;
    g_hash_table_iter_init(&it, scan->unreadable);
    while (g_hash_table_iter_next(&it, &why, &u))
        say(notes, u, why);
    if (scan->fragments.frames)
        say(notes, &scan->fragments, "IP fragments of TCP segments (tcpreuse-scan does not reassemble)");
}

void tr_scan_engine_stats(const tr_scan *scan, tr_engine_stats *out)
{
    tr_engine_get_stats(scan->engine, out);
}

bool tr_scan_skipped_link_types(const tr_scan *scan)
{
    return g_hash_table_size(scan->unknown_links) > 0;
}

tr_scan_report tr_scan_report_of(const tr_scan *scan)
{
    tr_scan_report report = { .scan = scan, .first_time_ns = scan->first_time_ns };
    report.frames = tr_frame_log_frames(scan->log, &report.count);
    return report;
}

bool tr_scan_finding(const tr_scan *scan, const tr_logged_frame *frame, tr_finding *out)
{
    return frame->kind == TR_FRAME_FINDING && tr_engine_finding_of(scan->engine, frame->frame, out) &&
           tr_finding_has_any(out);
}
