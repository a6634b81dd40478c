/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: find the TCP segment of a captured frame in its bytes, from the link layer in.
 *
 * Shared by the Wireshark plugin and tcpreuse-scan, so that both read frames the same way
 * and neither needs a dissection tree. No Wireshark types here: the callers map their link
 * type (a wiretap encapsulation, a pcap DLT) to tr_link.
 *
 * What the walker reads: Ethernet II (with 802.1Q/802.1ad VLAN and QinQ tags, MPLS label
 * stacks, PPPoE session frames), Linux cooked captures (SLL, SLL2), raw IP, BSD and OpenBSD
 * loopback; inside IP: IPv6 extension headers, IP-in-IP and 6in4 (protocols 4 and 41), GRE
 * (RFC 2784/2890, IPv4 or IPv6 or transparent Ethernet inside). The innermost TCP header that
 * is this frame's own is the segment: a TCP header quoted by an ICMP or ICMPv6 error (RFC 792,
 * RFC 4443 2.4) or sampled inside sFlow (RFC 3176, a UDP payload) is never one.
 * Also read: 802.3 frames with LLC/SNAP (RFC 1042), the IP Authentication Header (RFC 4302);
 * under MPLS only IP (not pseudowires). A walk follows at most 32 headers (tags, labels,
 * tunnels).
 */
#ifndef TCPREUSE_FRAME_WALK_H
#define TCPREUSE_FRAME_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/segment.h"

typedef enum tr_link {
    TR_LINK_UNKNOWN = 0,  /* a link type the walker does not read */
    TR_LINK_ETHERNET,     /* LINKTYPE_ETHERNET */
    TR_LINK_RAW_IP,       /* LINKTYPE_RAW: IPv4 or IPv6 by the version nibble */
    TR_LINK_IPV4,         /* LINKTYPE_IPV4 */
    TR_LINK_IPV6,         /* LINKTYPE_IPV6 */
    TR_LINK_LINUX_SLL,    /* LINKTYPE_LINUX_SLL */
    TR_LINK_LINUX_SLL2,   /* LINKTYPE_LINUX_SLL2 */
    TR_LINK_NULL,         /* LINKTYPE_NULL: BSD loopback, address family in host byte order */
    TR_LINK_LOOP,         /* LINKTYPE_LOOP: OpenBSD loopback, address family in network order */
} tr_link;

typedef enum tr_walk_status {
    TR_WALK_SEGMENT = 0,  /* a TCP segment: the segment is filled (all but frame and time_ns) */
    TR_WALK_NOT_TCP,      /* no TCP segment of this frame's own in it */
    TR_WALK_TRUNCATED,    /* a TCP segment whose TCP header the snap length cut */
    TR_WALK_MALFORMED,    /* an IP or TCP header that contradicts itself */
    TR_WALK_FRAGMENT,     /* a fragment of an IP datagram carrying TCP: the segment is only whole
                             once reassembled (the caller may have the reassembled bytes) */
    TR_WALK_UNREADABLE,   /* the walker cannot read what is there (unknown link type, ESP, an
                             unknown GRE or Ethernet payload that may hold TCP): `why` says what */
} tr_walk_status;

typedef struct tr_walk {
    tr_walk_status status;
    const char *why;      /* TR_WALK_UNREADABLE, TR_WALK_MALFORMED: a static text naming the layer;
                             also what the frame holds instead (TR_WALK_NOT_TCP) and what was cut
                             (TR_WALK_TRUNCATED); NULL only on segments and fragments */
    uint32_t ip_offset;   /* bytes from the frame start to the innermost IP header (segments, fragments) */
    uint32_t tcp_offset;  /* ... and to the TCP header (segments; also TR_WALK_TRUNCATED, and
                             TR_WALK_MALFORMED when the TCP header is what contradicts itself: 0 when
                             the walk did not reach a TCP header) */
} tr_walk;

/* Walk `captured` bytes of a frame of link type `link`. On TR_WALK_SEGMENT, seg holds the
 * addresses, ports, numbers, flags, options, TTL, IP ID and payload length (from the IP
 * lengths, so that a frame cut by the snap length still counts what was sent); frame and
 * time_ns are the caller's to fill. Every read is bounded by `captured`. TCP options that the
 * snap length or the end of the IP datagram cut set seg->options_cut; a datagram that ends
 * inside the fixed 20 bytes of its TCP header is TR_WALK_MALFORMED. */
tr_walk tr_walk_frame(tr_link link, const uint8_t *bytes, size_t captured, tr_segment *seg);

/* The same for a frame that was `on_wire` bytes long when sent, of which `captured` were saved:
 * where no IP length gives the payload length (a 0 IPv4 total length, captured before TCP
 * segmentation offload; an IPv6 jumbogram), it counts the bytes sent after the TCP header.
 * tr_walk_frame() is this with on_wire = captured. */
tr_walk tr_walk_frame_on_wire(tr_link link, const uint8_t *bytes, size_t captured, size_t on_wire,
                              tr_segment *seg);

/* The segment carried by an IP datagram whose fragments were put back together, for the frame
 * whose walk ended in TR_WALK_FRAGMENT: `payload` is the reassembled payload of that datagram
 * (what follows its IPv4 header, or its IPv6 Fragment header), `captured` bytes of it at hand,
 * `on_wire` its length. Addresses, TTL and IP ID are the frame's own fragment header's, unless
 * the payload tunnels another IP header. tcp_offset (and ip_offset, when an IP header is
 * tunnelled inside) count from the start of `payload`. A frame whose walk does not end in
 * TR_WALK_FRAGMENT gets that walk's result. */
tr_walk tr_walk_reassembled(tr_link link, const uint8_t *frame, size_t frame_captured, const uint8_t *payload,
                            size_t captured, size_t on_wire, tr_segment *seg);

/* The tr_link of a pcap/pcapng link-layer header type (LINKTYPE_* of
 * https://www.tcpdump.org/linktypes.html), TR_LINK_UNKNOWN for the others. */
tr_link tr_link_from_pcap(uint32_t linktype);

#endif
