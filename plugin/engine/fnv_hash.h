/* SPDX-License-Identifier: GPL-2.0-or-later
 * FNV-1a over a fixed-size key, for the engine's hash tables (pairs, addresses, pools).
 * Keys are zeroed before filling, so padding bytes hash and compare the same.
 */
#ifndef TCPREUSE_FNV_HASH_H
#define TCPREUSE_FNV_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t tr_fnv_hash(const void *key, size_t len)
{
    const uint8_t *b = key;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

#endif
