/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "live_filter.h"

#include <glib.h>

/* What no filter can reduce: tunnels (the inner header is at an offset BPF cannot follow) and
 * IPv6 whose first next header is an extension header (libpcap does not chase the chain), all
 * but UDP and ICMPv6 (sFlow, quotes: the walker skips them). */
#define KEPT_WHOLE                                                                                                  \
    "ip proto 4 or ip proto 41 or ip proto 47 or ip6 proto 4 or ip6 proto 41 or ip6 proto 47 or "                  \
    "(ip6 and not ip6 proto 6 and not ip6 proto 17 and not ip6 proto 58)"

/* Every TCP segment (with the snap length, its headers). */
#define ALL_TCP "(tcp or " KEPT_WHOLE ")"

/* SYN, FIN or RST set (the low three flag bits, TCP byte 13), or no payload: the IP length less
 * the IP and TCP headers. IPv4's header length is its own; IPv6's first header is 40 bytes,
 * TCP right after it (ip6[6] == 6). */
#define CONTROL_ONLY                                                                                                \
    "((ip and tcp and ((tcp[13] & 0x07) != 0 or ip[2:2] - ((ip[0] & 0x0f) << 2) - ((tcp[12] & 0xf0) >> 2) == 0)) " \
    "or (ip6 and ip6[6] == 6 and ((ip6[53] & 0x07) != 0 or ip6[4:2] - ((ip6[52] & 0xf0) >> 2) == 0)) or "         \
    KEPT_WHOLE ")"

char *tr_live_filter(bool control_only, bool ethernet)
{
    const char *b = control_only ? CONTROL_ONLY : ALL_TCP;
    if (!ethernet)
        return g_strdup(b);
    /* libpcap's vlan moves the offsets of what follows it: the same test again after one and
     * two tags. PPPoE sessions and MPLS are kept whole by their EtherType: libpcap's pppoes and
     * mpls keywords also move offsets, and beside vlan they compile to code that Linux's
     * socket filter refuses (then libpcap filters in user space and says so) or not at all. */
    return g_strdup_printf("ether proto 0x8864 or ether proto 0x8847 or ether proto 0x8848 or %s or (vlan and %s) or "
                           "(vlan and vlan and %s)",
                           b, b, b);
}
