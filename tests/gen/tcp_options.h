/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: TCP options as Linux lays them out (RFC 9293 3.1, RFC 7323, RFC 2018).
 */
#ifndef PCAPGEN_TCP_OPTIONS_H
#define PCAPGEN_TCP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TCP_OPTIONS_MAX 40

typedef struct tcp_options {
    uint16_t mss;           /* 0 = no MSS option */
    bool sack_permitted;
    int8_t window_scale;    /* -1 = no window scale option */
    bool timestamps;
    uint32_t tsval, tsecr;
} tcp_options;

/* Encodes the options, padded with NOPs to a multiple of 4 bytes; returns the length. */
size_t tcp_options_encode(const tcp_options *o, uint8_t out[TCP_OPTIONS_MAX]);

#endif
