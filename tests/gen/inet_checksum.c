/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the Internet checksum (RFC 1071).
 */
#include "inet_checksum.h"

uint32_t inet_checksum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (i < n)
        sum += (uint32_t)p[i] << 8;
    return sum;
}

uint16_t inet_checksum_finish(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffffu) + (sum >> 16);
    return (uint16_t)~sum;
}
