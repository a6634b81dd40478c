/* SPDX-License-Identifier: GPL-2.0-or-later
 * A hash made a word at a time, for open-addressing tables: the engine's table keys
 * (key_hash.h) and tcpreuse-scan's summary rows. Not for keys chosen to collide: what is
 * hashed is the capture's addresses and ports, or the counting's own row names.
 */
#ifndef TCPREUSE_WORD_HASH_H
#define TCPREUSE_WORD_HASH_H

#include <stdint.h>

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
 * of the word, so keys differing in one word differ before the final mix); the mix runs once,
 * at the end. */
static inline uint64_t tr_key_fold(uint64_t h, uint64_t w)
{
    return (((h << 23) | (h >> 41)) ^ w) * 0x9e3779b97f4a7c15u;
}

#endif
