/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "shard.h"

#include <string.h>

static bool parse_part(const char *text, const char *end, uint32_t *out)
{
    if (text == end || end - text > 4)
        return false;
    uint32_t value = 0;
    for (const char *c = text; c < end; c++) {
        if (*c < '0' || *c > '9')
            return false;
        value = value * 10 + (uint32_t)(*c - '0');
    }
    *out = value;
    return true;
}

bool tr_shard_parse(const char *text, tr_shard *out)
{
    const char *slash = strchr(text, '/');
    uint32_t k, n;
    if (!slash || !parse_part(text, slash, &k) || !parse_part(slash + 1, slash + 1 + strlen(slash + 1), &n) ||
        k < 1 || k > n || n > TR_SHARD_MAX)
        return false;
    out->index = k - 1;
    out->count = n;
    return true;
}

/* FNV-1a over an address's family and bytes (4 for IPv4, 16 for IPv6). */
static uint64_t hash_address(uint64_t h, const tr_address *a)
{
    size_t len = a->family == 4 ? 4 : 16;
    h = (h ^ a->family) * 0x100000001b3u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ a->bytes[i]) * 0x100000001b3u;
    return h;
}

/* splitmix64's finalizer: FNV's low bits alone would spread similar addresses badly. */
static uint64_t mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    return h ^ (h >> 31);
}

bool tr_shard_owns(const tr_shard *shard, const tr_segment *seg)
{
    if (shard->count <= 1)
        return true;
    /* The same pair from either direction: the address that sorts first goes first. */
    bool src_first = memcmp(&seg->src, &seg->dst, sizeof seg->src) <= 0;
    const tr_address *a = src_first ? &seg->src : &seg->dst, *b = src_first ? &seg->dst : &seg->src;
    uint64_t h = hash_address(hash_address(0xcbf29ce484222325u, a), b);
    return mix(h) % shard->count == shard->index;
}

bool tr_shard_owns_unkeyed(const tr_shard *shard)
{
    return shard->index == 0;
}
