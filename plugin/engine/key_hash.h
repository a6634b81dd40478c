/* SPDX-License-Identifier: GPL-2.0-or-later
 * A hash over a fixed-size key for the engine's tables (pairs, addresses, pools, ECN paths),
 * read eight bytes at a time: byte-wise FNV-1a over a 38-byte pair key cost more than every
 * rule a segment goes through (issue 10's engine profile). Keys are zeroed before filling,
 * so padding bytes hash and compare the same. Nothing iterates these tables, so the hash
 * chooses no verdict, only where an entry sits.
 */
#ifndef TCPREUSE_KEY_HASH_H
#define TCPREUSE_KEY_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* splitmix64's finalizer: every input bit reaches every output bit, which open addressing
 * needs from the low bits it indexes by. */
static inline uint64_t tr_key_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 31;
    return h;
}

/* Each word is folded in with a rotate, a xor and a multiply by an odd constant (a bijection
 * of the word, so keys differing in one word differ before the final mix); the mix runs once. */
static inline uint64_t tr_key_fold(uint64_t h, uint64_t w)
{
    return (((h << 23) | (h >> 41)) ^ w) * 0x9e3779b97f4a7c15u;
}

static inline uint64_t tr_key_hash(const void *key, size_t len)
{
    const unsigned char *b = key;
    uint64_t h = len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);  /* unaligned-safe; one load on the usual targets */
        h = tr_key_fold(h, w);
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, b + i, len - i);
        h = tr_key_fold(h, w);
    }
    return tr_key_mix(h);
}

#endif
