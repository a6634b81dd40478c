/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: IP-in-IP (RFC 2003) and GRE (RFC 2784) encapsulation in IPv4, and sFlow
 * version 5 samples (a copy of the packet's first bytes sent to a collector, RFC 3176).
 */
#ifndef PCAPGEN_TUNNEL_H
#define PCAPGEN_TUNNEL_H

#include <stddef.h>
#include <stdint.h>

#include "datagram.h"

typedef enum tunnel_kind {
    TUNNEL_NONE = 0,
    TUNNEL_IPIP,
    TUNNEL_GRE,
    TUNNEL_SFLOW,  /* not a tunnel: each frame is a UDP datagram carrying a sample of the packet */
} tunnel_kind;

/* Wraps an inner datagram of the given IP family into an outer IPv4 datagram
 * (kind is TUNNEL_IPIP, TUNNEL_GRE or TUNNEL_SFLOW). */
size_t tunnel_wrap(uint8_t *out, size_t cap, tunnel_kind kind, const ip_header_spec *outer,
                   uint8_t inner_family, const uint8_t *inner, size_t len);

#endif
