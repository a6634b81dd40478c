/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the frame walker's IP half. IPv4 and IPv6 headers, IPv6 extension headers and
 * fragments, the Authentication Header, IP-in-IP and 6in4, GRE, and the TCP header that ends
 * a walk. ICMP and ICMPv6 end it too: a TCP header an error message quotes (RFC 792, RFC 4443
 * 2.4) belongs to some earlier packet, never to this frame.
 */
#include "headers.h"
#include "walk_state.h"

/* IANA protocol numbers (also IPv6 Next Header values). */
enum {
    PROTO_HOPOPTS = 0,
    PROTO_ICMP = 1,
    PROTO_IPV4 = 4,
    PROTO_TCP = 6,
    PROTO_UDP = 17,
    PROTO_IPV6 = 41,
    PROTO_ROUTING = 43,
    PROTO_FRAGMENT = 44,
    PROTO_GRE = 47,
    PROTO_ESP = 50,
    PROTO_AH = 51,
    PROTO_ICMPV6 = 58,
    PROTO_NO_NEXT_HEADER = 59,
    PROTO_DSTOPTS = 60,
};

/* GRE flags and version, the first 16 bits of its header (RFC 2784 2.1, RFC 2890 2). */
enum {
    GRE_CHECKSUM = 0x8000, /* checksum and reserved1: 4 bytes */
    GRE_ROUTING = 0x4000,  /* RFC 1701 source routing, deprecated by RFC 2784 */
    GRE_KEY = 0x2000,      /* 4 bytes */
    GRE_SEQUENCE = 0x1000, /* 4 bytes */
    GRE_VERSION = 0x0007,
    GRE_MIN_HEADER = 4,
};

enum {
    IPV6_FRAGMENT_HEADER = 8,
    IPV6_FRAGMENT_OFFSET_AND_MORE = 0xfff9, /* offset (13 bits) and the M flag (RFC 8200 4.5) */
};

/* Whether a datagram whose payload starts with `proto` can hold a TCP segment of its own
 * (directly, tunnelled, or after more IPv6 headers). */
static bool may_hold_tcp(const walker *w, uint8_t proto)
{
    switch (proto) {
    case PROTO_TCP:
    case PROTO_IPV4:
    case PROTO_IPV6:
    case PROTO_GRE:
    case PROTO_AH:
        return true;
    case PROTO_HOPOPTS:
    case PROTO_ROUTING:
    case PROTO_DSTOPTS:
        return w->ip_version == 6;
    default:
        return false;
    }
}

/* A fragment of a datagram: only the reassembled datagram is read (tr_walk_reassembled()). */
static bool walk_fragment(walker *w, uint8_t proto)
{
    if (proto == PROTO_ESP)
        return walk_end(w, TR_WALK_UNREADABLE, "ESP, an encrypted payload");
    if (!may_hold_tcp(w, proto))
        return walk_end(w, TR_WALK_NOT_TCP, "an IP fragment of a datagram that is not TCP");
    w->fragment_proto = proto;
    return walk_end(w, TR_WALK_FRAGMENT, NULL);
}

bool walk_ip(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    size_t left = walk_left(w);
    if (left == 0)
        return walk_end(w, TR_WALK_UNREADABLE, "an IP header not captured (snap length)");
    unsigned version = p[0] >> 4;
    if (w->value != 0 && version != w->value)
        return walk_end(w, TR_WALK_MALFORMED,
                        w->value == 4 ? "an IPv4 header with another IP version" : "an IPv6 header with another IP version");
    tr_ip_header ip;
    switch (tr_parse_ip(p, left, w->seg, &ip)) {
    case TR_HEADER_OK:
        break;
    case TR_HEADER_TRUNCATED:
        return walk_end(w, TR_WALK_UNREADABLE,
                        version == 4 ? "an IPv4 header cut by the snap length" : "an IPv6 header cut by the snap length");
    case TR_HEADER_MALFORMED:
        return walk_end(w, TR_WALK_MALFORMED,
                        version == 4 ? "an IPv4 header length below 20 bytes" : "an IP version neither 4 nor 6");
    }
    if (ip.datagram_len != 0 && ip.datagram_len < ip.header_len)
        return walk_end(w, TR_WALK_MALFORMED, "an IPv4 total length shorter than its header");
    w->ip_version = (uint8_t)version;
    w->ip_at = w->at;
    w->ip_datagram_len = ip.datagram_len;
    w->result.ip_offset = (uint32_t)w->at;
    if (ip.fragment)
        return walk_fragment(w, ip.next_proto);
    if (left < ip.header_len) {
        if (ip.next_proto != PROTO_TCP)
            return walk_end(w, TR_WALK_UNREADABLE, "IPv4 options cut by the snap length");
        w->result.tcp_offset = (uint32_t)(w->at + ip.header_len);
        return walk_end(w, TR_WALK_TRUNCATED, "a TCP header cut by the snap length");
    }
    return walk_next(w, LAYER_IP_PAYLOAD, ip.next_proto, ip.header_len);
}

/* The end of the walk: the TCP header, and the payload length from the innermost IP header's
 * length (or what was sent, when no IP length covers this buffer). */
static bool walk_tcp(walker *w)
{
    w->result.tcp_offset = (uint32_t)w->at;
    size_t readable = walk_left(w);
    if (readable < TR_TCP_MIN_HEADER)
        return walk_end(w, TR_WALK_TRUNCATED, "a TCP header cut by the snap length");
    size_t end = w->on_wire;
    if (w->ip_datagram_len != 0) {
        end = w->ip_at + w->ip_datagram_len;
        /* The receiver trims the buffer to the IP length first (Linux ip_rcv_core()) and then
         * finds no whole TCP header: such a datagram is dropped, not a segment. */
        if (end < w->at + TR_TCP_MIN_HEADER)
            return walk_end(w, TR_WALK_MALFORMED, "an IP datagram that ends inside its TCP header");
        /* Options past the datagram's end are not there (whatever the frame holds after it,
         * Ethernet padding say): they count as cut, like options the snap length cut. */
        if (end - w->at < readable)
            readable = end - w->at;
    }
    uint32_t header_len;
    if (tr_parse_tcp(w->bytes + w->at, readable, w->seg, &header_len) != TR_HEADER_OK)
        return walk_end(w, TR_WALK_MALFORMED, "a TCP data offset below 20 bytes");
    size_t payload = end > w->at + header_len ? end - w->at - header_len : 0;
    w->seg->payload_len = payload > UINT32_MAX ? UINT32_MAX : (uint32_t)payload;
    return walk_found_segment(w);
}

/* GRE (RFC 2784, with RFC 2890's key and sequence number): its protocol type is an EtherType. */
static bool walk_gre(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < GRE_MIN_HEADER)
        return walk_end(w, TR_WALK_UNREADABLE, "a GRE header cut by the snap length");
    uint16_t flags = walk_be16(p);
    if ((flags & GRE_VERSION) != 0)
        return walk_end(w, TR_WALK_UNREADABLE, "GRE of a version other than 0 (PPTP's is 1)");
    if (flags & GRE_ROUTING)
        return walk_end(w, TR_WALK_UNREADABLE, "GRE with source routing (RFC 1701)");
    size_t len = GRE_MIN_HEADER + ((flags & GRE_CHECKSUM) ? 4u : 0u) + ((flags & GRE_KEY) ? 4u : 0u) +
                 ((flags & GRE_SEQUENCE) ? 4u : 0u);
    if (walk_left(w) < len)
        return walk_end(w, TR_WALK_UNREADABLE, "a GRE header cut by the snap length");
    return walk_next(w, LAYER_ETHERTYPE, walk_be16(p + 2), len);
}

/* Hop-by-Hop, Routing and Destination Options: next header, then the length in 8-byte units
 * not counting the first (RFC 8200 4.3-4.6). */
static bool walk_extension_header(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < 2 || walk_left(w) < ((size_t)p[1] + 1) * 8)
        return walk_end(w, TR_WALK_UNREADABLE, "an IPv6 extension header cut by the snap length");
    return walk_next(w, LAYER_IP_PAYLOAD, p[0], ((size_t)p[1] + 1) * 8);
}

/* The Authentication Header: next header, then the length in 4-byte units minus 2 (RFC 4302
 * 2.2). It authenticates; what follows it is in the clear. */
static bool walk_authentication_header(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < 2 || walk_left(w) < ((size_t)p[1] + 2) * 4)
        return walk_end(w, TR_WALK_UNREADABLE, "an IP Authentication Header cut by the snap length");
    return walk_next(w, LAYER_IP_PAYLOAD, p[0], ((size_t)p[1] + 2) * 4);
}

static bool walk_fragment_header(walker *w)
{
    const uint8_t *p = w->bytes + w->at;
    if (walk_left(w) < IPV6_FRAGMENT_HEADER)
        return walk_end(w, TR_WALK_UNREADABLE, "an IPv6 Fragment header cut by the snap length");
    if (walk_be16(p + 2) & IPV6_FRAGMENT_OFFSET_AND_MORE)
        return walk_fragment(w, p[0]);
    /* An atomic fragment (offset 0, no more): the whole datagram (RFC 6946). */
    return walk_next(w, LAYER_IP_PAYLOAD, p[0], IPV6_FRAGMENT_HEADER);
}

bool walk_ip_payload(walker *w)
{
    if ((uint8_t)w->value == PROTO_TCP)
        return walk_tcp(w);  /* the usual frame's, one compare before the switch's chain of them */
    switch ((uint8_t)w->value) {
    case PROTO_IPV4:
        return walk_next(w, LAYER_IP, 4, 0);
    case PROTO_IPV6:
        return walk_next(w, LAYER_IP, 6, 0);
    case PROTO_GRE:
        return walk_gre(w);
    case PROTO_AH:
        return walk_authentication_header(w);
    case PROTO_HOPOPTS:
    case PROTO_ROUTING:
    case PROTO_DSTOPTS:
        if (w->ip_version == 6)
            return walk_extension_header(w);
        break;
    case PROTO_FRAGMENT:
        if (w->ip_version == 6)
            return walk_fragment_header(w);
        break;
    case PROTO_ESP:
        return walk_end(w, TR_WALK_UNREADABLE, "ESP, an encrypted payload");
    case PROTO_ICMP:
        return walk_end(w, TR_WALK_NOT_TCP, "ICMP (a TCP header it quotes is not this frame's)");
    case PROTO_ICMPV6:
        return walk_end(w, TR_WALK_NOT_TCP, "ICMPv6 (a TCP header it quotes is not this frame's)");
    case PROTO_UDP:
        return walk_end(w, TR_WALK_NOT_TCP, "UDP (tunnels over UDP and sFlow samples are not read)");
    case PROTO_NO_NEXT_HEADER:
        return walk_end(w, TR_WALK_NOT_TCP, "IPv6 No Next Header");
    default:
        break;
    }
    return walk_end(w, TR_WALK_NOT_TCP, "an IP protocol other than TCP");
}
