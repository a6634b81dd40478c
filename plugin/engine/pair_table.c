/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "pair_table.h"

#include <glib.h>
#include <string.h>

#include "key_hash.h"

struct tr_pair_table {
    GHashTable *pairs;       /* tr_pair_key* -> tr_pair* (the key lives in the pair) */
    tr_pair *lru_head, *lru_tail; /* head = most recently seen */
    size_t max_pairs;
    size_t evicted;
};

static int endpoint_cmp(const tr_address *a, uint16_t pa, const tr_address *b, uint16_t pb)
{
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    int c = memcmp(a->bytes, b->bytes, sizeof(a->bytes));
    if (c != 0)
        return c;
    return pa == pb ? 0 : pa < pb ? -1 : 1;
}

static guint key_hash(gconstpointer p)
{
    return (guint)tr_key_hash(p, sizeof(tr_pair_key));
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(tr_pair_key)) == 0;
}

tr_pair_table *tr_pair_table_new(size_t max_pairs)
{
    tr_pair_table *t = g_new0(tr_pair_table, 1);
    t->pairs = g_hash_table_new_full(key_hash, key_equal, NULL, g_free);
    t->max_pairs = max_pairs ? max_pairs : 1;
    return t;
}

void tr_pair_table_free(tr_pair_table *t)
{
    if (!t)
        return;
    g_hash_table_destroy(t->pairs);
    g_free(t);
}

static void lru_unlink(tr_pair_table *t, tr_pair *p)
{
    if (p->lru_prev)
        p->lru_prev->lru_next = p->lru_next;
    else
        t->lru_head = p->lru_next;
    if (p->lru_next)
        p->lru_next->lru_prev = p->lru_prev;
    else
        t->lru_tail = p->lru_prev;
    p->lru_prev = p->lru_next = NULL;
}

static void lru_push_front(tr_pair_table *t, tr_pair *p)
{
    p->lru_next = t->lru_head;
    if (t->lru_head)
        t->lru_head->lru_prev = p;
    t->lru_head = p;
    if (!t->lru_tail)
        t->lru_tail = p;
}

tr_pair *tr_pair_table_find(tr_pair_table *t, const tr_segment *seg, bool create, uint8_t *side, bool *evicted)
{
    tr_pair_key key;
    memset(&key, 0, sizeof(key));  /* padding takes part in hashing */
    bool src_first = endpoint_cmp(&seg->src, seg->sport, &seg->dst, seg->dport) <= 0;
    key.addr[0] = src_first ? seg->src : seg->dst;
    key.port[0] = src_first ? seg->sport : seg->dport;
    key.addr[1] = src_first ? seg->dst : seg->src;
    key.port[1] = src_first ? seg->dport : seg->sport;
    *side = src_first ? 0 : 1;
    *evicted = false;

    tr_pair *p = g_hash_table_lookup(t->pairs, &key);
    if (p) {
        if (t->lru_head != p) {
            lru_unlink(t, p);
            lru_push_front(t, p);
        }
        return p;
    }
    if (!create)
        return NULL;
    if (g_hash_table_size(t->pairs) >= t->max_pairs) {
        tr_pair *old = t->lru_tail;
        lru_unlink(t, old);
        g_hash_table_remove(t->pairs, &old->key);
        t->evicted++;
        *evicted = true;
    }
    p = g_new0(tr_pair, 1);
    p->key = key;
    g_hash_table_insert(t->pairs, &p->key, p);
    lru_push_front(t, p);
    return p;
}

size_t tr_pair_table_size(const tr_pair_table *t)
{
    return g_hash_table_size(t->pairs);
}

size_t tr_pair_table_evicted(const tr_pair_table *t)
{
    return t->evicted;
}
