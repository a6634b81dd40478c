/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: IPv4/IPv6 datagram builders (RFC 791, RFC 8200, RFC 9293, RFC 792).
 */
#define _POSIX_C_SOURCE 200809L
#include "datagram.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inet_checksum.h"

#define IPV4_HEADER_LEN 20
#define IPV6_HEADER_LEN 40
#define TCP_HEADER_LEN 20
#define ICMP_HEADER_LEN 8
#define ICMP_QUOTE_MAX 548  /* RFC 1812 4.3.2.3: as much as fits in 576 bytes */

net_addr net_addr_parse(const char *text)
{
    net_addr a = {0};
    if (inet_pton(AF_INET, text, a.bytes) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, text, a.bytes) == 1) {
        a.family = 6;
    } else {
        fprintf(stderr, "tcpreuse-pcapgen: bad address literal '%s'\n", text);
        abort();
    }
    return a;
}

static void put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    put_be16(p, (uint16_t)(v >> 16));
    put_be16(p + 2, (uint16_t)v);
}

static size_t addr_len(const net_addr *a)
{
    return a->family == 6 ? 16 : 4;
}

size_t ip_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, uint8_t proto,
                   const uint8_t *payload, size_t len)
{
    size_t hlen = ip->src.family == 6 ? IPV6_HEADER_LEN : IPV4_HEADER_LEN;
    if (hlen + len > cap || hlen + len > 0xffff)
        return 0;
    uint8_t *h = out;
    memset(h, 0, hlen);
    if (ip->src.family == 6) {
        h[0] = (uint8_t)(0x60 | ip->tos >> 4);
        h[1] = (uint8_t)(ip->tos << 4);
        put_be16(h + 4, (uint16_t)len);
        h[6] = proto;
        h[7] = ip->ttl;
        memcpy(h + 8, ip->src.bytes, 16);
        memcpy(h + 24, ip->dst.bytes, 16);
    } else {
        h[0] = 0x45;
        h[1] = ip->tos;
        put_be16(h + 2, (uint16_t)(hlen + len));
        put_be16(h + 4, ip->id);
        put_be16(h + 6, 0x4000);    /* don't fragment */
        h[8] = ip->ttl;
        h[9] = proto;
        memcpy(h + 12, ip->src.bytes, 4);
        memcpy(h + 16, ip->dst.bytes, 4);
        put_be16(h + 10, inet_checksum_finish(inet_checksum_add(0, h, hlen)));
    }
    memmove(out + hlen, payload, len);
    return hlen + len;
}

/* The pseudo-header sum for an upper-layer checksum (RFC 9293 3.1, RFC 8200 8.1). */
static uint32_t pseudo_header_sum(const ip_header_spec *ip, uint8_t proto, size_t len)
{
    uint8_t tail[8] = {0};
    uint32_t sum = inet_checksum_add(0, ip->src.bytes, addr_len(&ip->src));
    sum = inet_checksum_add(sum, ip->dst.bytes, addr_len(&ip->dst));
    put_be32(tail, (uint32_t)len);
    tail[7] = proto;
    return inet_checksum_add(sum, tail, sizeof tail);
}

static void fill_payload(uint8_t *p, size_t n)
{
    static const char filler[] = "tcpreuse-pcapgen payload ";
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)filler[i % (sizeof filler - 1)];
}

size_t tcp_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, const tcp_header_spec *tcp)
{
    uint8_t seg[TCP_HEADER_LEN + 60 + 0xffff];
    size_t hlen = TCP_HEADER_LEN + tcp->options_len;
    size_t len = hlen + tcp->payload_len;
    if (tcp->options_len > 40 || tcp->options_len % 4 || len > sizeof seg)
        return 0;
    memset(seg, 0, TCP_HEADER_LEN);
    put_be16(seg, tcp->sport);
    put_be16(seg + 2, tcp->dport);
    put_be32(seg + 4, tcp->seq);
    put_be32(seg + 8, tcp->ack);
    seg[12] = (uint8_t)(hlen / 4 << 4 | (tcp->reserved & 0x07) << 1);
    seg[13] = tcp->flags;
    put_be16(seg + 14, tcp->window);
    memcpy(seg + TCP_HEADER_LEN, tcp->options, tcp->options_len);
    fill_payload(seg + hlen, tcp->payload_len);
    uint32_t sum = pseudo_header_sum(ip, IPPROTO_NUM_TCP, len);
    put_be16(seg + 16, inet_checksum_finish(inet_checksum_add(sum, seg, len)));
    return ip_datagram(out, cap, ip, IPPROTO_NUM_TCP, seg, len);
}

size_t icmp_unreachable_datagram(uint8_t *out, size_t cap, const ip_header_spec *ip, uint8_t code,
                                 const uint8_t *quoted, size_t quoted_len)
{
    uint8_t msg[ICMP_HEADER_LEN + ICMP_QUOTE_MAX];
    if (quoted_len > ICMP_QUOTE_MAX)
        quoted_len = ICMP_QUOTE_MAX;
    memset(msg, 0, ICMP_HEADER_LEN);
    msg[0] = 3;     /* destination unreachable */
    msg[1] = code;
    memcpy(msg + ICMP_HEADER_LEN, quoted, quoted_len);
    size_t len = ICMP_HEADER_LEN + quoted_len;
    put_be16(msg + 2, inet_checksum_finish(inet_checksum_add(0, msg, len)));
    return ip_datagram(out, cap, ip, IPPROTO_NUM_ICMP, msg, len);
}
