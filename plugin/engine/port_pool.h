/* SPDX-License-Identifier: GPL-2.0-or-later
 * Port pools: how fast a client address (often a NAT's public address) cycles its source
 * ports towards one server endpoint, and what that means against the server's TIME_WAIT.
 * A port that comes back sooner than TIME_WAIT meets it; to avoid that, the pool must hold
 * at least (attempts per second x TIME_WAIT) ports, split over as many addresses as needed
 * (the arithmetic of seed 000: 20,000 ports every 25 s is 800/s, 48,000 ports, 3 addresses).
 */
#ifndef TCPREUSE_PORT_POOL_H
#define TCPREUSE_PORT_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

typedef struct tr_port_pools tr_port_pools;

tr_port_pools *tr_port_pools_new(int64_t time_wait_ns, size_t max_pools);
void tr_port_pools_free(tr_port_pools *p);

/* A new connection attempt (a SYN with a new ISN) from seg->src:sport to seg->dst:dport.
 * first_on_pair: no earlier SYN on this 4-tuple; reuse_interval_ns: otherwise the time since
 * that SYN (negative when unknown). A SYN repeating the ISN of one of the pool's latest
 * attempts is a retry a NAT moved to another port: its port counts, the attempt does not.
 * Fills *out (when not NULL) with the pool as it stands after this attempt, once the evidence
 * is enough: two comebacks, over at least one second, from at least two ports. The caller
 * shows it only where the server's TIME_WAIT is at stake (the server closed first). */
void tr_port_pools_attempt(tr_port_pools *p, const tr_segment *seg, bool first_on_pair, int64_t reuse_interval_ns,
                           tr_pool_finding *out);

/* True once: right after the attempt for which the table first refused a new pool
 * (max_pools reached; that pool and every new one after it are not kept). */
bool tr_port_pools_take_full(tr_port_pools *p);

size_t tr_port_pools_bytes(const tr_port_pools *p);

#endif
