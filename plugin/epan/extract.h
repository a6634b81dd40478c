/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: turn one frame into a tr_segment.
 *
 * The IP and TCP headers are read from the frame's own bytes by the frame walker
 * (plugin/wire/frame_walk.h), from the link layer of the frame's record in: no protocol tree
 * is needed, so tcpreuse asks Wireshark for none. What Wireshark dissected is consulted only
 * where the walker stops: TCP over IP fragments is read from the datagram Wireshark put back
 * together (a data source of the frame that completes it), and a frame whose own TCP header
 * Wireshark dissected (pinfo->layers) but the walker cannot read is said to be skipped, with
 * the reason.
 */
#ifndef TCPREUSE_EXTRACT_H
#define TCPREUSE_EXTRACT_H

#include <wireshark.h>
#include <epan/packet.h>

#include "tcpreuse/segment.h"

typedef enum tr_extract_status {
    TR_EXTRACT_NONE = 0,    /* no TCP segment in this frame (a header quoted by ICMP or sampled by sFlow is none) */
    TR_EXTRACT_SEGMENT,     /* the segment was filled */
    TR_EXTRACT_TRUNCATED,   /* a TCP header that was not fully captured */
    TR_EXTRACT_MALFORMED,   /* an IP or TCP header whose bytes contradict themselves */
    TR_EXTRACT_UNREADABLE,  /* TCP that Wireshark dissected as this frame's own, in an encapsulation the
                               walker does not read: *why names where it stopped */
} tr_extract_status;

/* Resolve the protocols whose layers the extraction looks at. Call after all protocols are
 * registered (an init routine). */
void tr_extract_init(void);

/* Fill seg from the innermost TCP header of this frame and the IP header enclosing it.
 * Works with or without a protocol tree (pass 1 of a plain `tshark -r` has none); only the
 * first pass of a frame has the reassembled data sources that TCP over fragments needs.
 * TR_EXTRACT_UNREADABLE sets *why to a static text. */
tr_extract_status tr_extract_segment(packet_info *pinfo, tvbuff_t *frame_tvb, tr_segment *seg, const char **why);

#endif
