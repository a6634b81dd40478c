/* SPDX-License-Identifier: GPL-2.0-or-later
 * The engine's side tables (clocks, port pools, ECN paths) stop growing at tcpreuse.max_pairs
 * entries. Each says so once, on the frame where it first refuses a new entry, so that an
 * analyst knows the hints after it may be missing.
 */
#ifndef TCPREUSE_TABLE_BOUND_H
#define TCPREUSE_TABLE_BOUND_H

#include <stdbool.h>

typedef struct tr_table_bound {
    bool said;   /* the table refused an entry once */
    bool now;    /* ...during the segment being processed */
} tr_table_bound;

/* The table refuses a new entry. */
static inline void tr_table_bound_refuse(tr_table_bound *b)
{
    if (!b->said)
        b->said = b->now = true;
}

/* True once: right after the segment for which the table first refused an entry. */
static inline bool tr_table_bound_take(tr_table_bound *b)
{
    bool now = b->now;
    b->now = false;
    return now;
}

#endif
