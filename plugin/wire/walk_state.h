/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the frame walker's state, shared by its link-layer half (frame_walk.c) and its IP
 * half (ip_walk.c). Not part of the interface: callers use frame_walk.h.
 *
 * A walk is a loop over layers: each step reads one header at `at`, bounded by `captured`,
 * and either names the next layer (walk_next) or ends the walk (walk_end). The loop stops after
 * WALK_MAX_LAYERS steps, so no nesting of tunnels or tags can make it run long.
 */
#ifndef TCPREUSE_WALK_STATE_H
#define TCPREUSE_WALK_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frame_walk.h"
#include "tcpreuse/hints.h"

enum { WALK_MAX_LAYERS = 32 };

typedef enum walk_layer {
    LAYER_ETHERNET,   /* an Ethernet header (destination, source, type or length) */
    LAYER_ETHERTYPE,  /* a payload named by an Ethernet type: `value` */
    LAYER_LLC,        /* an IEEE 802.2 LLC header (SNAP carries an Ethernet type) */
    LAYER_MPLS,       /* an MPLS label stack (RFC 3032) and what its bottom carries */
    LAYER_PPP,        /* a PPP protocol field (RFC 1661) and its payload */
    LAYER_IP,         /* an IP header of version `value` (0: by its version nibble) */
    LAYER_IP_PAYLOAD, /* what an IP header or IPv6 extension header names by protocol number `value` */
} walk_layer;

typedef struct walker {
    const uint8_t *bytes;
    size_t captured;          /* bytes of `bytes` that may be read */
    size_t on_wire;           /* what the buffer was long when sent (>= captured) */
    size_t at;                /* where the current layer starts: always <= captured */
    walk_layer layer;
    uint32_t value;
    tr_segment *seg;          /* filled by each IP header met, so the innermost one's fields stay */
    uint8_t ip_version;       /* of the innermost IP header so far (0: none in this buffer yet) */
    size_t ip_at;             /* where it starts */
    uint32_t ip_datagram_len; /* its datagram length from `ip_at`; 0: not given */
    uint8_t fragment_proto;   /* TR_WALK_FRAGMENT: the protocol the datagram's payload starts with */
    int steps;                /* layers read so far, at most WALK_MAX_LAYERS */
    tr_walk result;
} walker;

/* Bytes left to read from the current layer on. */
static inline size_t walk_left(const walker *w)
{
    return w->captured - w->at;
}

static inline uint16_t walk_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t walk_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Go on with `layer` (of `value`) `skip` bytes further; the caller has checked they are there. */
static inline bool walk_next(walker *w, walk_layer layer, uint32_t value, size_t skip)
{
    w->at += skip;
    w->layer = layer;
    w->value = value;
    return true;
}

/* End the walk; returns false so that a step can `return walk_end(...)`. Every end but a
 * segment's is out of line (hints.h: frames without TCP are common in captures, but what the
 * plugin's cost is made of is the path of a TCP frame, which stays short). */
TR_COLD bool walk_end(walker *w, tr_walk_status status, const char *why);

/* The end of a walk that found the segment. */
static inline bool walk_found_segment(walker *w)
{
    w->result.status = TR_WALK_SEGMENT;
    w->result.why = NULL;
    return false;
}

/* The IP half (ip_walk.c): one step of LAYER_IP or of LAYER_IP_PAYLOAD. */
bool walk_ip(walker *w);
bool walk_ip_payload(walker *w);

#endif
