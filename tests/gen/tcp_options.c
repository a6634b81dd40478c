/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: TCP option encoding in the order Linux uses
 * (MSS, SACK-permitted + timestamps, NOP + window scale).
 */
#include "tcp_options.h"

enum {
    OPT_NOP = 1,
    OPT_MSS = 2,
    OPT_WSCALE = 3,
    OPT_SACK_PERM = 4,
    OPT_TIMESTAMPS = 8,
};

static size_t put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return 4;
}

static size_t put_timestamps(uint8_t *p, const tcp_options *o)
{
    p[0] = OPT_TIMESTAMPS;
    p[1] = 10;
    put_be32(p + 2, o->tsval);
    put_be32(p + 6, o->tsecr);
    return 10;
}

size_t tcp_options_encode(const tcp_options *o, uint8_t out[TCP_OPTIONS_MAX])
{
    size_t n = 0;
    if (o->mss) {
        out[n++] = OPT_MSS;
        out[n++] = 4;
        out[n++] = (uint8_t)(o->mss >> 8);
        out[n++] = (uint8_t)o->mss;
    }
    if (o->sack_permitted && o->timestamps) {
        out[n++] = OPT_SACK_PERM;
        out[n++] = 2;
        n += put_timestamps(out + n, o);
    } else if (o->sack_permitted) {
        out[n++] = OPT_NOP;
        out[n++] = OPT_NOP;
        out[n++] = OPT_SACK_PERM;
        out[n++] = 2;
    } else if (o->timestamps) {
        out[n++] = OPT_NOP;
        out[n++] = OPT_NOP;
        n += put_timestamps(out + n, o);
    }
    if (o->window_scale >= 0) {
        out[n++] = OPT_NOP;
        out[n++] = OPT_WSCALE;
        out[n++] = 3;
        out[n++] = (uint8_t)o->window_scale;
    }
    while (n % 4)
        out[n++] = OPT_NOP;
    return n;
}
