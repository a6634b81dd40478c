/* SPDX-License-Identifier: GPL-2.0-or-later
 * Frames for the frame walker's tests, built from the inside out: a TCP segment first, then
 * each header in front of what is there (IP lengths are those of what they wrap).
 */
#ifndef TCPREUSE_TEST_FRAME_BUILD_H
#define TCPREUSE_TEST_FRAME_BUILD_H

#include <stddef.h>
#include <stdint.h>

enum { FRAME_MAX = 2048 };

typedef struct frame {
    uint8_t b[FRAME_MAX];
    size_t n;
} frame;

/* The segment every test frame carries unless it says otherwise: 10.1.0.2:40000 ->
 * 10.9.0.80:80 (inner addresses of tunnels), seq 1000, ack 2000, SYN|ACK, window 29200, the
 * options MSS, SACK-permitted, Timestamps (TSval 7, TSecr 9), NOP, window scale 7 (data offset
 * 40), then `payload` bytes. */
enum {
    SEG_SPORT = 40000,
    SEG_DPORT = 80,
    SEG_SEQ = 1000,
    SEG_ACK = 2000,
    SEG_TSVAL = 7,
    SEG_TSECR = 9,
    SEG_HEADER = 40,
};
extern const uint8_t inner_src[4], inner_dst[4], outer_src[4], outer_dst[4];
extern const uint8_t inner6_src[16], inner6_dst[16];

frame tcp_segment(size_t payload);
/* A TCP header with `data_offset` 32-bit words and no options. */
frame tcp_header_with_offset(uint8_t data_offset);

void prepend(frame *f, const uint8_t *bytes, size_t n);
void put_be16(uint8_t *p, uint16_t v);
void put_be32(uint8_t *p, uint32_t v);

/* IPv4 (TTL 64, ID 0x1234, DF) around f: total length 20 + f->n. */
void wrap_ipv4(frame *f, uint8_t proto, const uint8_t src[4], const uint8_t dst[4]);
/* IPv6 (hop limit 61) around f: payload length f->n. */
void wrap_ipv6(frame *f, uint8_t next_header, const uint8_t src[16], const uint8_t dst[16]);
/* An IPv6 extension header of (len8 + 1) * 8 bytes in the generic format (RFC 8200 4). */
void wrap_ipv6_extension(frame *f, uint8_t next_header, uint8_t len8);
void wrap_ipv6_fragment(frame *f, uint8_t next_header, uint16_t offset_units, int more);
/* GRE with the given flags (checksum, key, sequence fields zero-filled as the flags ask). */
void wrap_gre(frame *f, uint16_t flags, uint16_t protocol);
void wrap_ethernet(frame *f, uint16_t type);
/* An 802.1Q/802.1ad tag: TCI, then `inner_type`; the caller puts the tag's type in front. */
void wrap_vlan_tag(frame *f, uint16_t inner_type);
void wrap_mpls(frame *f, uint32_t label, int bottom);
void wrap_pppoe_session(frame *f, uint16_t ppp_protocol);
void wrap_linux_sll(frame *f, uint16_t arphrd, uint16_t protocol);
void wrap_linux_sll2(frame *f, uint16_t arphrd, uint16_t protocol);

/* The common frame: Ethernet, IPv4 (inner addresses), the segment with `payload` bytes. */
frame ethernet_ipv4_segment(size_t payload);

#endif
