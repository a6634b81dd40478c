/* SPDX-License-Identifier: GPL-2.0-or-later
 * Frames for the frame walker's tests (frame_build.h).
 */
#include "frame_build.h"

#include <stdlib.h>
#include <string.h>

const uint8_t inner_src[4] = {10, 1, 0, 2};
const uint8_t inner_dst[4] = {10, 9, 0, 80};
const uint8_t outer_src[4] = {192, 0, 2, 1};
const uint8_t outer_dst[4] = {192, 0, 2, 2};
const uint8_t inner6_src[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};
const uint8_t inner6_dst[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 9, [15] = 0x80};

void put_be16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

void put_be32(uint8_t *p, uint32_t v)
{
    put_be16(p, (uint16_t)(v >> 16));
    put_be16(p + 2, (uint16_t)v);
}

void prepend(frame *f, const uint8_t *bytes, size_t n)
{
    if (f->n + n > FRAME_MAX)
        abort();
    memmove(f->b + n, f->b, f->n);
    memcpy(f->b, bytes, n);
    f->n += n;
}

frame tcp_segment(size_t payload)
{
    static const uint8_t options[20] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, SEG_TSVAL, 0, 0, 0, SEG_TSECR, 1, 3, 3, 7};
    frame f = {.n = SEG_HEADER + payload};
    if (f.n > FRAME_MAX)
        abort();
    put_be16(f.b, SEG_SPORT);
    put_be16(f.b + 2, SEG_DPORT);
    put_be32(f.b + 4, SEG_SEQ);
    put_be32(f.b + 8, SEG_ACK);
    f.b[12] = (SEG_HEADER / 4) << 4;
    f.b[13] = 0x12; /* SYN, ACK */
    put_be16(f.b + 14, 29200);
    memcpy(f.b + 20, options, sizeof options);
    memset(f.b + SEG_HEADER, 'x', payload);
    return f;
}

frame tcp_header_with_offset(uint8_t data_offset)
{
    frame f = tcp_segment(0);
    f.b[12] = (uint8_t)(data_offset << 4);
    f.n = 20;
    return f;
}

void wrap_ipv4(frame *f, uint8_t proto, const uint8_t src[4], const uint8_t dst[4])
{
    uint8_t h[20] = {0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, 64, proto};
    put_be16(h + 2, (uint16_t)(sizeof h + f->n));
    memcpy(h + 12, src, 4);
    memcpy(h + 16, dst, 4);
    prepend(f, h, sizeof h);
}

void wrap_ipv6(frame *f, uint8_t next_header, const uint8_t src[16], const uint8_t dst[16])
{
    uint8_t h[40] = {0x60, 0, 0, 0, 0, 0, next_header, 61};
    put_be16(h + 4, (uint16_t)f->n);
    memcpy(h + 8, src, 16);
    memcpy(h + 24, dst, 16);
    prepend(f, h, sizeof h);
}

void wrap_ipv6_extension(frame *f, uint8_t next_header, uint8_t len8)
{
    uint8_t h[256 * 8] = {next_header, len8, 1, 0}; /* a PadN option, then zeros (Pad1) */
    prepend(f, h, ((size_t)len8 + 1) * 8);
}

void wrap_ipv6_fragment(frame *f, uint8_t next_header, uint16_t offset_units, int more)
{
    uint8_t h[8] = {next_header, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef};
    put_be16(h + 2, (uint16_t)((offset_units << 3) | (more ? 1 : 0)));
    prepend(f, h, sizeof h);
}

void wrap_gre(frame *f, uint16_t flags, uint16_t protocol)
{
    uint8_t h[16] = {0};
    size_t n = 4 + ((flags & 0x8000) ? 4 : 0) + ((flags & 0x2000) ? 4 : 0) + ((flags & 0x1000) ? 4 : 0);
    put_be16(h, flags);
    put_be16(h + 2, protocol);
    prepend(f, h, n);
}

void wrap_ethernet(frame *f, uint16_t type)
{
    uint8_t h[14] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1};
    put_be16(h + 12, type);
    prepend(f, h, sizeof h);
}

void wrap_vlan_tag(frame *f, uint16_t inner_type)
{
    uint8_t h[4] = {0x00, 100};
    put_be16(h + 2, inner_type);
    prepend(f, h, sizeof h);
}

void wrap_mpls(frame *f, uint32_t label, int bottom)
{
    uint8_t h[4];
    put_be32(h, (label << 12) | (bottom ? 0x100u : 0) | 64u);
    prepend(f, h, sizeof h);
}

void wrap_pppoe_session(frame *f, uint16_t ppp_protocol)
{
    uint8_t ppp[2];
    put_be16(ppp, ppp_protocol);
    prepend(f, ppp, sizeof ppp);
    uint8_t h[6] = {0x11, 0x00, 0x12, 0x34};
    put_be16(h + 4, (uint16_t)f->n);
    prepend(f, h, sizeof h);
}

void wrap_linux_sll(frame *f, uint16_t arphrd, uint16_t protocol)
{
    uint8_t h[16] = {0, 0, 0, 0, 0, 6, 0x02, 0, 0, 0, 0, 1};
    put_be16(h + 2, arphrd);
    put_be16(h + 14, protocol);
    prepend(f, h, sizeof h);
}

void wrap_linux_sll2(frame *f, uint16_t arphrd, uint16_t protocol)
{
    uint8_t h[20] = {0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 6, 0x02, 0, 0, 0, 0, 1};
    put_be16(h, protocol);
    put_be16(h + 8, arphrd);
    prepend(f, h, sizeof h);
}

frame ethernet_ipv4_segment(size_t payload)
{
    frame f = tcp_segment(payload);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    wrap_ethernet(&f, 0x0800);
    return f;
}
