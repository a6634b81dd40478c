/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: tunnel encapsulation.
 */
#include "tunnel.h"

#include <string.h>

#define IPPROTO_NUM_IPV6_IN_IP 41
#define GRE_HEADER_LEN 4
#define SFLOW_PORT 6343
#define SFLOW_HEADER_LEN 28      /* version, agent type and address, sub-agent, sequence, uptime, samples */
#define SFLOW_SAMPLE_LEN 48      /* sample and flow-sample headers, one raw-packet-header record */
#define UDP_HEADER_LEN 8

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return p + 4;
}

/* UDP to the collector: an sFlow v5 datagram with one flow sample whose raw-packet-header
 * record holds the packet (an Ethernet frame around the inner datagram). */
static size_t sflow_wrap(uint8_t *out, size_t cap, const ip_header_spec *outer, uint8_t inner_family,
                         const uint8_t *inner, size_t len)
{
    static const uint8_t macs[12] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1};
    size_t frame = 14 + len, padded = (frame + 3) & ~(size_t)3;
    uint8_t udp[UDP_HEADER_LEN + SFLOW_HEADER_LEN + SFLOW_SAMPLE_LEN + 14 + 1500 + 3];
    if (frame > 14 + 1500)
        return 0;
    uint8_t *p = udp + UDP_HEADER_LEN;
    p = put32(p, 5);                 /* sFlow version 5 */
    p = put32(p, 1);                 /* agent address: IPv4 */
    memcpy(p, outer->src.bytes, 4);
    p += 4;
    p = put32(p, 0);                 /* sub-agent */
    p = put32(p, outer->id);         /* datagram sequence */
    p = put32(p, 1000);              /* agent uptime, ms */
    p = put32(p, 1);                 /* one sample */
    p = put32(p, 1);                 /* flow sample */
    p = put32(p, (uint32_t)(32 + 8 + 16 + padded));
    p = put32(p, outer->id);         /* sample sequence */
    p = put32(p, 3);                 /* source id: ifIndex 3 */
    p = put32(p, 1);                 /* sampling rate 1:1 */
    p = put32(p, outer->id);         /* sample pool */
    p = put32(p, 0);                 /* drops */
    p = put32(p, 1);                 /* input interface */
    p = put32(p, 2);                 /* output interface */
    p = put32(p, 1);                 /* one record */
    p = put32(p, 1);                 /* raw packet header */
    p = put32(p, (uint32_t)(16 + padded));
    p = put32(p, 1);                 /* header protocol: Ethernet */
    p = put32(p, (uint32_t)frame);   /* frame length */
    p = put32(p, 0);                 /* bytes stripped */
    p = put32(p, (uint32_t)frame);   /* header length */
    memcpy(p, macs, 12);
    p[12] = inner_family == 6 ? 0x86 : 0x08;
    p[13] = inner_family == 6 ? 0xdd : 0x00;
    memcpy(p + 14, inner, len);
    memset(p + frame, 0, padded - frame);
    size_t udp_len = (size_t)(p + padded - udp);
    udp[0] = (uint8_t)(SFLOW_PORT >> 8);  /* from the agent's port to the collector's */
    udp[1] = (uint8_t)SFLOW_PORT;
    udp[2] = (uint8_t)(SFLOW_PORT >> 8);
    udp[3] = (uint8_t)SFLOW_PORT;
    udp[4] = (uint8_t)(udp_len >> 8);
    udp[5] = (uint8_t)udp_len;
    udp[6] = udp[7] = 0;             /* no UDP checksum (allowed over IPv4) */
    return ip_datagram(out, cap, outer, IPPROTO_NUM_UDP, udp, udp_len);
}

size_t tunnel_wrap(uint8_t *out, size_t cap, tunnel_kind kind, const ip_header_spec *outer,
                   uint8_t inner_family, const uint8_t *inner, size_t len)
{
    if (kind == TUNNEL_SFLOW)
        return sflow_wrap(out, cap, outer, inner_family, inner, len);
    if (kind == TUNNEL_IPIP) {
        uint8_t proto = inner_family == 6 ? IPPROTO_NUM_IPV6_IN_IP : IPPROTO_NUM_IPIP;
        return ip_datagram(out, cap, outer, proto, inner, len);
    }
    uint8_t gre[GRE_HEADER_LEN + 0xffff];
    if (len > sizeof gre - GRE_HEADER_LEN)
        return 0;
    gre[0] = 0;     /* no checksum, key or sequence; version 0 */
    gre[1] = 0;
    gre[2] = inner_family == 6 ? 0x86 : 0x08;
    gre[3] = inner_family == 6 ? 0xdd : 0x00;
    memcpy(gre + GRE_HEADER_LEN, inner, len);
    return ip_datagram(out, cap, outer, IPPROTO_NUM_GRE, gre, GRE_HEADER_LEN + len);
}
