/* SPDX-License-Identifier: GPL-2.0-or-later
 * The key of the engine's tables (pairs, clock address pairs, port pools, ECN paths): two
 * addresses and what goes with them (families, ports) in five 8-byte words, built in registers
 * from a segment, hashed and compared word by word: byte-wise FNV-1a over a 38-byte pair key
 * cost more than every rule a segment goes through (issue 10's engine profile). Nothing
 * iterates these tables, so the hash chooses no verdict, only where an entry sits.
 */
#ifndef TCPREUSE_KEY_HASH_H
#define TCPREUSE_KEY_HASH_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tcpreuse/segment.h"
#include "tcpreuse/word_hash.h"

typedef struct tr_table_key {
    uint64_t addr[2][2];  /* two tr_address.bytes, in memory order */
    uint64_t ends;        /* the families (bits 0-7, 8-15) and up to two ports (16-31, 32-47) */
} tr_table_key;

/* The `ends` word of tr_table_key_make(a, b, port_a, port_b). */
static inline uint64_t tr_table_key_ends(const tr_address *a, const tr_address *b, uint16_t port_a, uint16_t port_b)
{
    return a->family | (uint64_t)b->family << 8 | (uint64_t)port_a << 16 | (uint64_t)port_b << 32;
}

/* Addresses a and b with their families, and the ports that go with them (0 where none). */
static inline tr_table_key tr_table_key_make(const tr_address *a, const tr_address *b, uint16_t port_a,
                                             uint16_t port_b)
{
    tr_table_key key = {.ends = tr_table_key_ends(a, b, port_a, port_b)};
    memcpy(key.addr[0], a->bytes, sizeof(key.addr[0]));
    memcpy(key.addr[1], b->bytes, sizeof(key.addr[1]));
    return key;
}

/* The five folds (word_hash.h) are spelled out: -O2 leaves a loop over them rolled, and its
 * counting cost a third of the hash. */
static inline uint32_t tr_table_key_hash(const tr_table_key *key)
{
    uint64_t h = tr_key_fold(sizeof(*key), key->addr[0][0]);
    h = tr_key_fold(tr_key_fold(tr_key_fold(h, key->addr[0][1]), key->addr[1][0]), key->addr[1][1]);
    return (uint32_t)tr_key_mix(tr_key_fold(h, key->ends));
}

static inline bool tr_table_key_equal(const tr_table_key *a, const tr_table_key *b)
{
    return ((a->addr[0][0] ^ b->addr[0][0]) | (a->addr[0][1] ^ b->addr[0][1]) | (a->addr[1][0] ^ b->addr[1][0]) |
            (a->addr[1][1] ^ b->addr[1][1]) | (a->ends ^ b->ends)) == 0;
}

#endif
