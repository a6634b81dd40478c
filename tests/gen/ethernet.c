/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: Ethernet II and IEEE 802.1Q framing.
 */
#include "ethernet.h"

#include <string.h>

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERNET_MIN_FRAME 60   /* without the FCS */

static size_t put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
    return 2;
}

size_t ethernet_frame(uint8_t *out, size_t cap, const uint8_t dst[6], const uint8_t src[6],
                      uint16_t vlan_id, uint8_t ip_family, const uint8_t *datagram, size_t len)
{
    size_t n = 14 + (vlan_id ? 4 : 0);
    if (n + len > cap || cap < ETHERNET_MIN_FRAME)
        return 0;
    memcpy(out, dst, 6);
    memcpy(out + 6, src, 6);
    size_t at = 12;
    if (vlan_id) {
        at += put_be16(out + at, ETHERTYPE_VLAN);
        at += put_be16(out + at, vlan_id & 0x0fff);
    }
    put_be16(out + at, ip_family == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
    memcpy(out + n, datagram, len);
    n += len;
    if (n < ETHERNET_MIN_FRAME) {
        memset(out + n, 0, ETHERNET_MIN_FRAME - n);
        n = ETHERNET_MIN_FRAME;
    }
    return n;
}
