/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the Internet checksum (RFC 1071), summed in pieces.
 */
#ifndef PCAPGEN_INET_CHECKSUM_H
#define PCAPGEN_INET_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Adds n bytes, as big-endian 16-bit words, to a running sum. Pieces other than
 * the last must have an even length. */
uint32_t inet_checksum_add(uint32_t sum, const uint8_t *p, size_t n);

/* Folds the running sum and complements it: the value to put in the header. */
uint16_t inet_checksum_finish(uint32_t sum);

#endif
