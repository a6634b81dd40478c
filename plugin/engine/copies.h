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

/* The latest segments of one socket pair, as copies are compared: every header field the
 * analysis reads, in four words a segment (a timestamp or IPv4 ID field absent is 0, its
 * presence bit in the shape tells it apart), each word in an array of its own (no padding
 * between the segments). The first, seq and ack, tells most segments apart: a segment that is
 * no copy reads only numbers[]. */
typedef struct tr_recent_segments {
    uint64_t numbers[TR_COPIES_KEPT];  /* seq | ack << 32 */
    uint64_t sizes[TR_COPIES_KEPT];    /* payload_len | window << 32 | ip_id << 48 */
    uint64_t stamps[TR_COPIES_KEPT];   /* tsval | tsecr << 32 */
    int64_t times[TR_COPIES_KEPT];
    uint32_t frames[TR_COPIES_KEPT];   /* 0: no segment here yet */
    uint16_t shapes[TR_COPIES_KEPT];   /* flags | side << 8 | has_ts << 9 | has_ip_id << 10 */
    uint16_t last_ip_id[2];
    uint8_t next;
    uint8_t ids_repeat : 2;  /* bit `side`: that side gave two different segments one IPv4 ID (crafting tools) */
    bool proven : 1;         /* this pair has shown copies proven by their IPv4 ID */
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
