/* SPDX-License-Identifier: GPL-2.0-or-later
 * The socket-pair table, built for the engine's hot path (issue 10: one segment in 100 ns):
 * - pairs live in chunks of TR_PAIR_CHUNK and never move; a pair forgotten by the memory
 *   bound hands its place to the new one, so in the steady state nothing is allocated;
 * - an open-addressing index (linear probing, at most half full) maps a key's hash to a pair
 *   number; each slot keeps 32 bits of the hash, so a probe rarely reads a pair it skips;
 * - the least-recently-seen order is a doubly linked list of pair numbers, kept beside the
 *   pairs (8 bytes each) so that moving a pair to the front reads no other pair.
 */
#include "pair_table.h"

#include <glib.h>
#include <string.h>

#include "key_hash.h"

#define TR_PAIR_CHUNK_SHIFT 8  /* 256 pairs (~240 KiB) a chunk: the slack stays small */
#define TR_PAIR_CHUNK (1u << TR_PAIR_CHUNK_SHIFT)
#define TR_NO_PAIR UINT32_MAX
#define TR_FIRST_SLOTS 64

typedef struct tr_pair_slot {
    uint32_t hash;  /* the key's hash, low 32 bits */
    uint32_t pair;  /* pair number + 1; 0 = empty */
} tr_pair_slot;

typedef struct tr_lru_link {
    uint32_t prev, next;  /* towards the most / least recently seen; TR_NO_PAIR at the ends */
} tr_lru_link;

typedef struct tr_pair_chunk {
    tr_lru_link lru[TR_PAIR_CHUNK];
    tr_pair pair[TR_PAIR_CHUNK];
} tr_pair_chunk;

struct tr_pair_table {
    tr_pair_slot *slots;
    size_t mask;            /* slots - 1 (a power of two) */
    tr_pair_chunk **chunks;
    size_t nchunks, chunks_capacity;
    size_t count;           /* pairs held: numbers 0 .. count-1 */
    uint32_t head, tail;    /* most / least recently seen */
    size_t max_pairs;
    size_t evicted;
};

static inline tr_pair *pair_at(const tr_pair_table *t, uint32_t n)
{
    return &t->chunks[n >> TR_PAIR_CHUNK_SHIFT]->pair[n & (TR_PAIR_CHUNK - 1)];
}

static inline tr_lru_link *link_at(const tr_pair_table *t, uint32_t n)
{
    return &t->chunks[n >> TR_PAIR_CHUNK_SHIFT]->lru[n & (TR_PAIR_CHUNK - 1)];
}

_Static_assert(sizeof(tr_pair_key) == 5 * sizeof(uint64_t), "the pair key is read as five words");

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

/* The segment's key with its sender as side 0 (from_receiver: its receiver as side 0). */
static inline tr_pair_key key_from(const tr_segment *seg, bool from_receiver)
{
    const tr_address *first = from_receiver ? &seg->dst : &seg->src;
    const tr_address *second = from_receiver ? &seg->src : &seg->dst;
    uint16_t first_port = from_receiver ? seg->dport : seg->sport;
    uint16_t second_port = from_receiver ? seg->sport : seg->dport;
    tr_pair_key key = {
        .ends = first->family | (uint64_t)second->family << 8 | (uint64_t)first_port << 16 |
                (uint64_t)second_port << 32,
    };
    memcpy(key.addr[0], first->bytes, sizeof(key.addr[0]));
    memcpy(key.addr[1], second->bytes, sizeof(key.addr[1]));
    return key;
}

/* The key's five words spelled out: -O2 leaves a loop over them rolled, and its counting
 * cost a third of the hash. */
static inline uint32_t key_hash(const tr_pair_key *key)
{
    uint64_t h = tr_key_fold(sizeof(*key), key->addr[0][0]);
    h = tr_key_fold(tr_key_fold(tr_key_fold(h, key->addr[0][1]), key->addr[1][0]), key->addr[1][1]);
    return (uint32_t)tr_key_mix(tr_key_fold(h, key->ends));
}

static inline bool key_equal(const tr_pair_key *a, const tr_pair_key *b)
{
    return ((a->addr[0][0] ^ b->addr[0][0]) | (a->addr[0][1] ^ b->addr[0][1]) | (a->addr[1][0] ^ b->addr[1][0]) |
            (a->addr[1][1] ^ b->addr[1][1]) | (a->ends ^ b->ends)) == 0;
}

tr_pair_table *tr_pair_table_new(size_t max_pairs)
{
    tr_pair_table *t = g_new0(tr_pair_table, 1);
    t->slots = g_new0(tr_pair_slot, TR_FIRST_SLOTS);
    t->mask = TR_FIRST_SLOTS - 1;
    t->head = t->tail = TR_NO_PAIR;
    t->max_pairs = max_pairs ? max_pairs : 1;
    return t;
}

void tr_pair_table_free(tr_pair_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nchunks; i++)
        g_free(t->chunks[i]);
    g_free(t->chunks);
    g_free(t->slots);
    g_free(t);
}

/* ---- index ---------------------------------------------------------------------------- */

/* The slot holding the key, or the empty slot where it would go. */
static inline size_t slot_find(const tr_pair_table *t, uint32_t hash, const tr_pair_key *key)
{
    for (size_t i = hash & t->mask;; i = (i + 1) & t->mask) {
        const tr_pair_slot *s = &t->slots[i];
        if (!s->pair || (s->hash == hash && key_equal(&pair_at(t, s->pair - 1)->key, key)))
            return i;
    }
}

/* Backward-shift deletion (no tombstones): each later entry of the run moves into the hole
 * when the hole lies between its home slot and where it sits, so every probe still finds it. */
static void slot_remove(tr_pair_table *t, size_t hole)
{
    for (size_t j = (hole + 1) & t->mask; t->slots[j].pair; j = (j + 1) & t->mask) {
        size_t home = t->slots[j].hash & t->mask;
        if (((j - home) & t->mask) >= ((j - hole) & t->mask)) {
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole].pair = 0;
}

/* Twice the slots once a new pair would fill more than half of them: runs stay short (a
 * slot is 8 bytes, a pair ~1 KB, so slack costs little). As pairs never exceed max_pairs,
 * the index never exceeds 4 slots per pair allowed. */
static void slots_grow_for(tr_pair_table *t, size_t pairs)
{
    size_t n = t->mask + 1;
    if (pairs * 2 <= n)
        return;
    tr_pair_slot *old = t->slots;
    t->slots = g_new0(tr_pair_slot, 2 * n);
    t->mask = 2 * n - 1;
    for (size_t i = 0; i < n; i++) {
        if (!old[i].pair)
            continue;
        size_t j = old[i].hash & t->mask;
        while (t->slots[j].pair)
            j = (j + 1) & t->mask;
        t->slots[j] = old[i];
    }
    g_free(old);
}

/* ---- least recently seen order -------------------------------------------------------- */

static void lru_unlink(tr_pair_table *t, uint32_t n)
{
    tr_lru_link *l = link_at(t, n);
    if (l->prev != TR_NO_PAIR)
        link_at(t, l->prev)->next = l->next;
    else
        t->head = l->next;
    if (l->next != TR_NO_PAIR)
        link_at(t, l->next)->prev = l->prev;
    else
        t->tail = l->prev;
}

static void lru_push_front(tr_pair_table *t, uint32_t n)
{
    tr_lru_link *l = link_at(t, n);
    l->prev = TR_NO_PAIR;
    l->next = t->head;
    if (t->head != TR_NO_PAIR)
        link_at(t, t->head)->prev = n;
    t->head = n;
    if (t->tail == TR_NO_PAIR)
        t->tail = n;
}

/* ---- pairs ---------------------------------------------------------------------------- */

/* A place for a new pair: the next unused number, or the least recently seen pair's, which
 * is forgotten (its slot and list entry removed) when max_pairs are held. */
static uint32_t pair_place(tr_pair_table *t, bool *evicted)
{
    if (t->count >= t->max_pairs) {
        uint32_t old = t->tail;
        const tr_pair_key *key = &pair_at(t, old)->key;
        size_t i = slot_find(t, key_hash(key), key);
        slot_remove(t, i);
        lru_unlink(t, old);
        t->evicted++;
        *evicted = true;
        return old;
    }
    if ((t->count >> TR_PAIR_CHUNK_SHIFT) == t->nchunks) {
        if (t->nchunks == t->chunks_capacity) {
            t->chunks_capacity = t->chunks_capacity ? 2 * t->chunks_capacity : 8;
            t->chunks = g_renew(tr_pair_chunk *, t->chunks, t->chunks_capacity);
        }
        /* Not zeroed: each pair is zeroed when it is taken, so untouched pages stay free. */
        t->chunks[t->nchunks++] = g_malloc(sizeof(tr_pair_chunk));
    }
    slots_grow_for(t, t->count + 1);
    return (uint32_t)t->count++;
}

/* The pair of a segment that is not the most recently seen pair (side: its sender's), moved to
 * the front of the recency order; or added when create is set. */
static tr_pair *find_behind_head(tr_pair_table *t, const tr_segment *seg, uint8_t side, bool create, bool *evicted)
{
    const tr_pair_key canonical = key_from(seg, side == 1), *key = &canonical;
    uint32_t hash = key_hash(key);
    size_t i = slot_find(t, hash, key);
    if (t->slots[i].pair) {
        uint32_t n = t->slots[i].pair - 1;
        lru_unlink(t, n);
        lru_push_front(t, n);
        return pair_at(t, n);
    }
    if (!create)
        return NULL;
    uint32_t n = pair_place(t, evicted);
    tr_pair *p = pair_at(t, n);
    memset(p, 0, sizeof(*p));
    p->key = *key;
    /* Forgetting a pair or growing the index moved slots: probe again for the free one. */
    i = slot_find(t, hash, key);
    t->slots[i] = (tr_pair_slot){.hash = hash, .pair = n + 1};
    lru_push_front(t, n);
    return p;
}

tr_pair *tr_pair_table_find(tr_pair_table *t, const tr_segment *seg, bool create, uint8_t *side, bool *evicted)
{
    *evicted = false;
    /* Consecutive segments of one pair are the usual case (4 in 5 on the lab's busy capture):
     * the most recently seen pair is tried first, in both directions, before any hashing and
     * without the canonical order; it needs no move in the recency order. */
    if (t->head != TR_NO_PAIR) {
        tr_pair *p = pair_at(t, t->head);
        for (uint8_t sender = 0; sender < 2; sender++) {
            tr_pair_key key = key_from(seg, sender == 1);
            if (key_equal(&p->key, &key)) {
                *side = sender;
                return p;
            }
        }
    }
    *side = source_first(seg) ? 0 : 1;
    return find_behind_head(t, seg, *side, create, evicted);
}

size_t tr_pair_table_size(const tr_pair_table *t)
{
    return t->count;
}

size_t tr_pair_table_evicted(const tr_pair_table *t)
{
    return t->evicted;
}

size_t tr_pair_table_bytes(const tr_pair_table *t)
{
    return t->nchunks * sizeof(tr_pair_chunk) + t->chunks_capacity * sizeof(tr_pair_chunk *) +
           (t->mask + 1) * sizeof(tr_pair_slot) + sizeof(*t);
}
