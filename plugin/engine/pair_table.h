/* SPDX-License-Identifier: GPL-2.0-or-later
 * The socket-pair table: one entry per 4-tuple, found from either direction, bounded by
 * max_pairs (the least recently seen pair is forgotten first).
 */
#ifndef TCPREUSE_PAIR_TABLE_H
#define TCPREUSE_PAIR_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attempt.h"
#include "copies.h"
#include "injection.h"
#include "key_hash.h"
#include "reset_loop.h"
#include "session.h"
#include "tcpreuse/segment.h"

/* Side 0 is the endpoint that sorts first (family, address bytes, then port): its address,
 * family and port come first in the key. */
typedef tr_table_key tr_pair_key;

static inline uint16_t tr_pair_key_port(const tr_pair_key *key, uint8_t side)
{
    return (uint16_t)(key->ends >> (side ? 32 : 16));
}

/* What most pairs never need, kept apart from the pair (made at the first need, freed with
 * the pair): a pair without it reads it as all zero (tr_pair_rare_read). */
typedef struct tr_pair_rare {
    tr_reset_aftermath after[2];  /* each end's RSTs in the current session (session.h) */
    tr_attempt_rare attempt;
    tr_reset_loop loop;
} tr_pair_rare;

typedef struct tr_pair {
    /* In the order a segment of an established session reads them (its first cache lines). */
    tr_pair_key key;         /* first: the entry table's key (entry_table.h) */
    struct tr_address_clocks *clocks[2]; /* each side's timestamp-clock entry (clock_tracker.h), once looked up */
    uint64_t seen;           /* when the pair was last seen, in the table's own count of sightings
                                (read only when the table fills: pair_table.c) */
    tr_recent_segments recent;  /* to recognise copies */
    tr_attempt attempt;      /* the latest SYN attempt not yet synchronized */
    tr_session session;      /* the latest synchronized (or midstream) session: the state an end may hold */
    tr_traits traits[2];     /* what each end showed on the current connection */
    tr_syn_history syns;     /* read by SYNs */
    tr_pair_rare *rare;      /* NULL until needed (tr_pair_table_rare) */
} tr_pair;

typedef struct tr_pair_table tr_pair_table;

tr_pair_table *tr_pair_table_new(size_t max_pairs);
void tr_pair_table_free(tr_pair_table *t);

/* The pair of this segment and the sending side's index. With create, a missing pair is
 * added (forgetting the least recently seen one when full: *evicted is then true, and the
 * new pair takes the forgotten one's place, so a pair pointer held across calls may then
 * belong to another 4-tuple; the engine holds none past one segment). */
tr_pair *tr_pair_table_find(tr_pair_table *t, const tr_segment *seg, bool create, uint8_t *side, bool *evicted);

/* The pair's rare part, made (all zero) at its first need. */
tr_pair_rare *tr_pair_table_make_rare(tr_pair_table *t, tr_pair *p);
static inline tr_pair_rare *tr_pair_table_rare(tr_pair_table *t, tr_pair *p)
{
    return p->rare ? p->rare : tr_pair_table_make_rare(t, p);
}

/* The pair's rare part to read: all zero when it has none. */
extern const tr_pair_rare tr_pair_no_rare;
static inline const tr_pair_rare *tr_pair_rare_read(const tr_pair *p)
{
    return p->rare ? p->rare : &tr_pair_no_rare;
}

/* The pair's session starts (tr_session_init), and with it the RST bookkeeping of its ends. */
void tr_pair_start_session(tr_pair *p, uint32_t frame, int64_t time_ns, uint8_t client);

size_t tr_pair_table_size(const tr_pair_table *t);
size_t tr_pair_table_evicted(const tr_pair_table *t);

/* Heap held by the table: its pairs (allocated a chunk at a time), their rare parts, its index
 * and its order. */
size_t tr_pair_table_bytes(const tr_pair_table *t);

#endif
