/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: IP-in-IP (RFC 2003) and GRE (RFC 2784) encapsulation in IPv4.
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
} tunnel_kind;

/* Wraps an inner datagram of the given IP family into an outer IPv4 datagram
 * (kind is TUNNEL_IPIP or TUNNEL_GRE). */
size_t tunnel_wrap(uint8_t *out, size_t cap, tunnel_kind kind, const ip_header_spec *outer,
                   uint8_t inner_family, const uint8_t *inner, size_t len);

#endif
