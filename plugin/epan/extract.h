/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: turn one dissected frame into a tr_segment.
 *
 * Only the protocol items tcp, ip, ipv6, icmp, icmpv6 and sflow are requested from Wireshark
 * (individual fields would cost more); the IP and TCP headers are read from the bytes
 * those items cover.
 */
#ifndef TCPREUSE_EXTRACT_H
#define TCPREUSE_EXTRACT_H

#include <wireshark.h>
#include <epan/packet.h>

#include "tcpreuse/segment.h"

typedef enum tr_extract_status {
    TR_EXTRACT_NONE = 0,   /* no TCP segment in this frame (a header quoted by ICMP or sampled by sFlow is none) */
    TR_EXTRACT_SEGMENT,    /* the segment was filled */
    TR_EXTRACT_TRUNCATED,  /* a TCP header that was not fully captured */
    TR_EXTRACT_MALFORMED,  /* an IP or TCP header whose bytes contradict themselves */
} tr_extract_status;

/* Resolve the protocol items the extraction reads; returns a new array of their hf ids for
 * set_postdissector_wanted_hfids() (which takes ownership). Call after all protocols are
 * registered (an init routine). */
GArray *tr_extract_wanted_hfids(void);

/* Fill seg from the innermost TCP header of this frame and the IP header enclosing it.
 * Needs the primed tree of the first pass; with tree == NULL nothing can be read. */
tr_extract_status tr_extract_segment(proto_tree *tree, packet_info *pinfo, tvbuff_t *frame_tvb, tr_segment *seg);

#endif
