/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --summary: a small stats tree. Each row counts its events; a measured row also
 * keeps its values the way Wireshark's stats_tree does (each value as a float, their total as
 * a double), so that Average, Min Val and Max Val print the same digits.
 */
#include "summary.h"

#include <float.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "stats_rows.h"

typedef struct row {
    char *name;
    int depth;
    int parent;          /* its id, 0 at the top */
    unsigned count;
    bool measured;
    double total;
    float min, max;
    GArray *children;    /* ids, in the order they appeared */
} row;

typedef struct tree {
    GPtrArray *rows;     /* row id - 1 -> row */
    GHashTable *by_name; /* "<parent id>/<name>" -> row id */
    GArray *top;         /* the headings' ids, in order */
} tree;

static row *row_of(const tree *t, int id)
{
    return g_ptr_array_index(t->rows, id - 1);
}

static void free_row(gpointer p)
{
    row *r = p;
    g_free(r->name);
    g_array_free(r->children, TRUE);
    g_free(r);
}

static int find_or_add(tree *t, const char *name, int parent)
{
    char *key = g_strdup_printf("%d/%s", parent, name);
    gpointer found = g_hash_table_lookup(t->by_name, key);
    if (found) {
        g_free(key);
        return GPOINTER_TO_INT(found);
    }
    row *r = g_new0(row, 1);
    r->name = g_strdup(name);
    r->parent = parent;
    r->depth = parent ? row_of(t, parent)->depth + 1 : 0;
    r->min = FLT_MAX;
    r->max = -FLT_MAX;
    r->children = g_array_new(FALSE, FALSE, sizeof(int));
    g_ptr_array_add(t->rows, r);
    int id = (int)t->rows->len;
    g_hash_table_insert(t->by_name, key, GINT_TO_POINTER(id));
    g_array_append_val(parent ? row_of(t, parent)->children : t->top, id);
    return id;
}

static int tick(void *ctx, const char *name, int parent, bool has_children)
{
    (void)has_children;
    tree *t = ctx;
    int id = find_or_add(t, name, parent);
    row_of(t, id)->count++;
    return id;
}

static void figure(void *ctx, const char *name, int parent, double value)
{
    tree *t = ctx;
    row *r = row_of(t, find_or_add(t, name, parent));
    float sample = (float)value;
    r->count++;
    r->measured = true;
    r->total += sample;
    if (sample < r->min)
        r->min = sample;
    if (sample > r->max)
        r->max = sample;
}

static const tr_stats_sink sink = { .tick = tick, .figure = figure };

/* ---- printing -------------------------------------------------------------------------- */

enum { COLUMN = 14 }; /* the width of each figure's column */

/* Siblings as stats_tree sorts them by default: the most counted first, ties by name, last
 * name first. */
static gint by_count(gconstpointer a, gconstpointer b, gpointer t)
{
    const row *x = row_of(t, *(const int *)a), *y = row_of(t, *(const int *)b);
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return -strcmp(x->name, y->name);
}

static size_t widest(const tree *t)
{
    size_t width = strlen("Topic / Item");
    for (guint i = 0; i < t->rows->len; i++) {
        const row *r = g_ptr_array_index(t->rows, i);
        size_t w = (size_t)r->depth + strlen(r->name);
        if (w > width)
            width = w;
    }
    return width;
}

static void print_row(FILE *out, const tree *t, int id, size_t name_width)
{
    const row *r = row_of(t, id);
    char figures[4][32] = { "", "", "", "" };
    if (r->measured && r->count) {
        snprintf(figures[0], sizeof figures[0], "%.2f", r->total / r->count);
        snprintf(figures[1], sizeof figures[1], "%f", r->min);
        snprintf(figures[2], sizeof figures[2], "%f", r->max);
    }
    unsigned parent_count = r->parent ? row_of(t, r->parent)->count : 0;
    if (!r->parent)
        snprintf(figures[3], sizeof figures[3], "100%%");
    else if (parent_count)
        snprintf(figures[3], sizeof figures[3], "%.2f%%", 100.0 * r->count / parent_count);
    fprintf(out, "%*s%-*s  %-*u%-*s%-*s%-*s%s\n", r->depth, "", (int)(name_width - (size_t)r->depth), r->name, COLUMN,
            r->count, COLUMN, figures[0], COLUMN, figures[1], COLUMN, figures[2], figures[3]);

    GArray *children = g_array_copy(r->children);
    g_array_sort_with_data(children, by_count, (gpointer)t);
    for (guint i = 0; i < children->len; i++)
        print_row(out, t, g_array_index(children, int, i), name_width);
    g_array_free(children, TRUE);
}

static void print_tree(FILE *out, const tree *t)
{
    size_t name_width = widest(t);
    size_t line = name_width + 2 + 5 * COLUMN;
    char *rule = g_strnfill(line, '='), *dashes = g_strnfill(line, '-');
    fprintf(out, "\n%s\nTCP Socket-Pair Reuse:\n", rule);
    fprintf(out, "%-*s  %-*s%-*s%-*s%-*s%s\n%s\n", (int)name_width, "Topic / Item", COLUMN, "Count", COLUMN, "Average",
            COLUMN, "Min Val", COLUMN, "Max Val", "Percent", dashes);
    for (guint i = 0; i < t->top->len; i++)
        print_row(out, t, g_array_index(t->top, int, i), name_width);
    fprintf(out, "\n%s\n", dashes);
    g_free(rule);
    g_free(dashes);
}

void tr_print_summary(FILE *out, const tr_scan_report *report)
{
    tree t = {
        .rows = g_ptr_array_new_with_free_func(free_row),
        .by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
        .top = g_array_new(FALSE, FALSE, sizeof(int)),
    };
    int heading_ids[TR_HEADING_COUNT];
    for (int h = 0; h < TR_HEADING_COUNT; h++)
        heading_ids[h] = find_or_add(&t, tr_stats_heading_of(h)->name, 0);
    for (size_t i = 0; i < report->count; i++) {
        const tr_logged_frame *frame = &report->frames[i];
        tr_finding finding;
        if (tr_scan_finding(report->scan, frame, &finding))
            tr_stats_count(&sink, &t, heading_ids, &finding, &frame->ends, true);
    }
    print_tree(out, &t);
    g_ptr_array_free(t.rows, TRUE);
    g_hash_table_destroy(t.by_name);
    g_array_free(t.top, TRUE);
}
