/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "shard_output.h"

#include <inttypes.h>
#include <string.h>

#include <glib.h>

#include "json_text.h"
#include "print_findings.h"
#include "summary_tree.h"

/* A sink that counts into a tree (its row ids) and writes each call as [path, value]. */
typedef struct recorder {
    tr_summary_tree *tree;
    GPtrArray *paths;   /* row id - 1 -> its path as JSON, ["Heading","row"], once met */
    GString *line;      /* the frame's stats line */
    bool first_call;
} recorder;

static const char *path_of(recorder *r, int id)
{
    if ((guint)id <= r->paths->len && g_ptr_array_index(r->paths, id - 1))
        return g_ptr_array_index(r->paths, id - 1);
    int parent;
    const char *name = tr_summary_tree_row_name(r->tree, id, &parent);
    GString *path = g_string_new(NULL);
    if (parent) {
        const char *above = path_of(r, parent);
        g_string_append_len(path, above, (gssize)strlen(above) - 1); /* without its ']' */
        g_string_append_c(path, ',');
    } else {
        g_string_append_c(path, '[');
    }
    tr_json_append_string(path, name);
    g_string_append_c(path, ']');
    if ((guint)id > r->paths->len)
        g_ptr_array_set_size(r->paths, id);
    g_ptr_array_index(r->paths, id - 1) = g_string_free(path, FALSE);
    return g_ptr_array_index(r->paths, id - 1);
}

static void record(recorder *r, int id, const char *value)
{
    g_string_append_printf(r->line, "%s[%s,%s]", r->first_call ? "" : ",", path_of(r, id), value);
    r->first_call = false;
}

static int record_tick(void *ctx, const char *name, int parent, bool has_children)
{
    recorder *r = ctx;
    int id = tr_summary_tree_sink.tick(r->tree, name, parent, has_children);
    record(r, id, "null");
    return id;
}

static void record_figure(void *ctx, const char *name, int parent, double value)
{
    recorder *r = ctx;
    tr_summary_tree_sink.figure(r->tree, name, parent, value);
    char text[G_ASCII_DTOSTR_BUF_SIZE];
    /* 17 significant digits read back to the same double (the tree stores it as a float). */
    g_ascii_formatd(text, sizeof text, "%.17g", value);
    record(r, tr_summary_tree_row(r->tree, name, parent), text);
}

static const tr_stats_sink recording_sink = { .tick = record_tick, .figure = record_figure };

static void print_stats_line(FILE *out, recorder *r, const tr_finding *f, const tr_logged_frame *frame)
{
    g_string_assign(r->line, TR_SHARD_STATS_START);
    r->first_call = true;
    tr_stats_count(&recording_sink, r, tr_summary_tree_heading_ids(r->tree), f, &frame->ends, true);
    g_string_append(r->line, "]}\n");
    fwrite(r->line->str, 1, r->line->len, out);
}

static void print_header(FILE *out, const tr_options *opt)
{
    const tr_config *e = &opt->engine;
    GString *reports = g_string_new(NULL);
    if (opt->findings == TR_FINDINGS_JSON)
        g_string_append(reports, " " TR_SHARD_REPORT_FINDINGS);
    if (opt->summary)
        g_string_append(reports, " " TR_SHARD_REPORT_SUMMARY);
    if (opt->frames)
        g_string_append(reports, " " TR_SHARD_REPORT_FRAMES);
    fprintf(out, TR_SHARD_HEADER_START "\"%" PRIu32 "/%" PRIu32 "\",\"reports\":\"%s\"", opt->shard.index + 1,
            opt->shard.count, reports->len ? reports->str + 1 : "");
    fprintf(out, ",\"engine\":\"time_wait=%" PRIu32 " ts_analysis=%d max_pairs=%" PRIu32 " rfc1337=%d\"}\n",
            e->time_wait_s, e->ts_analysis, e->max_pairs, e->rfc1337);
    g_string_free(reports, TRUE);
}

void tr_print_shard_output(FILE *out, const tr_options *opt, const tr_scan_report *report, uint32_t frames_read,
                           int status)
{
    print_header(out, opt);
    recorder r = { .tree = tr_summary_tree_new(), .paths = g_ptr_array_new_with_free_func(g_free),
                   .line = g_string_new(NULL) };
    tr_findings_printer *printer = tr_findings_printer_new(out, TR_FINDINGS_JSON, report);
    for (size_t i = 0; i < report->count; i++) {
        const tr_logged_frame *frame = &report->frames[i];
        tr_finding finding;
        if (tr_findings_printer_frame(printer, i) && opt->summary && tr_scan_finding(report->scan, frame, &finding))
            print_stats_line(out, &r, &finding, frame);
    }
    tr_findings_printer_free(printer);
    fprintf(out, TR_SHARD_END_START "\"%" PRIu32 "/%" PRIu32 "\",\"frames\":%" PRIu32 ",\"first_time_ns\":%" PRId64
                 ",\"status\":%d}\n",
            opt->shard.index + 1, opt->shard.count, frames_read, report->first_time_ns, status);
    tr_summary_tree_free(r.tree);
    g_ptr_array_free(r.paths, TRUE);
    g_string_free(r.line, TRUE);
}
