/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: parse raw IPv4/IPv6 and TCP header bytes into a tr_segment.
 *
 * Pure byte parsing, no Wireshark types: every read is bounded by the `captured`
 * count the caller passes, so truncated or garbage headers cannot read out of bounds.
 */
#ifndef TCPREUSE_HEADERS_H
#define TCPREUSE_HEADERS_H

#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/segment.h"

#define TR_IPV4_MIN_HEADER 20u
#define TR_IPV6_HEADER 40u
#define TR_IP_MAX_HEADER 60u  /* IPv4 with options; IPv6's fixed header is shorter */
#define TR_TCP_MIN_HEADER 20u
#define TR_TCP_MAX_HEADER 60u
#define TR_IPPROTO_TCP 6u

typedef enum tr_header_status {
    TR_HEADER_OK = 0,
    TR_HEADER_TRUNCATED,  /* fewer bytes captured than the header needs */
    TR_HEADER_MALFORMED,  /* the bytes contradict themselves (version, IHL, data offset) */
} tr_header_status;

/* What the frame walker needs from an IP header beyond the segment's own fields. */
typedef struct tr_ip_header {
    uint32_t header_len;   /* IPv4 IHL*4; IPv6 40 (the walker reads the extension headers) */
    uint32_t datagram_len; /* IPv4 total length, IPv6 40 + payload length; 0 = not given (TSO, jumbogram) */
    uint8_t next_proto;    /* IPv4 protocol, IPv6 next header */
    bool fragment;         /* IPv4 only: MF set or a non-zero fragment offset */
} tr_ip_header;

/* Fill seg->src/dst/ttl/has_ip_id/ip_id from the IPv4 or IPv6 header at p. */
tr_header_status tr_parse_ip(const uint8_t *p, size_t captured, tr_segment *seg, tr_ip_header *ip);

/* Fill seg's ports, seq/ack, flags, window and timestamps from the TCP header at p;
 * *header_len gets the data offset in bytes. The fixed 20 bytes must be captured; options
 * cut by the snap length are read as far as they go and set seg->options_cut. Options that
 * are garbage (bad lengths, running past the header) end the option walk without an error. */
tr_header_status tr_parse_tcp(const uint8_t *p, size_t captured, tr_segment *seg, uint32_t *header_len);

#endif
