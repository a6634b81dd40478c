/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the statistics tree that --summary prints, kept the way Wireshark's stats_tree
 * keeps it (each row counts its events; a measured row also keeps each value as a float and
 * their total as a double, added in the order they come), so that the figures print with the
 * same digits. Filled through a tr_stats_sink (stats_rows.h): by the scan, or by
 * `tcpreuse-scan merge` replaying the shards' rows in frame order.
 */
#ifndef TCPREUSE_SCAN_SUMMARY_TREE_H
#define TCPREUSE_SCAN_SUMMARY_TREE_H

#include <stdio.h>

#include "stats_rows.h"

typedef struct tr_summary_tree tr_summary_tree;

/* A tree with its headings, created in order (the tree always shows them). */
tr_summary_tree *tr_summary_tree_new(void);
void tr_summary_tree_free(tr_summary_tree *t);

/* The sink that fills the tree (its ctx is the tree). */
extern const tr_stats_sink tr_summary_tree_sink;

/* Each heading's row id, for tr_stats_count(). */
const int *tr_summary_tree_heading_ids(const tr_summary_tree *t);

/* The id of the row `name` under `parent` (0: the top), added with no event if missing. */
int tr_summary_tree_row(tr_summary_tree *t, const char *name, int parent);

/* A row's name and its parent's id (0 at the top). */
const char *tr_summary_tree_row_name(const tr_summary_tree *t, int id, int *parent);

/* Prints the tree as tshark -z prints it, without the rate columns. */
void tr_summary_tree_print(FILE *out, const tr_summary_tree *t);

#endif
