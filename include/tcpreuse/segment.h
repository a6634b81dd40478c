/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the engine's input, one record per TCP segment.
 *
 * The Wireshark glue fills this from the frame's innermost IP and TCP headers;
 * tests, the fuzzer and the benchmark fill it directly. No Wireshark types here.
 */
#ifndef TCPREUSE_SEGMENT_H
#define TCPREUSE_SEGMENT_H

#include <stdbool.h>
#include <stdint.h>

/* TCP header flag bits, as on the wire (RFC 9293 section 3.1, low byte). */
enum {
    TR_TCP_FIN = 0x01,
    TR_TCP_SYN = 0x02,
    TR_TCP_RST = 0x04,
    TR_TCP_PSH = 0x08,
    TR_TCP_ACK = 0x10,
    TR_TCP_URG = 0x20,
    TR_TCP_ECE = 0x40,
    TR_TCP_CWR = 0x80,
};

typedef struct tr_address {
    uint8_t family;       /* 4 or 6 */
    uint8_t bytes[16];    /* IPv4 uses the first 4; the rest stays zero */
} tr_address;

typedef struct tr_segment {
    uint32_t frame;       /* capture frame number (1-based) */
    int64_t time_ns;      /* capture time, nanoseconds since the epoch */
    tr_address src, dst;
    uint16_t sport, dport;
    uint8_t flags;        /* TR_TCP_* */
    uint8_t reserved;     /* the three reserved header bits (RFC 9293 3.1; AE, RFC 9768, is not one) */
    uint32_t seq, ack;    /* raw (absolute) numbers */
    uint32_t payload_len; /* TCP payload bytes, from the IP length (not the captured length) */
    uint16_t window;      /* raw, unscaled */
    bool has_ts;          /* TCP timestamps option present (RFC 7323) */
    bool options_cut;     /* the TCP options were not all captured (snap length): has_ts unknown */
    uint32_t tsval, tsecr;
    bool has_wscale;      /* Window Scale option present (RFC 7323 2.2; on SYNs) */
    uint8_t wscale;       /* its shift count, at most 14 (RFC 7323 2.3) */
    uint8_t ttl;          /* IPv4 TTL or IPv6 hop limit */
    bool has_ip_id;       /* IPv4 only */
    uint16_t ip_id;
} tr_segment;

#endif
