/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "port_pool.h"

#include <glib.h>
#include <math.h>

#include "entry_table.h"
#include "seq.h"
#include "table_bound.h"

/* Reuse intervals go into geometric buckets (10 % wide, from 1 ms to about a thousand years)
 * so the median costs 1 KiB per pool, whatever the number of reuses. */
#define TR_BUCKETS 256  /* a power of two: bucket_of() halves it */
#define TR_BUCKET_RATIO 1.1
#define TR_BUCKET_BASE_NS 1000000.0
#define TR_POOL_MIN_REUSES 2
#define TR_POOL_MIN_SPAN_NS TR_NS_PER_S
#define TR_POOL_ISNS_KEPT 8

typedef struct tr_pool {
    tr_table_key key;   /* client address, server address and port */
    uint32_t syns, ports, reuses;
    uint16_t port_min, port_max;
    int64_t first_ns;
    uint32_t *buckets;  /* reuse intervals; allocated at the first reuse */
    uint16_t median;    /* the bucket holding the median reuse interval */
    uint32_t below;     /* reuses in the buckets below it */
    uint32_t isns[TR_POOL_ISNS_KEPT]; /* the latest attempts' ISNs: a NAT may move a retry to another port */
    uint8_t isn_next;
} tr_pool;

struct tr_port_pools {
    tr_entry_table *pools;
    int64_t time_wait_ns;
    size_t max_pools;
    size_t with_buckets;
    tr_table_bound bound;
    int64_t bucket_value[TR_BUCKETS];  /* each bucket's middle, computed once: pow() per SYN was dear */
    int64_t bucket_floor[TR_BUCKETS];  /* what each bucket holds is above this (bucket_of) */
};

static void pool_free(void *p)
{
    g_free(((tr_pool *)p)->buckets);
}

/* Bucket 0 holds the intervals up to 1 ms, bucket b >= 1 those above bucket_floor[b] =
 * 1 ms * 1.1^(b-1) (the last one everything beyond): a binary search over the floors, computed
 * once, where a log() per reusing SYN was dear. */
_Static_assert((TR_BUCKETS & (TR_BUCKETS - 1)) == 0, "bucket_of() searches by halves");
static int bucket_of(const tr_port_pools *p, int64_t ns)
{
    int b = 0;
    for (int step = TR_BUCKETS / 2; step > 0; step /= 2)
        if (ns > p->bucket_floor[b + step])
            b += step;
    return b;
}

tr_port_pools *tr_port_pools_new(int64_t time_wait_ns, size_t max_pools)
{
    tr_port_pools *p = g_new0(tr_port_pools, 1);
    p->pools = tr_entry_table_new(sizeof(tr_pool));
    p->time_wait_ns = time_wait_ns;
    p->max_pools = max_pools;
    /* The middle of bucket b, geometrically. */
    p->bucket_value[0] = (int64_t)TR_BUCKET_BASE_NS;
    for (int b = 1; b < TR_BUCKETS; b++) {
        p->bucket_value[b] = (int64_t)(TR_BUCKET_BASE_NS * pow(TR_BUCKET_RATIO, b - 0.5));
        p->bucket_floor[b] = (int64_t)(TR_BUCKET_BASE_NS * pow(TR_BUCKET_RATIO, b - 1));
    }
    return p;
}

void tr_port_pools_free(tr_port_pools *p)
{
    if (!p)
        return;
    tr_entry_table_free(p->pools, pool_free);
    g_free(p);
}

/* One more reuse in bucket b: the median bucket (the first whose running count reaches half
 * the reuses) moves a step or a few, where a walk over the buckets on each SYN cost more than
 * a pair lookup. Afterwards below < half <= below + buckets[median]. */
static void median_add(tr_pool *pool, int b)
{
    pool->buckets[b]++;
    pool->reuses++;
    if (b < pool->median)
        pool->below++;
    uint32_t half = (pool->reuses + 1) / 2;
    while (pool->median > 0 && pool->below >= half)
        pool->below -= pool->buckets[--pool->median];
    while (pool->below + pool->buckets[pool->median] < half)
        pool->below += pool->buckets[pool->median++];
}

static int64_t median_interval(const tr_port_pools *p, const tr_pool *pool)
{
    return pool->reuses ? p->bucket_value[pool->median] : 0;
}

static tr_pool *pool_of(tr_port_pools *p, const tr_segment *seg)
{
    tr_table_key key = tr_table_key_make(&seg->src, &seg->dst, 0, seg->dport);
    uint32_t hash = tr_table_key_hash(&key);
    uint32_t n = tr_entry_table_find(p->pools, &key, hash);
    if (n != TR_NO_ENTRY)
        return tr_entry_table_at(p->pools, n);
    if (tr_entry_table_count(p->pools) >= p->max_pools) {
        /* Full: the new pool is not kept. Said once, on the first refusal. */
        tr_table_bound_refuse(&p->bound);
        return NULL;
    }
    tr_pool *pool = tr_entry_table_at(p->pools, tr_entry_table_add(p->pools, &key, hash));
    pool->port_min = pool->port_max = seg->sport;
    pool->first_ns = seg->time_ns;
    return pool;
}

static void summarise(const tr_port_pools *p, const tr_pool *pool, int64_t now, tr_pool_finding *out)
{
    *out = (tr_pool_finding){
        .present = true,
        .syns = pool->syns,
        .ports = pool->ports,
        .port_min = pool->port_min,
        .port_max = pool->port_max,
        .span_ns = now - pool->first_ns,
        .cycle_ns = median_interval(p, pool),
    };
    double span_s = (double)out->span_ns / TR_NS_PER_S;
    double rate = span_s > 0 ? (pool->syns - 1) / span_s : 0;
    double needed = ceil(rate * (double)p->time_wait_ns / TR_NS_PER_S);
    out->per_second = rate < UINT32_MAX ? (uint32_t)lround(rate) : UINT32_MAX;
    out->ports_needed = needed < UINT32_MAX ? (uint32_t)needed : UINT32_MAX;
    out->addresses_needed = pool->ports ? (uint32_t)((out->ports_needed + pool->ports - 1) / pool->ports) : 0;
    if (out->addresses_needed == 0)
        out->addresses_needed = 1;
}

void tr_port_pools_attempt(tr_port_pools *p, const tr_segment *seg, bool first_on_pair, int64_t reuse_interval_ns,
                           tr_pool_finding *out)
{
    tr_pool *pool = pool_of(p, seg);
    if (!pool)
        return;
    bool moved_retry = false;
    uint32_t held = pool->syns < TR_POOL_ISNS_KEPT ? pool->syns : TR_POOL_ISNS_KEPT;  /* filled from isns[0] */
    for (uint32_t i = 0; i < held; i++)
        moved_retry |= pool->isns[i] == seg->seq;
    if (!moved_retry) {
        pool->syns++;
        pool->isns[pool->isn_next] = seg->seq;
        pool->isn_next = (uint8_t)((pool->isn_next + 1) % TR_POOL_ISNS_KEPT);
    }
    if (seg->sport < pool->port_min)
        pool->port_min = seg->sport;
    if (seg->sport > pool->port_max)
        pool->port_max = seg->sport;
    if (first_on_pair) {
        pool->ports++;
    } else if (reuse_interval_ns >= 0 && !moved_retry) {
        if (!pool->buckets) {
            pool->buckets = g_new0(uint32_t, TR_BUCKETS);
            p->with_buckets++;
        }
        median_add(pool, bucket_of(p, reuse_interval_ns));
    }
    /* Enough to say how the pool cycles: two comebacks (one reuse is no cycle yet) over at
     * least a second (a burst of SYNs has no rate), from more than one port (a client bound
     * to a fixed port has no pool to enlarge). */
    if (out && pool->reuses >= TR_POOL_MIN_REUSES && seg->time_ns - pool->first_ns >= TR_POOL_MIN_SPAN_NS &&
        pool->ports >= 2)
        summarise(p, pool, seg->time_ns, out);
}

bool tr_port_pools_take_full(tr_port_pools *p)
{
    return tr_table_bound_take(&p->bound);
}

size_t tr_port_pools_bytes(const tr_port_pools *p)
{
    return tr_entry_table_bytes(p->pools) + p->with_buckets * TR_BUCKETS * sizeof(uint32_t);
}
