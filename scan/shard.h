/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --shard K/N: this process analyses the segments of shard K of N, so that N
 * processes, on one machine or many, share a capture; `tcpreuse-scan merge` puts their outputs
 * together (merge.h).
 *
 * The key: the unordered pair of the segment's two addresses. Every piece of state a finding
 * depends on is keyed by something inside that pair, so each shard holds all of it for its
 * pairs and finds what one process finds (plugin/engine/):
 *   - the socket pair (pair_table.h: the 4-tuple, either direction): sessions, attempts, SYN
 *     history, copies, traits, reset loops, and each side's clock entry pointer;
 *   - timestamp clocks (clock_tracker.c): keyed by (source address, destination address);
 *   - port pools (port_pool.c): (client address, server address, server port);
 *   - ECN-setup paths (ecn_setup.c): (client address, server address, server port);
 *   - the findings (finding_arena.c) and late findings (engine.c): by frame, each frame's
 *     segment in one shard.
 * No rule reads across address pairs. A finer key (the 4-tuple, or the client address with the
 * server port) would split a pool or an address pair's clocks over shards; the client address
 * alone is not known from a segment (a server's segment before any SYN) while the pair is.
 * Two things are not per pair: the max_pairs bound (each shard's tables hold fewer entries, so a
 * shard forgets less than one process whose tables fill: equal output needs the one process's
 * tables not to fill, no "table full" finding), and the frames without a segment to key
 * (skipped as truncated or malformed: reported by shard 1 alone).
 * The hash is computed from the address bytes alone (FNV-1a, then a mix), the same on every
 * machine whatever its byte order, so shards run on different hosts agree.
 */
#ifndef TCPREUSE_SCAN_SHARD_H
#define TCPREUSE_SCAN_SHARD_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/segment.h"

typedef struct tr_shard {
    uint32_t index;  /* K - 1 */
    uint32_t count;  /* N; 1: the whole capture, no sharding */
} tr_shard;

#define TR_SHARD_MAX 4096u

/* "K/N", 1 <= K <= N <= TR_SHARD_MAX; false otherwise. */
bool tr_shard_parse(const char *text, tr_shard *out);

/* The segment's shard is this one. */
bool tr_shard_owns(const tr_shard *shard, const tr_segment *seg);

/* This shard reports the frames that have no segment to key (shard 1). */
bool tr_shard_owns_unkeyed(const tr_shard *shard);

#endif
