/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "entry_table.h"

#include <glib.h>
#include <string.h>

#define TR_ENTRY_CHUNK_SHIFT 8  /* 256 entries a chunk: the slack stays small */
#define TR_ENTRY_CHUNK (1u << TR_ENTRY_CHUNK_SHIFT)
#define TR_FIRST_SLOTS 64

typedef struct tr_entry_slot {
    uint32_t hash;   /* the key's hash, low 32 bits */
    uint32_t entry;  /* entry number + 1; 0 = empty */
} tr_entry_slot;

struct tr_entry_table {
    tr_entry_slot *slots;
    size_t mask;            /* slots - 1 (a power of two) */
    unsigned char **chunks;
    size_t nchunks, chunks_capacity;
    size_t count;           /* entries made */
    size_t entry_size;
};

tr_entry_table *tr_entry_table_new(size_t entry_size)
{
    tr_entry_table *t = g_new0(tr_entry_table, 1);
    t->slots = g_new0(tr_entry_slot, TR_FIRST_SLOTS);
    t->mask = TR_FIRST_SLOTS - 1;
    t->entry_size = entry_size;
    return t;
}

void tr_entry_table_free(tr_entry_table *t, void (*entry_free)(void *entry))
{
    if (!t)
        return;
    for (size_t n = 0; entry_free && n < t->count; n++)
        entry_free(tr_entry_table_at(t, (uint32_t)n));
    for (size_t i = 0; i < t->nchunks; i++)
        g_free(t->chunks[i]);
    g_free(t->chunks);
    g_free(t->slots);
    g_free(t);
}

static inline void *entry_at(const tr_entry_table *t, uint32_t n)
{
    return t->chunks[n >> TR_ENTRY_CHUNK_SHIFT] + (n & (TR_ENTRY_CHUNK - 1)) * t->entry_size;
}

void *tr_entry_table_at(const tr_entry_table *t, uint32_t n)
{
    return entry_at(t, n);
}

/* The slot holding the key, or the empty slot where it would go. */
static inline size_t slot_find(const tr_entry_table *t, const tr_table_key *key, uint32_t hash)
{
    for (size_t i = hash & t->mask;; i = (i + 1) & t->mask) {
        const tr_entry_slot *s = &t->slots[i];
        if (!s->entry || (s->hash == hash && tr_table_key_equal(entry_at(t, s->entry - 1), key)))
            return i;
    }
}

uint32_t tr_entry_table_find(const tr_entry_table *t, const tr_table_key *key, uint32_t hash)
{
    return t->slots[slot_find(t, key, hash)].entry - 1;  /* an empty slot's 0 gives TR_NO_ENTRY */
}

/* Backward-shift deletion (no tombstones): each later entry of the run moves into the hole
 * when the hole lies between its home slot and where it sits, so every probe still finds it. */
static void slot_remove(tr_entry_table *t, size_t hole)
{
    for (size_t j = (hole + 1) & t->mask; t->slots[j].entry; j = (j + 1) & t->mask) {
        size_t home = t->slots[j].hash & t->mask;
        if (((j - home) & t->mask) >= ((j - hole) & t->mask)) {
            t->slots[hole] = t->slots[j];
            hole = j;
        }
    }
    t->slots[hole].entry = 0;
}

/* Twice the slots once the entries would fill more than half of them: runs stay short (a
 * slot is 8 bytes, an entry 64 to 1000, so slack costs little). */
static void slots_grow_for(tr_entry_table *t, size_t entries)
{
    size_t n = t->mask + 1;
    if (entries * 2 <= n)
        return;
    tr_entry_slot *old = t->slots;
    t->slots = g_new0(tr_entry_slot, 2 * n);
    t->mask = 2 * n - 1;
    for (size_t i = 0; i < n; i++) {
        if (!old[i].entry)
            continue;
        size_t j = old[i].hash & t->mask;
        while (t->slots[j].entry)
            j = (j + 1) & t->mask;
        t->slots[j] = old[i];
    }
    g_free(old);
}

/* Entry n takes key: zeroed but for it, and indexed under it. */
static void take(tr_entry_table *t, uint32_t n, const tr_table_key *key, uint32_t hash)
{
    void *entry = tr_entry_table_at(t, n);
    memset(entry, 0, t->entry_size);
    memcpy(entry, key, sizeof(*key));
    t->slots[slot_find(t, key, hash)] = (tr_entry_slot){.hash = hash, .entry = n + 1};
}

uint32_t tr_entry_table_add(tr_entry_table *t, const tr_table_key *key, uint32_t hash)
{
    if ((t->count >> TR_ENTRY_CHUNK_SHIFT) == t->nchunks) {
        if (t->nchunks == t->chunks_capacity) {
            t->chunks_capacity = t->chunks_capacity ? 2 * t->chunks_capacity : 8;
            t->chunks = g_renew(unsigned char *, t->chunks, t->chunks_capacity);
        }
        /* Not zeroed: each entry is zeroed when it is taken, so untouched pages stay free. */
        t->chunks[t->nchunks++] = g_malloc(TR_ENTRY_CHUNK * t->entry_size);
    }
    slots_grow_for(t, t->count + 1);
    uint32_t n = (uint32_t)t->count++;
    take(t, n, key, hash);
    return n;
}

void tr_entry_table_reuse(tr_entry_table *t, uint32_t n, const tr_table_key *key, uint32_t hash)
{
    const tr_table_key *old = tr_entry_table_at(t, n);
    slot_remove(t, slot_find(t, old, tr_table_key_hash(old)));
    take(t, n, key, hash);
}

size_t tr_entry_table_count(const tr_entry_table *t)
{
    return t->count;
}

size_t tr_entry_table_bytes(const tr_entry_table *t)
{
    return t->nchunks * TR_ENTRY_CHUNK * t->entry_size + t->chunks_capacity * sizeof(unsigned char *) +
           (t->mask + 1) * sizeof(tr_entry_slot) + sizeof(*t);
}
