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

/* A segment as copies are compared: every header field the analysis reads, in four words
 * (a timestamp or IPv4 ID field absent is 0, its presence flag in `shape` tells it apart).
 * The first word, seq and ack, which tells most segments apart, is kept in an array of its
 * own (tr_recent_segments.numbers): a segment that is no copy reads one cache line. */
typedef struct tr_seen_segment {
    uint64_t sizes;      /* payload_len | window << 32 | ip_id << 48 */
    uint64_t stamps;     /* tsval | tsecr << 32 */
    uint32_t shape;      /* flags | side << 8 | has_ts << 16 | has_ip_id << 24 */
    uint32_t frame;      /* 0: no segment here yet */
    int64_t time_ns;
} tr_seen_segment;

/* The latest segments of one socket pair. */
typedef struct tr_recent_segments {
    uint64_t numbers[TR_COPIES_KEPT];  /* seq | ack << 32 of each of seen[] */
    uint8_t next;
    bool ids_repeat[2];  /* this side gave two different segments one IPv4 ID (crafting tools) */
    bool proven;         /* this pair has shown copies proven by their IPv4 ID */
    uint16_t last_ip_id[2];
    tr_seen_segment seen[TR_COPIES_KEPT];  /* 168 bytes in all, no padding */
} tr_recent_segments;

/* The frame this segment (sent by `side`) is a copy of, or 0, when it is remembered as one of
 * the pair's latest segments. A copy has every header field the analysis reads equal to an
 * earlier segment's, within TR_COPY_WINDOW_NS. The IPv4 ID proves it (retransmissions get a
 * new one; `proven` is then set) when it is not 0 and the sender does not give one ID to different
 * segments (RFC 6864 4.1: IDs are unique per datagram within the MSL for fragmentable
 * datagrams; crafting tools often use one); segments without an ID (0, IPv6) are taken for
 * copies only once the same pair has shown proven copies, since two RSTs of one stack may be
 * alike in every field. */
uint32_t tr_copies_see(tr_recent_segments *r, uint8_t side, const tr_segment *seg);

#endif
