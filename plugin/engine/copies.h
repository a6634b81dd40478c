/* SPDX-License-Identifier: GPL-2.0-or-later
 * Copies: the same segment captured more than once (capture on several interfaces, span
 * ports, merged files). A copy is analysed once, as its first capture; later copies only
 * name it.
 */
#ifndef TCPREUSE_COPIES_H
#define TCPREUSE_COPIES_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/segment.h"

#define TR_COPIES_KEPT 4                  /* copies of several segments may interleave */
#define TR_COPY_WINDOW_NS 20000000LL      /* 20 ms: far below any retransmission timer */

typedef struct tr_seen_segment {
    int64_t time_ns;         /* first: no padding (40 bytes, not 48) */
    uint32_t frame;
    uint32_t seq, ack, payload_len, tsval, tsecr;
    uint16_t window, ip_id;
    uint8_t flags, side;
    bool has_ts, has_ip_id;
} tr_seen_segment;

/* The latest segments of one socket pair. */
typedef struct tr_recent_segments {
    tr_seen_segment seen[TR_COPIES_KEPT];
    uint8_t next;
    bool ids_repeat[2];  /* this side gave two different segments one IPv4 ID (crafting tools) */
    uint16_t last_ip_id[2];
    bool proven;         /* this pair has shown copies proven by their IPv4 ID */
} tr_recent_segments;

/* The frame this segment (sent by `side`) is a copy of, or 0. A copy has every header field
 * the analysis reads equal to an earlier segment's, within TR_COPY_WINDOW_NS. The IPv4 ID
 * proves it (retransmissions get a new one; *proof is set) when it is not 0 and the sender
 * does not give one ID to different segments (RFC 6864 4.1: IDs are unique per datagram
 * within the MSL for fragmentable datagrams; crafting tools often use one); segments without
 * an ID (0, IPv6) are taken for copies only once the same pair has shown proven copies, since
 * two RSTs of one stack may be alike in every field. */
uint32_t tr_copies_find(tr_recent_segments *r, uint8_t side, const tr_segment *seg);

void tr_copies_remember(tr_recent_segments *r, uint8_t side, const tr_segment *seg);

#endif
