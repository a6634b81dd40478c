/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the frame walker's link-layer half and its entry points. The link types, Ethernet
 * and what an EtherType names (VLAN tags, MPLS, PPPoE, LLC/SNAP, transparent Ethernet); the IP
 * half is ip_walk.c.
 */
#include <string.h>

#include "walk_state.h"

enum {
    ETHERNET_HEADER = 14,
    ETHERNET_MAX_LENGTH = 1500, /* a type field up to this is an 802.3 length: LLC follows */
    VLAN_TAG = 4,               /* TCI, then the inner EtherType (IEEE 802.1Q) */
    PPPOE_HEADER = 6,           /* version/type, code, session, length (RFC 2516 4) */
    LLC_HEADER = 3,
    SNAP_HEADER = 8,            /* LLC AA AA 03, OUI, EtherType (RFC 1042) */
    MPLS_ENTRY = 4,
    MPLS_BOTTOM_OF_STACK = 0x100,
    SLL_HEADER = 16,
    SLL2_HEADER = 20,
    LOOPBACK_HEADER = 4,
};

enum {
    ETHERTYPE_IPV4 = 0x0800,
    ETHERTYPE_ARP = 0x0806,
    ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558, /* in GRE: a whole Ethernet frame (RFC 1701) */
    ETHERTYPE_RARP = 0x8035,
    ETHERTYPE_VLAN = 0x8100,
    ETHERTYPE_IPV6 = 0x86dd,
    ETHERTYPE_MAC_CONTROL = 0x8808,
    ETHERTYPE_SLOW_PROTOCOLS = 0x8809,
    ETHERTYPE_MPLS = 0x8847,
    ETHERTYPE_MPLS_MULTICAST = 0x8848,
    ETHERTYPE_PPPOE_DISCOVERY = 0x8863,
    ETHERTYPE_PPPOE_SESSION = 0x8864,
    ETHERTYPE_EAPOL = 0x888e,
    ETHERTYPE_QINQ = 0x88a8,
    ETHERTYPE_LLDP = 0x88cc,
    ETHERTYPE_PTP = 0x88f7,
    ETHERTYPE_CFM = 0x8902,
    ETHERTYPE_LOOPBACK = 0x9000,
    ETHERTYPE_QINQ_LEGACY = 0x9100,
};

/* PPP protocol numbers (RFC 1661 2, IANA "PPP DLL Protocol Numbers"). */
enum {
    PPP_IPV4 = 0x0021,
    PPP_VJ_COMPRESSED = 0x002d,
    PPP_VJ_UNCOMPRESSED = 0x002f,
    PPP_ENCRYPTED_LINK = 0x0055,
    PPP_ENCRYPTED = 0x0053,
    PPP_IPV6 = 0x0057,
    PPP_COMPRESSED_LINK = 0x00fb,
    PPP_COMPRESSED = 0x00fd,
    PPP_MPLS = 0x0281,
    PPP_MPLS_MULTICAST = 0x0283,
};

enum {
    ARPHRD_NETLINK = 824,     /* Linux cooked: the payload is a netlink message */
    LINUX_SLL_P_802_2 = 0x0004, /* Linux cooked protocol: an 802.2 LLC frame */
};

/* Loopback address families: BSD's AF_INET, and AF_INET6 as NetBSD/OpenBSD, FreeBSD and
 * Darwin number it (the pcap LINKTYPE_NULL description lists all three). */
enum {
    LOOPBACK_AF_INET = 2,
    LOOPBACK_AF_INET6_BSD = 24,
    LOOPBACK_AF_INET6_FREEBSD = 28,
    LOOPBACK_AF_INET6_DARWIN = 30,
};

bool walk_end(walker *w, tr_walk_status status, const char *why)
{
    w->result.status = status;
    w->result.why = why;
    return false;
}

static bool walk_ethernet(walker *w)
{
    if (walk_left(w) < ETHERNET_HEADER)
        return walk_end(w, TR_WALK_UNREADABLE, "an Ethernet header cut by the snap length");
    return walk_next(w, LAYER_ETHERTYPE, walk_be16(w->bytes + w->at + 12), ETHERNET_HEADER);
}

static bool walk_ethertype(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    uint16_t type = (uint16_t)w->value;
    if (type <= ETHERNET_MAX_LENGTH)
        return walk_next(w, LAYER_LLC, 0, 0);
    switch (type) {
    case ETHERTYPE_IPV4:
        return walk_next(w, LAYER_IP, 4, 0);
    case ETHERTYPE_IPV6:
        return walk_next(w, LAYER_IP, 6, 0);
    case ETHERTYPE_VLAN:
    case ETHERTYPE_QINQ:
    case ETHERTYPE_QINQ_LEGACY:
        if (walk_left(w) < VLAN_TAG)
            return walk_end(w, TR_WALK_UNREADABLE, "a VLAN tag cut by the snap length");
        return walk_next(w, LAYER_ETHERTYPE, walk_be16(p + 2), VLAN_TAG);
    case ETHERTYPE_MPLS:
    case ETHERTYPE_MPLS_MULTICAST:
        return walk_next(w, LAYER_MPLS, 0, 0);
    case ETHERTYPE_PPPOE_SESSION:
        if (walk_left(w) < PPPOE_HEADER)
            return walk_end(w, TR_WALK_UNREADABLE, "a PPPoE header cut by the snap length");
        return walk_next(w, LAYER_PPP, 0, PPPOE_HEADER);
    case ETHERTYPE_TRANSPARENT_ETHERNET:
        return walk_next(w, LAYER_ETHERNET, 0, 0);
    case ETHERTYPE_ARP:
    case ETHERTYPE_RARP:
    case ETHERTYPE_MAC_CONTROL:
    case ETHERTYPE_SLOW_PROTOCOLS:
    case ETHERTYPE_PPPOE_DISCOVERY:
    case ETHERTYPE_EAPOL:
    case ETHERTYPE_LLDP:
    case ETHERTYPE_PTP:
    case ETHERTYPE_CFM:
    case ETHERTYPE_LOOPBACK:
        return walk_end(w, TR_WALK_NOT_TCP, "an EtherType of a protocol other than IP");
    default:
        return walk_end(w, TR_WALK_UNREADABLE, "an EtherType the walker does not read");
    }
}

/* IEEE 802.2 LLC: only SNAP with the zero OUI (RFC 1042) carries an EtherType, hence IP. */
static bool walk_llc(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < LLC_HEADER)
        return walk_end(w, TR_WALK_UNREADABLE, "an LLC header cut by the snap length");
    if (p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03)
        return walk_end(w, TR_WALK_NOT_TCP, "an 802.2 LLC frame without SNAP");
    if (walk_left(w) < SNAP_HEADER)
        return walk_end(w, TR_WALK_UNREADABLE, "a SNAP header cut by the snap length");
    if (p[3] != 0 || p[4] != 0 || p[5] != 0)
        return walk_end(w, TR_WALK_NOT_TCP, "SNAP with an organisation's own protocol");
    return walk_next(w, LAYER_ETHERTYPE, walk_be16(p + 6), SNAP_HEADER);
}

/* An MPLS label stack down to its bottom entry (RFC 3032 2.1). The payload's type is not
 * signalled: an IP header says so by its version nibble. An Ethernet pseudowire (RFC 4448)
 * may or may not start with a control word (RFC 4385), and a control word looks like the start
 * of most MAC addresses: telling them apart would be a guess, so it is not read. */
static bool walk_mpls(walker *w)
{
    size_t at = w->at;
    for (;;) {
        if (w->captured - at < MPLS_ENTRY)
            return walk_end(w, TR_WALK_UNREADABLE, "an MPLS label stack cut by the snap length");
        uint32_t entry = walk_be32(w->bytes + at);
        at += MPLS_ENTRY;
        if (entry & MPLS_BOTTOM_OF_STACK)
            break;
    }
    size_t stack = at - w->at;
    if (w->captured == at)
        return walk_end(w, TR_WALK_UNREADABLE, "an MPLS payload not captured (snap length)");
    switch (w->bytes[at] >> 4) {
    case 4:
        return walk_next(w, LAYER_IP, 4, stack);
    case 6:
        return walk_next(w, LAYER_IP, 6, stack);
    case 1:
        return walk_end(w, TR_WALK_NOT_TCP, "an MPLS associated channel (RFC 5586)");
    default:
        return walk_end(w, TR_WALK_UNREADABLE, "an MPLS payload that is not IP (a pseudowire)");
    }
}

/* A PPP protocol field: one odd byte when compressed, else two (RFC 1661 6.5). */
static bool walk_ppp(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < 1 || (!(p[0] & 1) && walk_left(w) < 2))
        return walk_end(w, TR_WALK_UNREADABLE, "a PPP protocol field cut by the snap length");
    size_t len = (p[0] & 1) ? 1 : 2;
    uint16_t protocol = len == 1 ? p[0] : walk_be16(p);
    switch (protocol) {
    case PPP_IPV4:
        return walk_next(w, LAYER_IP, 4, len);
    case PPP_IPV6:
        return walk_next(w, LAYER_IP, 6, len);
    case PPP_MPLS:
    case PPP_MPLS_MULTICAST:
        return walk_next(w, LAYER_MPLS, 0, len);
    case PPP_VJ_COMPRESSED:
    case PPP_VJ_UNCOMPRESSED:
        return walk_end(w, TR_WALK_UNREADABLE, "Van Jacobson compressed TCP/IP (RFC 1144)");
    case PPP_COMPRESSED:
    case PPP_COMPRESSED_LINK:
        return walk_end(w, TR_WALK_UNREADABLE, "a PPP compressed datagram (RFC 1962)");
    case PPP_ENCRYPTED:
    case PPP_ENCRYPTED_LINK:
        return walk_end(w, TR_WALK_UNREADABLE, "a PPP encrypted datagram (RFC 1968)");
    default:
        return walk_end(w, TR_WALK_NOT_TCP, "a PPP protocol other than IP");
    }
}

/* Linux cooked captures: the protocol is an EtherType, or below 1536 one of Linux's own
 * ETH_P_* values for frames that have none, of which only 802.2 LLC can carry IP. */
static bool walk_linux_cooked(walker *w, uint16_t arphrd, uint16_t protocol, size_t header_len)
{
    if (arphrd == ARPHRD_NETLINK)
        return walk_end(w, TR_WALK_NOT_TCP, "a netlink message");
    if (protocol == LINUX_SLL_P_802_2)
        return walk_next(w, LAYER_LLC, 0, header_len);
    if (protocol <= ETHERNET_MAX_LENGTH)
        return walk_end(w, TR_WALK_NOT_TCP, "a Linux cooked frame of a protocol other than IP");
    return walk_next(w, LAYER_ETHERTYPE, protocol, header_len);
}

static bool walk_loopback(walker *w, uint32_t family)
{
    switch (family) {
    case LOOPBACK_AF_INET:
        return walk_next(w, LAYER_IP, 4, LOOPBACK_HEADER);
    case LOOPBACK_AF_INET6_BSD:
    case LOOPBACK_AF_INET6_FREEBSD:
    case LOOPBACK_AF_INET6_DARWIN:
        return walk_next(w, LAYER_IP, 6, LOOPBACK_HEADER);
    default:
        return walk_end(w, TR_WALK_NOT_TCP, "a loopback frame of a protocol other than IP");
    }
}

/* LINKTYPE_NULL's family is in the byte order of the host that wrote the file: a family
 * fits in 16 bits, so a value with high bits set was written the other way round. */
static uint32_t host_order_family(const uint8_t *p)
{
    uint32_t little = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return (little & 0xffff0000u) ? walk_be32(p) : little;
}

/* The link-layer header: the first step of every walk. */
static bool walk_link(walker *w, tr_link link)
{
    const uint8_t *p = w->bytes;
    /* Most frames: IPv4 straight after the Ethernet header, read from there at once (what
     * walk_ethernet() and walk_ethertype() would conclude, two steps shorter), before the
     * switch's compares. */
    if (link == TR_LINK_ETHERNET && w->captured >= ETHERNET_HEADER && walk_be16(p + 12) == ETHERTYPE_IPV4) {
        w->steps = 2;  /* the two steps it stands for count against the nesting bound */
        return walk_next(w, LAYER_IP, 4, ETHERNET_HEADER);
    }
    switch (link) {
    case TR_LINK_ETHERNET:
        return walk_next(w, LAYER_ETHERNET, 0, 0);
    case TR_LINK_RAW_IP:
        return walk_next(w, LAYER_IP, 0, 0);
    case TR_LINK_IPV4:
        return walk_next(w, LAYER_IP, 4, 0);
    case TR_LINK_IPV6:
        return walk_next(w, LAYER_IP, 6, 0);
    case TR_LINK_LINUX_SLL: /* packet type, ARPHRD type, address length, address (8), protocol */
        if (w->captured < SLL_HEADER)
            return walk_end(w, TR_WALK_UNREADABLE, "a Linux cooked header cut by the snap length");
        return walk_linux_cooked(w, walk_be16(p + 2), walk_be16(p + 14), SLL_HEADER);
    case TR_LINK_LINUX_SLL2: /* protocol, reserved, interface, ARPHRD type, packet type, address */
        if (w->captured < SLL2_HEADER)
            return walk_end(w, TR_WALK_UNREADABLE, "a Linux cooked header cut by the snap length");
        return walk_linux_cooked(w, walk_be16(p + 8), walk_be16(p), SLL2_HEADER);
    case TR_LINK_NULL:
    case TR_LINK_LOOP:
        if (w->captured < LOOPBACK_HEADER)
            return walk_end(w, TR_WALK_UNREADABLE, "a loopback header cut by the snap length");
        return walk_loopback(w, link == TR_LINK_LOOP ? walk_be32(p) : host_order_family(p));
    case TR_LINK_UNKNOWN:
        break;
    }
    return walk_end(w, TR_WALK_UNREADABLE, "a link type the walker does not read");
}

static bool walk_step(walker *w)
{
    switch (w->layer) {
    case LAYER_ETHERNET:
        return walk_ethernet(w);
    case LAYER_ETHERTYPE:
        return walk_ethertype(w);
    case LAYER_LLC:
        return walk_llc(w);
    case LAYER_MPLS:
        return walk_mpls(w);
    case LAYER_PPP:
        return walk_ppp(w);
    case LAYER_IP:
        return walk_ip(w);
    case LAYER_IP_PAYLOAD:
        return walk_ip_payload(w);
    }
    return walk_end(w, TR_WALK_UNREADABLE, "a layer the walker does not read");
}

static tr_walk walk_layers(walker *w)
{
    for (; w->steps < WALK_MAX_LAYERS; w->steps++)
        if (!walk_step(w))
            return w->result;
    walk_end(w, TR_WALK_UNREADABLE, "more than 32 nested headers");
    return w->result;
}

static void walker_init(walker *w, const uint8_t *bytes, size_t captured, size_t on_wire, tr_segment *seg)
{
    memset(w, 0, sizeof *w);
    w->bytes = bytes;
    w->captured = bytes ? captured : 0;
    w->on_wire = on_wire > w->captured ? on_wire : w->captured;
    w->seg = seg;
}

/* The walk of a frame from its link layer; `w` keeps where it ended. */
static tr_walk walk_frame(walker *w, tr_link link, const uint8_t *bytes, size_t captured, size_t on_wire,
                          tr_segment *seg)
{
    walker_init(w, bytes, captured, on_wire, seg);
    memset(seg, 0, sizeof *seg);
    if (!walk_link(w, link))
        return w->result;
    return walk_layers(w);
}

tr_walk tr_walk_frame_on_wire(tr_link link, const uint8_t *bytes, size_t captured, size_t on_wire,
                              tr_segment *seg)
{
    walker w;
    return walk_frame(&w, link, bytes, captured, on_wire, seg);
}

tr_walk tr_walk_frame(tr_link link, const uint8_t *bytes, size_t captured, tr_segment *seg)
{
    return tr_walk_frame_on_wire(link, bytes, captured, captured, seg);
}

tr_walk tr_walk_reassembled(tr_link link, const uint8_t *frame, size_t frame_captured, const uint8_t *payload,
                            size_t captured, size_t on_wire, tr_segment *seg)
{
    walker fragment;
    tr_walk result = walk_frame(&fragment, link, frame, frame_captured, frame_captured, seg);
    if (result.status != TR_WALK_FRAGMENT)
        return result;
    /* The payload goes on from the fragment's IP header, whose addresses stay in seg; no IP
     * length describes this buffer, so the payload length is what it holds. */
    walker w;
    walker_init(&w, payload, captured, on_wire, seg);
    w.ip_version = fragment.ip_version;
    w.result.ip_offset = result.ip_offset;
    walk_next(&w, LAYER_IP_PAYLOAD, fragment.fragment_proto, 0);
    return walk_layers(&w);
}

tr_link tr_link_from_pcap(uint32_t linktype)
{
    switch (linktype) {
    case 0:
        return TR_LINK_NULL;
    case 1:
        return TR_LINK_ETHERNET;
    case 101:
        return TR_LINK_RAW_IP;
    case 108:
        return TR_LINK_LOOP;
    case 113:
        return TR_LINK_LINUX_SLL;
    case 228:
        return TR_LINK_IPV4;
    case 229:
        return TR_LINK_IPV6;
    case 276:
        return TR_LINK_LINUX_SLL2;
    default:
        return TR_LINK_UNKNOWN;
    }
}
