/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: tunnel encapsulation.
 */
#include "tunnel.h"

#include <string.h>

#define IPPROTO_NUM_IPV6_IN_IP 41
#define GRE_HEADER_LEN 4

size_t tunnel_wrap(uint8_t *out, size_t cap, tunnel_kind kind, const ip_header_spec *outer,
                   uint8_t inner_family, const uint8_t *inner, size_t len)
{
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
