/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the rows of the statistics tree each finding counts in, for the plugin's stats
 * tree (Statistics > TCP Socket-Pair Reuse; tshark -z tcpreuse,tree) and tcpreuse-scan's
 * --summary. No Wireshark types here: the caller's sink keeps the tree.
 *
 * How it reads: Count always counts events (frames with that finding), so that Percent is a
 * share of the row above. A measured value goes into Average / Min Val / Max Val (one sample
 * per event), and its row names its unit in parentheses.
 */
#ifndef TCPREUSE_STATS_ROWS_H
#define TCPREUSE_STATS_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* The headings (rows at the top), created in this order so that the tree always shows them. */
typedef enum tr_stats_heading {
    TR_HEADING_REUSE,
    TR_HEADING_ANSWER,
    TR_HEADING_STALE,
    TR_HEADING_RST,
    TR_HEADING_RST_SENDER,
    TR_HEADING_RST_FIRST,
    TR_HEADING_LOOP,
    TR_HEADING_ECN,
    TR_HEADING_CLOCK,
    TR_HEADING_POOL,
    TR_HEADING_COUNT
} tr_stats_heading;

typedef struct tr_stats_heading_info {
    const char *name;
    bool measured;      /* its events carry a value (Average / Min Val / Max Val) */
    bool has_children;
} tr_stats_heading_info;

const tr_stats_heading_info *tr_stats_heading_of(tr_stats_heading h);

/* Where the rows go. A row is found by its name under its parent row (0: the top). */
typedef struct tr_stats_sink {
    /* One event on the row; returns the row's id, for rows under it. */
    int (*tick)(void *ctx, const char *name, int parent, bool has_children);
    /* One sample of a measured value on the row: an event, and its value. */
    void (*figure)(void *ctx, const char *name, int parent, double value);
} tr_stats_sink;

/* The frame a finding is on: its addresses and ports, as sent. */
typedef struct tr_frame_ends {
    tr_address src, dst;
    uint16_t sport, dport;
} tr_frame_ends;

/* Count one frame's finding. heading_ids: the sink's id of each heading, created in order.
 * capture_read: the whole capture has been read (a reset loop left open is known). */
void tr_stats_count(const tr_stats_sink *sink, void *ctx, const int heading_ids[TR_HEADING_COUNT],
                    const tr_finding *f, const tr_frame_ends *ends, bool capture_read);

/* An address as Wireshark writes it (dotted quad; RFC 5952 for IPv6), "?" for another family;
 * TR_ADDRESS_TEXT_LEN bytes hold any. */
#define TR_ADDRESS_TEXT_LEN 46 /* INET6_ADDRSTRLEN */
char *tr_address_text(const tr_address *a, char *buf, size_t len);

#endif
