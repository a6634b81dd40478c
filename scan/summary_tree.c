/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "summary_tree.h"

#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "tcpreuse/word_hash.h"

typedef struct row {
    int parent;          /* its id, 0 at the top */
    char *name;
    size_t length;       /* of the name */
    uint64_t hash;       /* of the name and the parent: name_hash() */
    int depth;
    unsigned count;
    bool measured;
    double total;
    float min, max;
    GArray *children;    /* ids, in the order they appeared */
} row;

struct tr_summary_tree {
    GPtrArray *rows;     /* row id - 1 -> row */
    /* Row ids by name and parent, open addressing (0: a free slot), at most half full. Every
     * finding asks for several rows by name, most of them built in a buffer (an address, a
     * pool): hashing each name a word at a time costs a fifth of GLib's string hash table and
     * string hash (callgrind, lab capture: 393 instructions a lookup there). */
    int *slots;
    size_t mask;         /* slots - 1, a power of two minus one */
    GArray *top;         /* the headings' ids, in order */
    int heading_ids[TR_HEADING_COUNT];
};
typedef struct tr_summary_tree tree;

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

/* ---- finding a row by its name --------------------------------------------------------- */

/* The name eight bytes at a time, then its last bytes, folded as the engine folds its keys. */
static uint64_t name_hash(const char *name, size_t length, int parent)
{
    uint64_t h = (uint64_t)(unsigned)parent << 32 | length, w;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        memcpy(&w, name + i, 8);
        h = tr_key_fold(h, w);
    }
    w = 0;
    for (size_t j = i; j < length; j++) /* the tail: a loop, not a call to memcpy() */
        w = w << 8 | (uint8_t)name[j];
    return tr_key_mix(tr_key_fold(h, w));
}

static void place(tree *t, int id)
{
    size_t i = row_of(t, id)->hash & t->mask;
    while (t->slots[i])
        i = (i + 1) & t->mask;
    t->slots[i] = id;
}

static void grow_slots(tree *t)
{
    g_free(t->slots);
    t->mask = t->mask * 2 + 1;
    t->slots = g_new0(int, t->mask + 1);
    for (guint id = 1; id <= t->rows->len; id++)
        place(t, (int)id);
}

static int add_row(tree *t, const char *name, size_t length, uint64_t hash, int parent)
{
    row *r = g_new0(row, 1);
    r->parent = parent;
    r->name = g_strndup(name, length);
    r->length = length;
    r->hash = hash;
    r->depth = parent ? row_of(t, parent)->depth + 1 : 0;
    r->min = FLT_MAX;
    r->max = -FLT_MAX;
    r->children = g_array_new(FALSE, FALSE, sizeof(int));
    g_ptr_array_add(t->rows, r);
    int id = (int)t->rows->len;
    if (2 * t->rows->len > t->mask + 1)
        grow_slots(t);
    else
        place(t, id);
    g_array_append_val(parent ? row_of(t, parent)->children : t->top, id);
    return id;
}

static int find_or_add(tree *t, const char *name, int parent)
{
    size_t length = strlen(name);
    uint64_t hash = name_hash(name, length, parent);
    for (size_t i = hash & t->mask; t->slots[i]; i = (i + 1) & t->mask) {
        const row *r = row_of(t, t->slots[i]);
        if (r->hash == hash && r->parent == parent && r->length == length && !memcmp(r->name, name, length))
            return t->slots[i];
    }
    return add_row(t, name, length, hash, parent);
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

const tr_stats_sink tr_summary_tree_sink = { .tick = tick, .figure = figure };

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

void tr_summary_tree_print(FILE *out, const tree *t)
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

/* ---- the tree as a whole --------------------------------------------------------------- */

tr_summary_tree *tr_summary_tree_new(void)
{
    tree *t = g_new0(tree, 1);
    t->rows = g_ptr_array_new_with_free_func(free_row);
    t->mask = 63;
    t->slots = g_new0(int, t->mask + 1);
    t->top = g_array_new(FALSE, FALSE, sizeof(int));
    for (int h = 0; h < TR_HEADING_COUNT; h++)
        t->heading_ids[h] = find_or_add(t, tr_stats_heading_of(h)->name, 0);
    return t;
}

void tr_summary_tree_free(tree *t)
{
    if (!t)
        return;
    g_ptr_array_free(t->rows, TRUE);
    g_free(t->slots);
    g_array_free(t->top, TRUE);
    g_free(t);
}

const int *tr_summary_tree_heading_ids(const tree *t)
{
    return t->heading_ids;
}

int tr_summary_tree_row(tree *t, const char *name, int parent)
{
    return find_or_add(t, name, parent);
}

const char *tr_summary_tree_row_name(const tree *t, int id, int *parent)
{
    const row *r = row_of(t, id);
    *parent = r->parent;
    return r->name;
}
