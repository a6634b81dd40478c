/* SPDX-License-Identifier: GPL-2.0-or-later
 * The storage and index under the engine's tables (socket pairs, clock address pairs, port
 * pools, ECN paths), built for the hot path (issue 10):
 * - fixed-size entries, each starting with its tr_table_key, numbered in the order they are
 *   made and held in chunks, so that an entry never moves (callers keep pointers to it) and
 *   nothing is allocated per entry;
 * - an open-addressing index (linear probing, at most half full) from a key's hash to an entry
 *   number; each slot keeps 32 bits of the hash, so a probe rarely reads an entry it skips.
 * The caller hashes a key once (tr_table_key_hash, which the table also uses to find the key an
 * entry gives up) and passes that hash to each call.
 */
#ifndef TCPREUSE_ENTRY_TABLE_H
#define TCPREUSE_ENTRY_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "key_hash.h"

#define TR_NO_ENTRY UINT32_MAX

typedef struct tr_entry_table tr_entry_table;

/* entry_size: sizeof the entry type, whose first member is its tr_table_key. */
tr_entry_table *tr_entry_table_new(size_t entry_size);

/* entry_free (or NULL) releases what an entry holds; it is called for each entry made. */
void tr_entry_table_free(tr_entry_table *t, void (*entry_free)(void *entry));

/* The number of the entry indexed under key, or TR_NO_ENTRY. */
uint32_t tr_entry_table_find(const tr_entry_table *t, const tr_table_key *key, uint32_t hash);

void *tr_entry_table_at(const tr_entry_table *t, uint32_t n);

/* A new entry for key, which no entry holds: zeroed but for its key, indexed; its number. */
uint32_t tr_entry_table_add(tr_entry_table *t, const tr_table_key *key, uint32_t hash);

/* Entry n leaves the index and takes key (which no entry holds) instead: zeroed but for its
 * key, indexed under it. The entry keeps its place and number. */
void tr_entry_table_reuse(tr_entry_table *t, uint32_t n, const tr_table_key *key, uint32_t hash);

/* Entries made (numbers 0 .. count-1). */
size_t tr_entry_table_count(const tr_entry_table *t);

/* Heap held: the entries (allocated a chunk at a time) and the index. */
size_t tr_entry_table_bytes(const tr_entry_table *t);

#endif
