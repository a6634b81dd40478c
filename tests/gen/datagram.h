/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: IP datagrams (IPv4 with header checksum, IPv6) carrying a TCP
 * segment (with checksum), an ICMP destination-unreachable, or any payload (tunnels).
 * Every builder writes into out (cap bytes) and returns the length, 0 when it does not fit.
 */
#ifndef PCAPGEN_DATAGRAM_H
#define PCAPGEN_DATAGRAM_H

#include <stddef.h>
#include <stdint.h>

enum {
    IPPROTO_NUM_ICMP = 1,
    IPPROTO_NUM_IPIP = 4,
    IPPROTO_NUM_TCP = 6,
    IPPROTO_NUM_UDP = 17,
    IPPROTO_NUM_GRE = 47,
};

typedef struct net_addr {
    uint8_t family;         /* 4 or 6 */
    uint8_t bytes[16];
} net_addr;

/* Parses a dotted IPv4 or a textual IPv6 address; aborts on a typo (addresses are literals). */
net_addr net_addr_parse(const char *text);

typedef struct ip_header_spec {
    net_addr src, dst;      /* same family */
    uint8_t ttl;            /* TTL or hop limit */
    uint16_t id;            /* IPv4 identification */
    uint8_t tos;            /* DSCP + ECN, or the IPv6 traffic class */
} ip_header_spec;

typedef struct tcp_header_spec {
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;          /* the low byte of the flags (CWR..FIN) */
    uint8_t reserved;       /* the three reserved bits (must be zero; set only by broken senders) */
    uint16_t window;
    const uint8_t *options; /* as on the wire, a multiple of 4 bytes, even when garbage */
    size_t options_len;
    uint32_t payload_len;   /* payload bytes, filled with printable filler */
} tcp_header_spec;

size_t ip_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, uint8_t proto,
                   const uint8_t *payload, size_t len);

size_t tcp_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, const tcp_header_spec *tcp);

/* ICMPv4 destination unreachable (type 3) quoting the start of an offending datagram. */
size_t icmp_unreachable_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, uint8_t code,
                                 const uint8_t *quoted, size_t quoted_len);

#endif
