/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: parse raw IPv4/IPv6 and TCP header bytes into a tr_segment.
 */
#include "headers.h"

#include <string.h>

enum {
    TCP_OPT_END = 0,
    TCP_OPT_NOP = 1,
    TCP_OPT_WSCALE = 3,
    TCP_OPT_WSCALE_LEN = 3,     /* RFC 7323 2.2: kind, length, shift count */
    TCP_OPT_TIMESTAMP = 8,
    TCP_OPT_TIMESTAMP_LEN = 10, /* RFC 7323 3.2: kind, length, TSval, TSecr */
};

static uint16_t get_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void set_address(tr_address *a, uint8_t family, const uint8_t *bytes, size_t n)
{
    memset(a, 0, sizeof *a);
    a->family = family;
    memcpy(a->bytes, bytes, n);
}

static tr_header_status parse_ipv4(const uint8_t *p, size_t captured, tr_segment *seg, tr_ip_header *ip)
{
    if (captured < TR_IPV4_MIN_HEADER)
        return TR_HEADER_TRUNCATED;
    ip->header_len = (uint32_t)(p[0] & 0x0f) * 4;
    if (ip->header_len < TR_IPV4_MIN_HEADER)
        return TR_HEADER_MALFORMED;
    ip->datagram_len = get_be16(p + 2);
    ip->next_proto = p[9];
    ip->fragment = (get_be16(p + 6) & 0x3fff) != 0; /* MF bit or fragment offset */
    seg->has_ip_id = true;
    seg->ip_id = get_be16(p + 4);
    seg->ttl = p[8];
    set_address(&seg->src, 4, p + 12, 4);
    set_address(&seg->dst, 4, p + 16, 4);
    return TR_HEADER_OK;
}

static tr_header_status parse_ipv6(const uint8_t *p, size_t captured, tr_segment *seg, tr_ip_header *ip)
{
    if (captured < TR_IPV6_HEADER)
        return TR_HEADER_TRUNCATED;
    uint16_t payload_len = get_be16(p + 4);
    ip->header_len = TR_IPV6_HEADER;
    ip->datagram_len = payload_len ? TR_IPV6_HEADER + payload_len : 0;
    ip->next_proto = p[6];
    ip->fragment = false;
    seg->has_ip_id = false;
    seg->ip_id = 0;
    seg->ttl = p[7];
    set_address(&seg->src, 6, p + 8, 16);
    set_address(&seg->dst, 6, p + 24, 16);
    return TR_HEADER_OK;
}

tr_header_status tr_parse_ip(const uint8_t *p, size_t captured, tr_segment *seg, tr_ip_header *ip)
{
    if (captured < 1)
        return TR_HEADER_TRUNCATED;
    switch (p[0] >> 4) {
    case 4:
        return parse_ipv4(p, captured, seg, ip);
    case 6:
        return parse_ipv6(p, captured, seg, ip);
    default:
        return TR_HEADER_MALFORMED;
    }
}

/* Walk the options between the fixed header and the data offset, looking for Timestamps.
 * A kind-8 option with a length other than 10 is not a usable Timestamps option (RFC 7323 3.2)
 * and is skipped like any other; the walk stops at End of Option List or at a length that is
 * below 2 or runs past the header. A repeated Timestamps option overwrites the earlier one, as
 * the receiver's parser (Linux tcp_parse_options()) does. */
static void parse_tcp_options(const uint8_t *opt, size_t len, tr_segment *seg)
{
    size_t i = 0;
    /* Most segments carry NOP, NOP, Timestamps (the layout RFC 7323 Appendix A suggests, and
     * what Linux and the BSDs send): read at once, the walk goes on after it. */
    if (len >= 12 && opt[0] == TCP_OPT_NOP && opt[1] == TCP_OPT_NOP && opt[2] == TCP_OPT_TIMESTAMP &&
        opt[3] == TCP_OPT_TIMESTAMP_LEN) {
        seg->has_ts = true;
        seg->tsval = get_be32(opt + 4);
        seg->tsecr = get_be32(opt + 8);
        i = 12;
    }
    while (i < len) {
        uint8_t kind = opt[i];
        if (kind == TCP_OPT_END)
            return;
        if (kind == TCP_OPT_NOP) {
            i++;
            continue;
        }
        if (i + 1 >= len)
            return;
        size_t opt_len = opt[i + 1];
        if (opt_len < 2 || opt_len > len - i)
            return;
        if (kind == TCP_OPT_TIMESTAMP && opt_len == TCP_OPT_TIMESTAMP_LEN) {
            seg->has_ts = true;
            seg->tsval = get_be32(opt + i + 2);
            seg->tsecr = get_be32(opt + i + 6);
        } else if (kind == TCP_OPT_WSCALE && opt_len == TCP_OPT_WSCALE_LEN) {
            /* RFC 7323 2.3: a shift above 14 is taken as 14 (Linux tcp_parse_options()). */
            seg->has_wscale = true;
            seg->wscale = opt[i + 2] > 14 ? 14 : opt[i + 2];
        }
        i += opt_len;
    }
}

tr_header_status tr_parse_tcp(const uint8_t *p, size_t captured, tr_segment *seg, uint32_t *header_len)
{
    if (captured < TR_TCP_MIN_HEADER)
        return TR_HEADER_TRUNCATED;
    *header_len = (uint32_t)(p[12] >> 4) * 4;
    if (*header_len < TR_TCP_MIN_HEADER)
        return TR_HEADER_MALFORMED;
    seg->sport = get_be16(p);
    seg->dport = get_be16(p + 2);
    seg->seq = get_be32(p + 4);
    seg->ack = get_be32(p + 8);
    seg->flags = p[13];
    seg->reserved = (uint8_t)((p[12] >> 1) & 0x07);
    seg->window = get_be16(p + 14);
    seg->has_ts = false;
    seg->tsval = seg->tsecr = 0;
    seg->has_wscale = false;
    seg->wscale = 0;
    seg->options_cut = captured < *header_len;
    size_t options = (seg->options_cut ? captured : *header_len) - TR_TCP_MIN_HEADER;
    parse_tcp_options(p + TR_TCP_MIN_HEADER, options, seg);
    return TR_HEADER_OK;
}
