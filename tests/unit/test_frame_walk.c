/* SPDX-License-Identifier: GPL-2.0-or-later
 * The frame walker (plugin/wire/frame_walk.h) on well-formed frames: every link type and
 * encapsulation it reads finds the segment with the innermost IP header's fields, and what
 * is not this frame's own segment (ICMP quotes, sFlow samples) is not one. Bad input (cuts at
 * every byte, garbage, contradictions, fragments) is test_frame_walk_bad.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "frame_build.h"
#include "frame_walk.h"

/* Walks an exact-size heap copy of f, so that a read past `captured` is a heap overflow that
 * valgrind or ASan reports. */
static tr_walk walk(tr_link link, const frame *f, tr_segment *seg)
{
    uint8_t *copy = malloc(f->n ? f->n : 1);
    assert_non_null(copy);
    memcpy(copy, f->b, f->n);
    tr_walk r = tr_walk_frame(link, copy, f->n, seg);
    free(copy);
    return r;
}

/* The segment of tcp_segment(payload) under IPv4 with the inner addresses. */
static void assert_inner_segment(const tr_segment *seg, uint32_t payload)
{
    assert_int_equal(seg->src.family, 4);
    assert_memory_equal(seg->src.bytes, inner_src, 4);
    assert_memory_equal(seg->dst.bytes, inner_dst, 4);
    assert_int_equal(seg->sport, SEG_SPORT);
    assert_int_equal(seg->dport, SEG_DPORT);
    assert_int_equal(seg->seq, SEG_SEQ);
    assert_int_equal(seg->ack, SEG_ACK);
    assert_int_equal(seg->flags, 0x12);
    assert_int_equal(seg->window, 29200);
    assert_true(seg->has_ts);
    assert_int_equal(seg->tsval, SEG_TSVAL);
    assert_int_equal(seg->tsecr, SEG_TSECR);
    assert_true(seg->has_wscale);
    assert_int_equal(seg->wscale, 7);
    assert_false(seg->options_cut);
    assert_int_equal(seg->ttl, 64);
    assert_true(seg->has_ip_id);
    assert_int_equal(seg->ip_id, 0x1234);
    assert_int_equal(seg->payload_len, payload);
    assert_int_equal(seg->frame, 0);
    assert_int_equal(seg->time_ns, 0);
}

static void assert_ipv6_segment(const tr_segment *seg, uint32_t payload)
{
    assert_int_equal(seg->src.family, 6);
    assert_memory_equal(seg->src.bytes, inner6_src, 16);
    assert_memory_equal(seg->dst.bytes, inner6_dst, 16);
    assert_int_equal(seg->sport, SEG_SPORT);
    assert_int_equal(seg->seq, SEG_SEQ);
    assert_int_equal(seg->ttl, 61);
    assert_false(seg->has_ip_id);
    assert_int_equal(seg->payload_len, payload);
}

static void assert_segment_at(tr_walk r, uint32_t ip_offset, uint32_t tcp_offset)
{
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_null(r.why);
    assert_int_equal(r.ip_offset, ip_offset);
    assert_int_equal(r.tcp_offset, tcp_offset);
}

static void ethernet(void **state)
{
    (void)state;
    frame f = ethernet_ipv4_segment(100);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 14, 34);
    assert_inner_segment(&seg, 100);

    /* Padding after the datagram (a minimum-size frame) is not payload. */
    f = ethernet_ipv4_segment(0);
    memset(f.b + f.n, 0, 6);
    f.n += 6;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 14, 34);
    assert_inner_segment(&seg, 0);
}

static void ethernet_ipv6(void **state)
{
    (void)state;
    frame f = tcp_segment(10);
    wrap_ipv6(&f, 6, inner6_src, inner6_dst);
    wrap_ethernet(&f, 0x86dd);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 14, 54);
    assert_ipv6_segment(&seg, 10);
}

static void vlan_tags(void **state)
{
    (void)state;
    static const uint16_t outer_tags[] = {0x8100, 0x88a8, 0x9100};
    for (size_t i = 0; i < sizeof outer_tags / sizeof outer_tags[0]; i++) {
        frame f = tcp_segment(5);
        wrap_ipv4(&f, 6, inner_src, inner_dst);
        wrap_vlan_tag(&f, 0x0800);
        tr_segment seg;
        frame single = f;
        wrap_ethernet(&single, outer_tags[i]);
        assert_segment_at(walk(TR_LINK_ETHERNET, &single, &seg), 18, 38);
        assert_inner_segment(&seg, 5);
        /* QinQ: an 802.1ad service tag around an 802.1Q customer tag */
        wrap_vlan_tag(&f, 0x8100);
        wrap_ethernet(&f, outer_tags[i]);
        assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 22, 42);
        assert_inner_segment(&seg, 5);
    }
}

static void mpls(void **state)
{
    (void)state;
    frame f = tcp_segment(0);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    wrap_mpls(&f, 16, 1);
    wrap_mpls(&f, 17, 0);
    wrap_ethernet(&f, 0x8847);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 22, 42);
    assert_inner_segment(&seg, 0);

    /* An Ethernet pseudowire, with a control word or without: not read (which it is, is a guess) */
    frame pw = tcp_segment(0);
    wrap_ipv4(&pw, 6, inner_src, inner_dst);
    wrap_ethernet(&pw, 0x0800);
    frame with_cw = pw;
    static const uint8_t control_word[4] = {0, 0, 0, 1};
    prepend(&with_cw, control_word, sizeof control_word);
    wrap_mpls(&with_cw, 20, 1);
    wrap_ethernet(&with_cw, 0x8847);
    tr_walk r = walk(TR_LINK_ETHERNET, &with_cw, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "MPLS"));
    wrap_mpls(&pw, 20, 1);
    wrap_ethernet(&pw, 0x8847);
    assert_int_equal(walk(TR_LINK_ETHERNET, &pw, &seg).status, TR_WALK_UNREADABLE);
    /* An associated channel (OAM) */
    frame ach = tcp_segment(0);
    ach.b[0] = 0x10;
    wrap_mpls(&ach, 13, 1);
    wrap_ethernet(&ach, 0x8847);
    assert_int_equal(walk(TR_LINK_ETHERNET, &ach, &seg).status, TR_WALK_NOT_TCP);

    /* IPv6 under a label */
    frame v6 = tcp_segment(1);
    wrap_ipv6(&v6, 6, inner6_src, inner6_dst);
    wrap_mpls(&v6, 2, 1);
    wrap_ethernet(&v6, 0x8847);
    assert_segment_at(walk(TR_LINK_ETHERNET, &v6, &seg), 18, 58);
    assert_ipv6_segment(&seg, 1);
}

static void pppoe(void **state)
{
    (void)state;
    frame f = tcp_segment(3);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    wrap_pppoe_session(&f, 0x0021);
    wrap_ethernet(&f, 0x8864);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 22, 42);
    assert_inner_segment(&seg, 3);

    frame v6 = tcp_segment(0);
    wrap_ipv6(&v6, 6, inner6_src, inner6_dst);
    wrap_pppoe_session(&v6, 0x0057);
    wrap_vlan_tag(&v6, 0x8864);
    wrap_ethernet(&v6, 0x8100);
    assert_segment_at(walk(TR_LINK_ETHERNET, &v6, &seg), 26, 66);
    assert_ipv6_segment(&seg, 0);

    frame lcp = tcp_segment(0);
    wrap_pppoe_session(&lcp, 0xc021);
    wrap_ethernet(&lcp, 0x8864);
    assert_int_equal(walk(TR_LINK_ETHERNET, &lcp, &seg).status, TR_WALK_NOT_TCP);
    frame vj = tcp_segment(0);
    wrap_pppoe_session(&vj, 0x002d);
    wrap_ethernet(&vj, 0x8864);
    tr_walk r = walk(TR_LINK_ETHERNET, &vj, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "Van Jacobson"));
}

static void llc_snap(void **state)
{
    (void)state;
    frame f = tcp_segment(0);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    static const uint8_t snap[8] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
    prepend(&f, snap, sizeof snap);
    wrap_ethernet(&f, (uint16_t)f.n);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 22, 42);
    assert_inner_segment(&seg, 0);

    frame stp = tcp_segment(0);
    static const uint8_t llc_stp[3] = {0x42, 0x42, 0x03};
    prepend(&stp, llc_stp, sizeof llc_stp);
    wrap_ethernet(&stp, (uint16_t)stp.n);
    assert_int_equal(walk(TR_LINK_ETHERNET, &stp, &seg).status, TR_WALK_NOT_TCP);
}

static void linux_cooked(void **state)
{
    (void)state;
    frame base = tcp_segment(2);
    wrap_ipv4(&base, 6, inner_src, inner_dst);
    tr_segment seg;

    frame sll = base;
    wrap_linux_sll(&sll, 1, 0x0800);
    assert_segment_at(walk(TR_LINK_LINUX_SLL, &sll, &seg), 16, 36);
    assert_inner_segment(&seg, 2);

    frame sll2 = base;
    wrap_linux_sll2(&sll2, 1, 0x0800);
    assert_segment_at(walk(TR_LINK_LINUX_SLL2, &sll2, &seg), 20, 40);
    assert_inner_segment(&seg, 2);

    /* A VLAN tag the capturing host did not strip */
    frame tagged = base;
    wrap_vlan_tag(&tagged, 0x0800);
    wrap_linux_sll(&tagged, 1, 0x8100);
    assert_segment_at(walk(TR_LINK_LINUX_SLL, &tagged, &seg), 20, 40);

    frame netlink = base;
    wrap_linux_sll(&netlink, 824, 0x0800);
    assert_int_equal(walk(TR_LINK_LINUX_SLL, &netlink, &seg).status, TR_WALK_NOT_TCP);
    frame can = base;
    wrap_linux_sll2(&can, 280, 0x000c);
    assert_int_equal(walk(TR_LINK_LINUX_SLL2, &can, &seg).status, TR_WALK_NOT_TCP);
}

static void raw_ip(void **state)
{
    (void)state;
    frame v4 = tcp_segment(9);
    wrap_ipv4(&v4, 6, inner_src, inner_dst);
    frame v6 = tcp_segment(9);
    wrap_ipv6(&v6, 6, inner6_src, inner6_dst);
    tr_segment seg;
    assert_segment_at(walk(TR_LINK_RAW_IP, &v4, &seg), 0, 20);
    assert_inner_segment(&seg, 9);
    assert_segment_at(walk(TR_LINK_RAW_IP, &v6, &seg), 0, 40);
    assert_ipv6_segment(&seg, 9);
    assert_segment_at(walk(TR_LINK_IPV4, &v4, &seg), 0, 20);
    assert_segment_at(walk(TR_LINK_IPV6, &v6, &seg), 0, 40);
    /* The link type names the version: the other one is not that header */
    assert_int_equal(walk(TR_LINK_IPV4, &v6, &seg).status, TR_WALK_MALFORMED);
    assert_int_equal(walk(TR_LINK_IPV6, &v4, &seg).status, TR_WALK_MALFORMED);
}

static void loopback(void **state)
{
    (void)state;
    frame v4 = tcp_segment(0);
    wrap_ipv4(&v4, 6, inner_src, inner_dst);
    frame v6 = tcp_segment(0);
    wrap_ipv6(&v6, 6, inner6_src, inner6_dst);
    tr_segment seg;

    /* LINKTYPE_NULL: the writer's byte order, either way round */
    static const uint8_t null_le[4] = {2, 0, 0, 0}, null_be[4] = {0, 0, 0, 2};
    frame f = v4;
    prepend(&f, null_le, 4);
    assert_segment_at(walk(TR_LINK_NULL, &f, &seg), 4, 24);
    f = v4;
    prepend(&f, null_be, 4);
    assert_segment_at(walk(TR_LINK_NULL, &f, &seg), 4, 24);
    static const uint8_t inet6[3] = {24, 28, 30};
    for (size_t i = 0; i < sizeof inet6; i++) {
        uint8_t family[4] = {inet6[i], 0, 0, 0};
        f = v6;
        prepend(&f, family, 4);
        assert_segment_at(walk(TR_LINK_NULL, &f, &seg), 4, 44);
        assert_ipv6_segment(&seg, 0);
    }

    /* LINKTYPE_LOOP: network byte order */
    f = v4;
    prepend(&f, null_be, 4);
    assert_segment_at(walk(TR_LINK_LOOP, &f, &seg), 4, 24);
    f = v4;
    prepend(&f, null_le, 4);
    assert_int_equal(walk(TR_LINK_LOOP, &f, &seg).status, TR_WALK_NOT_TCP);
    static const uint8_t appletalk[4] = {0, 0, 0, 16};
    f = v4;
    prepend(&f, appletalk, 4);
    assert_int_equal(walk(TR_LINK_LOOP, &f, &seg).status, TR_WALK_NOT_TCP);
}

static void ip_in_ip(void **state)
{
    (void)state;
    tr_segment seg;
    frame ipip = tcp_segment(4);
    wrap_ipv4(&ipip, 6, inner_src, inner_dst);
    wrap_ipv4(&ipip, 4, outer_src, outer_dst);
    wrap_ethernet(&ipip, 0x0800);
    assert_segment_at(walk(TR_LINK_ETHERNET, &ipip, &seg), 34, 54);
    assert_inner_segment(&seg, 4);

    frame six_in_four = tcp_segment(4);
    wrap_ipv6(&six_in_four, 6, inner6_src, inner6_dst);
    wrap_ipv4(&six_in_four, 41, outer_src, outer_dst);
    wrap_ethernet(&six_in_four, 0x0800);
    assert_segment_at(walk(TR_LINK_ETHERNET, &six_in_four, &seg), 34, 74);
    assert_ipv6_segment(&seg, 4);

    frame four_in_six = tcp_segment(4);
    wrap_ipv4(&four_in_six, 6, inner_src, inner_dst);
    wrap_ipv6(&four_in_six, 4, inner6_dst, inner6_src);
    wrap_ethernet(&four_in_six, 0x86dd);
    assert_segment_at(walk(TR_LINK_ETHERNET, &four_in_six, &seg), 54, 74);
    assert_inner_segment(&seg, 4);

    /* Protocol 4 announces IPv4: an IPv6 header there contradicts it */
    frame wrong = tcp_segment(0);
    wrap_ipv6(&wrong, 6, inner6_src, inner6_dst);
    wrap_ipv4(&wrong, 4, outer_src, outer_dst);
    tr_walk r = walk(TR_LINK_RAW_IP, &wrong, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);
    assert_int_equal(r.tcp_offset, 0);
}

static void gre(void **state)
{
    (void)state;
    tr_segment seg;
    frame plain = tcp_segment(6);
    wrap_ipv4(&plain, 6, inner_src, inner_dst);
    wrap_gre(&plain, 0, 0x0800);
    wrap_ipv4(&plain, 47, outer_src, outer_dst);
    wrap_ethernet(&plain, 0x0800);
    assert_segment_at(walk(TR_LINK_ETHERNET, &plain, &seg), 38, 58);
    assert_inner_segment(&seg, 6);

    /* Checksum, key and sequence number present: 16 bytes; IPv6 inside */
    frame full = tcp_segment(6);
    wrap_ipv6(&full, 6, inner6_src, inner6_dst);
    wrap_gre(&full, 0xb000, 0x86dd);
    wrap_ipv4(&full, 47, outer_src, outer_dst);
    wrap_ethernet(&full, 0x0800);
    assert_segment_at(walk(TR_LINK_ETHERNET, &full, &seg), 50, 90);
    assert_ipv6_segment(&seg, 6);

    /* Transparent Ethernet bridging (NVGRE-like, with a key): a tagged frame inside */
    frame bridged = tcp_segment(6);
    wrap_ipv4(&bridged, 6, inner_src, inner_dst);
    wrap_vlan_tag(&bridged, 0x0800);
    wrap_ethernet(&bridged, 0x8100);
    wrap_gre(&bridged, 0x2000, 0x6558);
    wrap_ipv6(&bridged, 47, inner6_dst, inner6_src);
    wrap_ethernet(&bridged, 0x86dd);
    assert_segment_at(walk(TR_LINK_ETHERNET, &bridged, &seg), 14 + 40 + 8 + 18, 14 + 40 + 8 + 18 + 20);
    assert_inner_segment(&seg, 6);

    /* What GRE carries that is not read says so */
    frame pptp = tcp_segment(0);
    wrap_gre(&pptp, 0x3081, 0x880b);
    wrap_ipv4(&pptp, 47, outer_src, outer_dst);
    tr_walk r = walk(TR_LINK_RAW_IP, &pptp, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "GRE"));
    frame routed = tcp_segment(0);
    wrap_gre(&routed, 0x4000, 0x0800);
    wrap_ipv4(&routed, 47, outer_src, outer_dst);
    assert_int_equal(walk(TR_LINK_RAW_IP, &routed, &seg).status, TR_WALK_UNREADABLE);
    frame erspan = tcp_segment(0);
    wrap_gre(&erspan, 0x1000, 0x88be);
    wrap_ipv4(&erspan, 47, outer_src, outer_dst);
    r = walk(TR_LINK_RAW_IP, &erspan, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "EtherType"));
}

static void ipv6_extension_headers(void **state)
{
    (void)state;
    tr_segment seg;
    /* Hop-by-Hop, Routing, Destination Options, an atomic Fragment header, AH, then TCP */
    frame f = tcp_segment(11);
    static const uint8_t ah[12] = {6, 1};
    prepend(&f, ah, sizeof ah);
    wrap_ipv6_fragment(&f, 51, 0, 0);
    wrap_ipv6_extension(&f, 44, 2);
    wrap_ipv6_extension(&f, 60, 0);
    wrap_ipv6_extension(&f, 43, 1);
    wrap_ipv6(&f, 0, inner6_src, inner6_dst);
    wrap_ethernet(&f, 0x86dd);
    uint32_t tcp_at = 14 + 40 + 16 + 8 + 24 + 8 + 12;
    assert_segment_at(walk(TR_LINK_ETHERNET, &f, &seg), 14, tcp_at);
    assert_ipv6_segment(&seg, 11);

    /* AH over IPv4 too */
    frame v4 = tcp_segment(1);
    prepend(&v4, ah, sizeof ah);
    wrap_ipv4(&v4, 51, inner_src, inner_dst);
    assert_segment_at(walk(TR_LINK_RAW_IP, &v4, &seg), 0, 32);
    assert_inner_segment(&seg, 1);

    /* No Next Header, and extension header numbers after IPv4 (where they mean nothing) */
    frame none = tcp_segment(0);
    wrap_ipv6(&none, 59, inner6_src, inner6_dst);
    assert_int_equal(walk(TR_LINK_RAW_IP, &none, &seg).status, TR_WALK_NOT_TCP);
    frame hop_after_v4 = tcp_segment(0);
    wrap_ipv6_extension(&hop_after_v4, 6, 0);
    wrap_ipv4(&hop_after_v4, 0, inner_src, inner_dst);
    assert_int_equal(walk(TR_LINK_RAW_IP, &hop_after_v4, &seg).status, TR_WALK_NOT_TCP);

    frame esp = tcp_segment(0);
    wrap_ipv6_extension(&esp, 50, 0);
    wrap_ipv6(&esp, 0, inner6_src, inner6_dst);
    tr_walk r = walk(TR_LINK_RAW_IP, &esp, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "ESP"));
}

/* An ICMP error quotes the datagram it is about: its TCP header is never this frame's. */
static void icmp_quotes(void **state)
{
    (void)state;
    tr_segment seg;
    frame quoted = tcp_segment(0);
    quoted.n = 8; /* RFC 792: the IP header and the first 8 bytes of its payload */
    wrap_ipv4(&quoted, 6, inner_src, inner_dst);
    static const uint8_t unreachable[8] = {3, 1};
    prepend(&quoted, unreachable, sizeof unreachable);
    wrap_ipv4(&quoted, 1, outer_src, inner_src);
    wrap_ethernet(&quoted, 0x0800);
    tr_walk r = walk(TR_LINK_ETHERNET, &quoted, &seg);
    assert_int_equal(r.status, TR_WALK_NOT_TCP);
    assert_non_null(strstr(r.why, "ICMP"));

    frame quoted6 = tcp_segment(20);
    wrap_ipv6(&quoted6, 6, inner6_src, inner6_dst);
    static const uint8_t too_big[8] = {2, 0, 0, 0, 0, 0, 0x05, 0x00};
    prepend(&quoted6, too_big, sizeof too_big);
    wrap_ipv6(&quoted6, 58, inner6_dst, inner6_src);
    wrap_ethernet(&quoted6, 0x86dd);
    r = walk(TR_LINK_ETHERNET, &quoted6, &seg);
    assert_int_equal(r.status, TR_WALK_NOT_TCP);
    assert_non_null(strstr(r.why, "ICMPv6"));

    /* ICMP inside a tunnel is still ICMP */
    frame tunnelled = quoted;
    memmove(tunnelled.b, tunnelled.b + 14, tunnelled.n - 14);
    tunnelled.n -= 14;
    wrap_ipv4(&tunnelled, 4, outer_src, outer_dst);
    assert_int_equal(walk(TR_LINK_RAW_IP, &tunnelled, &seg).status, TR_WALK_NOT_TCP);
}

/* sFlow (RFC 3176) samples copies of packets seen elsewhere, in UDP: none is a segment here. */
static void sflow_samples(void **state)
{
    (void)state;
    frame sampled = ethernet_ipv4_segment(0);
    uint8_t sflow_header[28 + 48] = {0, 0, 0, 5};
    prepend(&sampled, sflow_header, sizeof sflow_header);
    uint8_t udp[8] = {0x18, 0xbf, 0x18, 0xbf};
    put_be16(udp + 4, (uint16_t)(sizeof udp + sampled.n));
    prepend(&sampled, udp, sizeof udp);
    wrap_ipv4(&sampled, 17, outer_src, outer_dst);
    wrap_ethernet(&sampled, 0x0800);
    tr_segment seg;
    tr_walk r = walk(TR_LINK_ETHERNET, &sampled, &seg);
    assert_int_equal(r.status, TR_WALK_NOT_TCP);
    assert_non_null(strstr(r.why, "UDP"));
}

static void ethertypes(void **state)
{
    (void)state;
    tr_segment seg;
    frame arp = tcp_segment(0);
    wrap_ethernet(&arp, 0x0806);
    tr_walk r = walk(TR_LINK_ETHERNET, &arp, &seg);
    assert_int_equal(r.status, TR_WALK_NOT_TCP);
    assert_non_null(r.why);
    static const uint16_t unknown[] = {0x88e5, 0x22f0, 0x1234, 0xffff};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        frame f = tcp_segment(0);
        wrap_ipv4(&f, 6, inner_src, inner_dst);
        wrap_ethernet(&f, unknown[i]);
        r = walk(TR_LINK_ETHERNET, &f, &seg);
        assert_int_equal(r.status, TR_WALK_UNREADABLE);
        assert_non_null(strstr(r.why, "EtherType"));
    }
}

static void link_types(void **state)
{
    (void)state;
    frame f = ethernet_ipv4_segment(0);
    tr_segment seg;
    tr_walk r = walk(TR_LINK_UNKNOWN, &f, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "link type"));
    r = walk((tr_link)99, &f, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);

    assert_int_equal(tr_link_from_pcap(0), TR_LINK_NULL);
    assert_int_equal(tr_link_from_pcap(1), TR_LINK_ETHERNET);
    assert_int_equal(tr_link_from_pcap(101), TR_LINK_RAW_IP);
    assert_int_equal(tr_link_from_pcap(108), TR_LINK_LOOP);
    assert_int_equal(tr_link_from_pcap(113), TR_LINK_LINUX_SLL);
    assert_int_equal(tr_link_from_pcap(228), TR_LINK_IPV4);
    assert_int_equal(tr_link_from_pcap(229), TR_LINK_IPV6);
    assert_int_equal(tr_link_from_pcap(276), TR_LINK_LINUX_SLL2);
    assert_int_equal(tr_link_from_pcap(105), TR_LINK_UNKNOWN); /* 802.11 */
    assert_int_equal(tr_link_from_pcap(9), TR_LINK_UNKNOWN);   /* PPP */
}

/* Payload lengths come from the IP lengths: a snap length does not shorten them, and where
 * no IP length is given (TSO, jumbograms) the length sent counts. */
static void payload_lengths(void **state)
{
    (void)state;
    tr_segment seg;
    frame f = ethernet_ipv4_segment(1000);
    tr_walk r = tr_walk_frame(TR_LINK_ETHERNET, f.b, 14 + 20 + SEG_HEADER, &seg);
    assert_segment_at(r, 14, 34);
    assert_int_equal(seg.payload_len, 1000);

    /* IPv4 total length 0: captured before TCP segmentation offload */
    put_be16(f.b + 14 + 2, 0);
    r = tr_walk_frame_on_wire(TR_LINK_ETHERNET, f.b, 14 + 20 + SEG_HEADER, f.n + 4000, &seg);
    assert_segment_at(r, 14, 34);
    assert_int_equal(seg.payload_len, 5000);
    r = tr_walk_frame(TR_LINK_ETHERNET, f.b, f.n, &seg);
    assert_int_equal(seg.payload_len, 1000);
    /* on_wire below captured is taken as captured */
    r = tr_walk_frame_on_wire(TR_LINK_ETHERNET, f.b, f.n, 10, &seg);
    assert_int_equal(seg.payload_len, 1000);

    /* IPv6 payload length 0 (a jumbogram's) */
    frame v6 = tcp_segment(300);
    wrap_ipv6(&v6, 6, inner6_src, inner6_dst);
    put_be16(v6.b + 4, 0);
    r = tr_walk_frame_on_wire(TR_LINK_RAW_IP, v6.b, 100, 70000, &seg);
    assert_segment_at(r, 0, 40);
    assert_int_equal(seg.payload_len, 70000 - 40 - SEG_HEADER);

    /* Options cut by the snap length: still a segment, saying so */
    frame cut = ethernet_ipv4_segment(0);
    r = tr_walk_frame(TR_LINK_ETHERNET, cut.b, 14 + 20 + 24, &seg);
    assert_segment_at(r, 14, 34);
    assert_true(seg.options_cut);
    assert_false(seg.has_ts);
}

/* A walk overwrites the whole segment, fields of an earlier frame included. */
static void segment_cleared(void **state)
{
    (void)state;
    tr_segment seg;
    memset(&seg, 0xa5, sizeof seg);
    frame arp = tcp_segment(0);
    wrap_ethernet(&arp, 0x0806);
    walk(TR_LINK_ETHERNET, &arp, &seg);
    tr_segment zero;
    memset(&zero, 0, sizeof zero);
    assert_memory_equal(&seg, &zero, sizeof seg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ethernet),
        cmocka_unit_test(ethernet_ipv6),
        cmocka_unit_test(vlan_tags),
        cmocka_unit_test(mpls),
        cmocka_unit_test(pppoe),
        cmocka_unit_test(llc_snap),
        cmocka_unit_test(linux_cooked),
        cmocka_unit_test(raw_ip),
        cmocka_unit_test(loopback),
        cmocka_unit_test(ip_in_ip),
        cmocka_unit_test(gre),
        cmocka_unit_test(ipv6_extension_headers),
        cmocka_unit_test(icmp_quotes),
        cmocka_unit_test(sflow_samples),
        cmocka_unit_test(ethertypes),
        cmocka_unit_test(link_types),
        cmocka_unit_test(payload_lengths),
        cmocka_unit_test(segment_cleared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
