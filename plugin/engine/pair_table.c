/* SPDX-License-Identifier: GPL-2.0-or-later
 * The socket-pair table, built for the engine's hot path (issue 10: one segment in 100 ns):
 * - pairs live in an entry table (entry_table.h: chunks that never move, an open-addressing
 *   index); a pair forgotten by the memory bound hands its place to the new one, so in the
 *   steady state nothing is allocated but the rare parts of the pairs that need one;
 * - the most recently seen pair is tried first, without hashing: consecutive segments of one
 *   4-tuple are 4 in 5 on the lab's busy capture;
 * - the least-recently-seen order matters only once the table is full, so until then a pair
 *   only notes when it was seen (a word beside its key and clock memos, which a segment reads
 *   anyway); at the first eviction the pairs are sorted by it (a one-time array of 16 bytes a
 *   pair) into a doubly linked list of pair numbers, kept in an array of its own (8 bytes a
 *   pair) and updated from then on. Keeping that list from the start cost other pairs' links,
 *   up to three cache lines, on every segment of a pair that was not the latest (issue 10).
 */
#include "pair_table.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "entry_table.h"
#include "tcpreuse/hints.h"

#define TR_NO_PAIR UINT32_MAX

typedef struct tr_lru_link {
    uint32_t prev, next;  /* towards the most / least recently seen; TR_NO_PAIR at the ends */
} tr_lru_link;

const tr_pair_rare tr_pair_no_rare;

struct tr_pair_table {
    tr_entry_table *pairs;
    size_t rare_parts;      /* pairs with their rare part made */
    tr_lru_link *lru;       /* by pair number; NULL until the table first fills */
    size_t lru_capacity;
    uint32_t head, tail;    /* most / least recently seen: both only with lru (head_pair always) */
    tr_pair *head_pair;     /* the head's pair (pairs never move) */
    uint64_t sightings;     /* the count tr_pair.seen is taken from */
    size_t max_pairs;
    size_t evicted;
};

/* Whether the source endpoint sorts first: by family, then memcmp's order on the 16 address
 * bytes (compared as two big-endian words), then port. */
static bool source_first(const tr_segment *seg)
{
    if (seg->src.family != seg->dst.family)
        return seg->src.family < seg->dst.family;
    for (int i = 0; i < 16; i += 8) {
        uint64_t src, dst;
        memcpy(&src, seg->src.bytes + i, sizeof(src));
        memcpy(&dst, seg->dst.bytes + i, sizeof(dst));
        if (src != dst)
            return GUINT64_FROM_BE(src) < GUINT64_FROM_BE(dst);
    }
    return seg->sport <= seg->dport;
}

/* The families and ports of a segment's key with its sender as side 0 (from_receiver: its
 * receiver as side 0): they tell most pairs apart without the addresses. */
static inline uint64_t ends_from(const tr_segment *seg, bool from_receiver)
{
    return from_receiver ? tr_table_key_ends(&seg->dst, &seg->src, seg->dport, seg->sport)
                         : tr_table_key_ends(&seg->src, &seg->dst, seg->sport, seg->dport);
}

/* That key, given its ends. */
static inline tr_pair_key key_from(const tr_segment *seg, bool from_receiver, uint64_t ends)
{
    tr_pair_key key = {.ends = ends};
    memcpy(key.addr[0], from_receiver ? seg->dst.bytes : seg->src.bytes, sizeof(key.addr[0]));
    memcpy(key.addr[1], from_receiver ? seg->src.bytes : seg->dst.bytes, sizeof(key.addr[1]));
    return key;
}

tr_pair_table *tr_pair_table_new(size_t max_pairs)
{
    tr_pair_table *t = g_new0(tr_pair_table, 1);
    t->pairs = tr_entry_table_new(sizeof(tr_pair));
    t->head = t->tail = TR_NO_PAIR;
    t->max_pairs = max_pairs ? max_pairs : 1;
    return t;
}

static void pair_free(void *p)
{
    g_free(((tr_pair *)p)->rare);
}

void tr_pair_table_free(tr_pair_table *t)
{
    if (!t)
        return;
    tr_entry_table_free(t->pairs, pair_free);
    g_free(t->lru);
    g_free(t);
}

/* ---- least recently seen order -------------------------------------------------------- */

typedef struct pair_sighting {
    uint64_t seen;
    uint32_t pair;
} pair_sighting;

/* Most recently seen first (no two pairs were seen at once). */
static int later_seen_first(const void *a, const void *b)
{
    uint64_t sa = ((const pair_sighting *)a)->seen, sb = ((const pair_sighting *)b)->seen;
    return sa > sb ? -1 : sa < sb;
}

/* The list of every pair in the order they were last seen, made when the table first fills. */
static TR_COLD void lru_build(tr_pair_table *t)
{
    uint32_t count = (uint32_t)tr_entry_table_count(t->pairs);
    pair_sighting *order = g_new(pair_sighting, count);
    for (uint32_t n = 0; n < count; n++)
        order[n] = (pair_sighting){((const tr_pair *)tr_entry_table_at(t->pairs, n))->seen, n};
    qsort(order, count, sizeof *order, later_seen_first);
    t->lru_capacity = count;
    t->lru = g_new(tr_lru_link, count);
    for (uint32_t i = 0; i < count; i++)
        t->lru[order[i].pair] = (tr_lru_link){
            .prev = i > 0 ? order[i - 1].pair : TR_NO_PAIR,
            .next = i + 1 < count ? order[i + 1].pair : TR_NO_PAIR,
        };
    t->head = order[0].pair;
    t->tail = order[count - 1].pair;
    g_free(order);
}

static void lru_unlink(tr_pair_table *t, uint32_t n)
{
    tr_lru_link *l = &t->lru[n];
    if (l->prev != TR_NO_PAIR)
        t->lru[l->prev].next = l->next;
    else
        t->head = l->next;
    if (l->next != TR_NO_PAIR)
        t->lru[l->next].prev = l->prev;
    else
        t->tail = l->prev;
}

static void lru_push_front(tr_pair_table *t, uint32_t n)
{
    tr_lru_link *l = &t->lru[n];
    l->prev = TR_NO_PAIR;
    l->next = t->head;
    if (t->head != TR_NO_PAIR)
        t->lru[t->head].prev = n;
    t->head = n;
    if (t->tail == TR_NO_PAIR)
        t->tail = n;
}

/* Pair n becomes the most recently seen. */
static tr_pair *seen_now(tr_pair_table *t, uint32_t n)
{
    if (t->lru)
        lru_push_front(t, n);
    t->head_pair = tr_entry_table_at(t->pairs, n);
    t->head_pair->seen = ++t->sightings;
    return t->head_pair;
}

/* ---- pairs ---------------------------------------------------------------------------- */

/* A place for a new pair: a new number, or the least recently seen pair's, which is forgotten
 * (its key and list entry removed) when max_pairs are held. */
static uint32_t pair_place(tr_pair_table *t, const tr_pair_key *key, uint32_t hash, bool *evicted)
{
    if (tr_entry_table_count(t->pairs) >= t->max_pairs) {
        if (!t->lru)
            lru_build(t);
        uint32_t old = t->tail;
        tr_pair *forgotten = tr_entry_table_at(t->pairs, old);
        if (forgotten->rare) {
            g_free(forgotten->rare);
            t->rare_parts--;
        }
        lru_unlink(t, old);
        tr_entry_table_reuse(t->pairs, old, key, hash);
        t->evicted++;
        *evicted = true;
        return old;
    }
    return tr_entry_table_add(t->pairs, key, hash);
}

/* A segment of an established session reads and writes all of its pair but the SYN history
 * (tr_pair), and a SYN nearly all: the lines the key compare did not bring are asked for at once,
 * not one by one as the rules reach them (with caches cold, as in tshark, where most segments'
 * pairs were last seen hundreds of frames before: -2 % engine cycles, tests/bench/cold_ab.sh). */
static void ask_for_pair(const tr_pair *p)
{
    for (size_t offset = 64; offset < sizeof(*p); offset += 64)
        TR_PREFETCH_FOR_WRITE((const char *)p + offset);
}

/* The pair of a segment that is not the most recently seen pair (side: its sender's), moved to
 * the front of the recency order; or added when create is set. */
static tr_pair *find_behind_head(tr_pair_table *t, const tr_segment *seg, uint8_t side, uint64_t ends, bool create,
                                 bool *evicted)
{
    const tr_pair_key key = key_from(seg, side == 1, ends);
    uint32_t hash = tr_table_key_hash(&key);
    uint32_t n = tr_entry_table_find(t->pairs, &key, hash);
    if (n != TR_NO_ENTRY) {
        ask_for_pair(tr_entry_table_at(t->pairs, n));
        if (t->lru)
            lru_unlink(t, n);
    } else if (create) {
        n = pair_place(t, &key, hash, evicted);
    } else {
        return NULL;
    }
    return seen_now(t, n);
}

tr_pair *tr_pair_table_find(tr_pair_table *t, const tr_segment *seg, bool create, uint8_t *side, bool *evicted)
{
    *evicted = false;
    uint64_t ends[2] = {ends_from(seg, false), ends_from(seg, true)};
    /* The most recently seen pair is tried first, in both directions, before any hashing and
     * without the canonical order; it needs no move in the recency order. */
    if (t->head_pair) {
        for (uint8_t sender = 0; sender < 2; sender++) {
            if (t->head_pair->key.ends != ends[sender])
                continue;
            tr_pair_key key = key_from(seg, sender == 1, ends[sender]);
            if (tr_table_key_equal(&t->head_pair->key, &key)) {
                *side = sender;
                return t->head_pair;
            }
        }
    }
    *side = source_first(seg) ? 0 : 1;
    return find_behind_head(t, seg, *side, ends[*side], create, evicted);
}

tr_pair_rare *tr_pair_table_make_rare(tr_pair_table *t, tr_pair *p)
{
    p->rare = g_new0(tr_pair_rare, 1);
    t->rare_parts++;
    return p->rare;
}

void tr_pair_start_session(tr_pair *p, uint32_t frame, int64_t time_ns, uint8_t client)
{
    tr_session_init(&p->session, frame, time_ns, client);
    if (p->rare)
        memset(p->rare->after, 0, sizeof(p->rare->after));
}

size_t tr_pair_table_size(const tr_pair_table *t)
{
    return tr_entry_table_count(t->pairs);
}

size_t tr_pair_table_evicted(const tr_pair_table *t)
{
    return t->evicted;
}

size_t tr_pair_table_bytes(const tr_pair_table *t)
{
    return tr_entry_table_bytes(t->pairs) + t->rare_parts * sizeof(tr_pair_rare) +
           t->lru_capacity * sizeof(tr_lru_link) + sizeof(*t);
}
