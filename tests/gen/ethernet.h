/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: Ethernet II framing, with an optional 802.1Q tag, padded to the
 * 60-byte minimum as a NIC would.
 */
#ifndef PCAPGEN_ETHERNET_H
#define PCAPGEN_ETHERNET_H

#include <stddef.h>
#include <stdint.h>

#define ETHERNET_FRAME_MAX 1600

/* vlan_id 0 = untagged; ip_family 4 or 6 picks the EtherType. Returns the frame length. */
size_t ethernet_frame(uint8_t *out, size_t cap, const uint8_t dst[6], const uint8_t src[6],
                      uint16_t vlan_id, uint8_t ip_family, const uint8_t *datagram, size_t len);

#endif
