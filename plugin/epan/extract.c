/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: turn one frame into a tr_segment, from its bytes (see extract.h).
 */
#include "extract.h"

#include <wiretap/wtap.h>

#include "frame_walk.h"
#include "tcpreuse/hints.h"
#include "wtap_link.h"
#include "ws_compat.h"

/* The layers that tell whether Wireshark found a TCP header of this frame's own. */
static int proto_tcp = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
static int proto_sflow = -1;

void tr_extract_init(void)
{
    proto_tcp = proto_get_id_by_filter_name("tcp");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    proto_sflow = proto_get_id_by_filter_name("sflow");
}

/* The walker's name for the link type of the frame's record. */
static tr_link link_of(const packet_info *pinfo)
{
    if (!pinfo->rec || pinfo->rec->rec_type != REC_TYPE_PACKET)
        return TR_LINK_UNKNOWN;
    return tr_link_of_wtap_encap(pinfo->rec->rec_header.packet_header.pkt_encap);
}

static const uint8_t *bytes_of(tvbuff_t *tvb, size_t *captured)
{
    guint n = tvb_captured_length(tvb);
    *captured = n;
    return n ? tvb_get_ptr(tvb, 0, (gint)n) : NULL;
}

/* Wireshark shows TCP over IP fragments on the frame that completes the datagram, reading it
 * from the reassembled payload it adds as a data source of that frame: the walk goes on there.
 * Any other fragment stays TR_WALK_FRAGMENT. */
static tr_walk walk_reassembled(packet_info *pinfo, tr_link link, const uint8_t *frame, size_t captured,
                                tr_walk fragment, tr_segment *seg)
{
    const char *source = (frame[fragment.ip_offset] >> 4) == 6 ? "Reassembled IPv6" : "Reassembled IPv4";
    tvbuff_t *payload = tr_data_source_tvb(pinfo, source);
    if (!payload)
        return fragment;
    size_t payload_captured;
    const uint8_t *bytes = bytes_of(payload, &payload_captured);
    return tr_walk_reassembled(link, frame, captured, bytes, payload_captured, tvb_reported_length(payload), seg);
}

/* Whether Wireshark dissected a TCP header of this frame's own: TCP among the frame's layers
 * before any ICMP, ICMPv6 or sFlow, whose TCP headers quote or sample other packets. */
static bool wireshark_found_own_tcp(const packet_info *pinfo)
{
    if (proto_tcp == -1 || !pinfo->layers)
        return false;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int proto = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (proto == proto_tcp)
            return true;
        if (proto == proto_icmp || proto == proto_icmpv6 || proto == proto_sflow)
            return false;
    }
    return false;
}

tr_extract_status tr_extract_segment(packet_info *pinfo, tvbuff_t *frame_tvb, tr_segment *seg, const char **why)
{
    tr_link link = link_of(pinfo);
    size_t captured;
    const uint8_t *bytes = bytes_of(frame_tvb, &captured);
    tr_walk walk = tr_walk_frame_on_wire(link, bytes, captured, tvb_reported_length(frame_tvb), seg);
    if (TR_UNLIKELY(walk.status == TR_WALK_FRAGMENT))
        walk = walk_reassembled(pinfo, link, bytes, captured, walk, seg);

    switch (walk.status) {
    case TR_WALK_SEGMENT:
        seg->frame = pinfo->num;
        seg->time_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
        return TR_EXTRACT_SEGMENT;
    case TR_WALK_TRUNCATED:
        return TR_EXTRACT_TRUNCATED;
    case TR_WALK_MALFORMED:
        /* A header that contradicts itself below TCP stops Wireshark too: then there is no
         * segment to speak of. */
        return wireshark_found_own_tcp(pinfo) ? TR_EXTRACT_MALFORMED : TR_EXTRACT_NONE;
    case TR_WALK_NOT_TCP:
    case TR_WALK_FRAGMENT:
    case TR_WALK_UNREADABLE:
        break;
    }
    if (!wireshark_found_own_tcp(pinfo))
        return TR_EXTRACT_NONE;
    /* Never a guess: what Wireshark read and the walker cannot is skipped, saying why. */
    *why = walk.why ? walk.why : "an IP fragment that Wireshark did not reassemble";
    return TR_EXTRACT_UNREADABLE;
}
