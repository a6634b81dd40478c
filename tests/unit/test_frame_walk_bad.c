/* SPDX-License-Identifier: GPL-2.0-or-later
 * The frame walker (plugin/wire/frame_walk.h) on bad input: frames cut at every byte, random
 * garbage and mutated frames for every link type, headers that contradict themselves, IP
 * fragments and their reassembled payloads, nesting without end. Each walk reads an
 * exact-size heap copy, so that a read past what was captured is a heap overflow that valgrind
 * or ASan reports; the statuses are checked against what was cut.
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

static tr_walk walk_prefix(tr_link link, const uint8_t *bytes, size_t n, tr_segment *seg)
{
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, bytes, n);
    tr_walk r = tr_walk_frame(link, copy, n, seg);
    free(copy);
    return r;
}

/* Every prefix of a frame whose whole walk finds a segment: before the TCP header the walk
 * cannot read on, within its first 20 bytes it is a truncated segment, from there on the same
 * segment (the payload length from the IP lengths), its options cut until they are whole. */
static void assert_every_cut(tr_link link, const frame *f)
{
    tr_segment whole;
    tr_walk full = walk_prefix(link, f->b, f->n, &whole);
    assert_int_equal(full.status, TR_WALK_SEGMENT);
    size_t tcp_at = full.tcp_offset;
    size_t header_len = (f->b[tcp_at + 12] >> 4) * 4u;
    for (size_t n = 0; n <= f->n; n++) {
        tr_segment seg;
        tr_walk r = walk_prefix(link, f->b, n, &seg);
        assert_non_null(r.status == TR_WALK_SEGMENT ? "segment" : r.why);
        if (n < tcp_at) {
            assert_int_equal(r.status, TR_WALK_UNREADABLE);
        } else if (n < tcp_at + 20) {
            assert_int_equal(r.status, TR_WALK_TRUNCATED);
            assert_int_equal(r.tcp_offset, tcp_at);
        } else {
            assert_int_equal(r.status, TR_WALK_SEGMENT);
            assert_int_equal(r.tcp_offset, tcp_at);
            assert_int_equal(r.ip_offset, full.ip_offset);
            assert_int_equal(seg.payload_len, whole.payload_len);
            assert_int_equal(seg.seq, whole.seq);
            assert_memory_equal(&seg.src, &whole.src, sizeof seg.src);
            assert_int_equal(seg.options_cut, n < tcp_at + header_len);
        }
    }
}

/* The deepest frame of the tests: Ethernet, QinQ tags, IPv4, GRE with key and sequence,
 * IPv6 with Hop-by-Hop and Destination Options, TCP with options and data. */
static frame tunnelled_frame(void)
{
    frame f = tcp_segment(64);
    wrap_ipv6_extension(&f, 6, 1);
    wrap_ipv6_extension(&f, 60, 0);
    wrap_ipv6(&f, 0, inner6_src, inner6_dst);
    wrap_gre(&f, 0x3000, 0x86dd);
    wrap_ipv4(&f, 47, outer_src, outer_dst);
    wrap_vlan_tag(&f, 0x0800);
    wrap_vlan_tag(&f, 0x8100);
    wrap_ethernet(&f, 0x88a8);
    return f;
}

static void cuts_of_a_tunnelled_frame(void **state)
{
    (void)state;
    frame f = tunnelled_frame();
    assert_every_cut(TR_LINK_ETHERNET, &f);
}

static void cuts_of_every_encapsulation(void **state)
{
    (void)state;
    frame f = tcp_segment(10);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    wrap_pppoe_session(&f, 0x0021);
    wrap_vlan_tag(&f, 0x8864);
    wrap_ethernet(&f, 0x8100);
    assert_every_cut(TR_LINK_ETHERNET, &f);

    f = tcp_segment(10);
    wrap_ipv6(&f, 6, inner6_src, inner6_dst);
    wrap_mpls(&f, 30, 1);
    wrap_mpls(&f, 31, 0);
    wrap_ethernet(&f, 0x8847);
    assert_every_cut(TR_LINK_ETHERNET, &f);

    f = tcp_segment(10);
    wrap_ipv6(&f, 6, inner6_src, inner6_dst);
    wrap_ipv4(&f, 41, outer_src, outer_dst);
    wrap_linux_sll2(&f, 1, 0x0800);
    assert_every_cut(TR_LINK_LINUX_SLL2, &f);

    f = tcp_segment(10);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    wrap_ethernet(&f, 0x0800);
    wrap_gre(&f, 0x2000, 0x6558);
    wrap_ipv6(&f, 47, inner6_src, inner6_dst);
    wrap_linux_sll(&f, 1, 0x86dd);
    assert_every_cut(TR_LINK_LINUX_SLL, &f);

    f = tcp_segment(10);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    static const uint8_t family[4] = {0, 0, 0, 2};
    prepend(&f, family, sizeof family);
    assert_every_cut(TR_LINK_LOOP, &f);
    assert_every_cut(TR_LINK_NULL, &f);
}

/* IPv4 options cut by the snap length: when the protocol is TCP, the TCP header is what the
 * cut hides (where it would start is known). */
static void cut_inside_ipv4_options(void **state)
{
    (void)state;
    frame f = tcp_segment(0);
    wrap_ipv4(&f, 6, inner_src, inner_dst);
    /* IHL 6: one word of options (NOP NOP NOP EOL) */
    static const uint8_t options[4] = {1, 1, 1, 0};
    memmove(f.b + 24, f.b + 20, f.n - 20);
    memcpy(f.b + 20, options, sizeof options);
    f.n += 4;
    f.b[0] = 0x46;
    put_be16(f.b + 2, (uint16_t)f.n);
    tr_segment seg;
    tr_walk r = walk_prefix(TR_LINK_RAW_IP, f.b, 22, &seg);
    assert_int_equal(r.status, TR_WALK_TRUNCATED);
    assert_int_equal(r.tcp_offset, 24);
    r = walk_prefix(TR_LINK_RAW_IP, f.b, f.n, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_int_equal(r.tcp_offset, 24);

    f.b[9] = 17; /* UDP: nothing to say about a cut there */
    r = walk_prefix(TR_LINK_RAW_IP, f.b, 22, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_int_equal(r.tcp_offset, 0);
}

static void contradictions(void **state)
{
    (void)state;
    tr_segment seg;
    frame f = ethernet_ipv4_segment(0);
    frame bad = f;
    bad.b[14] = 0x44; /* IHL 4 */
    tr_walk r = walk_prefix(TR_LINK_ETHERNET, bad.b, bad.n, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);
    assert_int_equal(r.tcp_offset, 0);

    bad = f;
    bad.b[14] = 0x65; /* EtherType IPv4, version 6 */
    r = walk_prefix(TR_LINK_ETHERNET, bad.b, bad.n, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);
    assert_int_equal(r.tcp_offset, 0);

    bad = f;
    bad.b[14] = 0x75; /* version 7 on a raw IP link */
    r = walk_prefix(TR_LINK_RAW_IP, bad.b + 14, bad.n - 14, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);

    bad = f;
    put_be16(bad.b + 16, 19); /* total length below the header */
    r = walk_prefix(TR_LINK_ETHERNET, bad.b, bad.n, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);
    assert_int_equal(r.tcp_offset, 0);

    /* The TCP header itself: a data offset below 5 words */
    frame tcp = tcp_header_with_offset(4);
    wrap_ipv4(&tcp, 6, inner_src, inner_dst);
    r = walk_prefix(TR_LINK_RAW_IP, tcp.b, tcp.n, &seg);
    assert_int_equal(r.status, TR_WALK_MALFORMED);
    assert_int_equal(r.tcp_offset, 20);

    /* A datagram that ends inside its fixed TCP header, whatever the frame holds after it
     * (Ethernet padding here) */
    for (uint16_t tcp_bytes = 0; tcp_bytes < 20; tcp_bytes++) {
        bad = f;
        put_be16(bad.b + 16, (uint16_t)(20 + tcp_bytes));
        r = walk_prefix(TR_LINK_ETHERNET, bad.b, bad.n, &seg);
        assert_int_equal(r.status, TR_WALK_MALFORMED);
        assert_int_equal(r.tcp_offset, 34);
        assert_non_null(r.why);
    }
    /* ... or inside its options: what lies past the datagram is no option, the options are cut */
    bad = f;
    put_be16(bad.b + 16, 20 + 30);
    r = walk_prefix(TR_LINK_ETHERNET, bad.b, bad.n, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_true(seg.options_cut);
    assert_false(seg.has_ts);
    assert_int_equal(seg.payload_len, 0);
    /* the snap length and the datagram both cut the fixed header: the snap length says it first */
    r = walk_prefix(TR_LINK_ETHERNET, bad.b, 34 + 10, &seg);
    assert_int_equal(r.status, TR_WALK_TRUNCATED);
}

static void fragments(void **state)
{
    (void)state;
    tr_segment seg;
    /* IPv4: the first fragment (MF) and a later one (offset) */
    frame first = ethernet_ipv4_segment(100);
    first.b[14 + 6] = 0x20; /* MF */
    tr_walk r = walk_prefix(TR_LINK_ETHERNET, first.b, first.n, &seg);
    assert_int_equal(r.status, TR_WALK_FRAGMENT);
    assert_null(r.why);
    assert_int_equal(r.ip_offset, 14);
    frame later = ethernet_ipv4_segment(100);
    put_be16(later.b + 14 + 6, 20); /* offset 160 bytes, no MF */
    r = walk_prefix(TR_LINK_ETHERNET, later.b, later.n, &seg);
    assert_int_equal(r.status, TR_WALK_FRAGMENT);

    /* A fragment of what cannot hold TCP, and of ESP */
    frame udp = later;
    udp.b[14 + 9] = 17;
    assert_int_equal(walk_prefix(TR_LINK_ETHERNET, udp.b, udp.n, &seg).status, TR_WALK_NOT_TCP);
    frame esp = later;
    esp.b[14 + 9] = 50;
    assert_int_equal(walk_prefix(TR_LINK_ETHERNET, esp.b, esp.n, &seg).status, TR_WALK_UNREADABLE);
    /* A fragment of a tunnel */
    frame gre = later;
    gre.b[14 + 9] = 47;
    assert_int_equal(walk_prefix(TR_LINK_ETHERNET, gre.b, gre.n, &seg).status, TR_WALK_FRAGMENT);

    /* IPv6: a Fragment header with an offset, or with M */
    frame v6 = tcp_segment(100);
    wrap_ipv6_fragment(&v6, 6, 0, 1);
    wrap_ipv6_extension(&v6, 44, 0);
    wrap_ipv6(&v6, 0, inner6_src, inner6_dst);
    r = walk_prefix(TR_LINK_RAW_IP, v6.b, v6.n, &seg);
    assert_int_equal(r.status, TR_WALK_FRAGMENT);
    assert_int_equal(r.ip_offset, 0);
    frame v6_later = tcp_segment(100);
    wrap_ipv6_fragment(&v6_later, 6, 200, 0);
    wrap_ipv6(&v6_later, 44, inner6_src, inner6_dst);
    assert_int_equal(walk_prefix(TR_LINK_RAW_IP, v6_later.b, v6_later.n, &seg).status, TR_WALK_FRAGMENT);
}

/* The frame that completes a datagram, with the reassembled payload beside it. */
static void reassembled(void **state)
{
    (void)state;
    tr_segment seg;
    frame payload = tcp_segment(1400);
    /* The last IPv4 fragment: offset 1000 bytes, 440 of them in this frame */
    frame last = {.n = 440};
    wrap_ipv4(&last, 6, inner_src, inner_dst);
    put_be16(last.b + 6, 1000 / 8);
    wrap_vlan_tag(&last, 0x0800);
    wrap_ethernet(&last, 0x8100);
    tr_walk r = tr_walk_reassembled(TR_LINK_ETHERNET, last.b, last.n, payload.b, payload.n, payload.n, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_int_equal(r.ip_offset, 18);
    assert_int_equal(r.tcp_offset, 0);
    assert_memory_equal(seg.src.bytes, inner_src, 4);
    assert_int_equal(seg.ip_id, 0x1234);
    assert_int_equal(seg.seq, SEG_SEQ);
    assert_int_equal(seg.payload_len, 1400);

    /* IPv6, with a Destination Options header after the Fragment header */
    frame payload6 = tcp_segment(50);
    wrap_ipv6_extension(&payload6, 6, 0);
    frame last6 = {.n = 40};
    wrap_ipv6_fragment(&last6, 60, 10, 0);
    wrap_ipv6(&last6, 44, inner6_src, inner6_dst);
    r = tr_walk_reassembled(TR_LINK_RAW_IP, last6.b, last6.n, payload6.b, payload6.n, payload6.n, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_int_equal(r.tcp_offset, 8);
    assert_int_equal(seg.src.family, 6);
    assert_int_equal(seg.payload_len, 50);

    /* A tunnel inside the reassembled datagram: the inner header's fields and length */
    frame inner = tcp_segment(20);
    wrap_ipv4(&inner, 6, outer_dst, outer_src);
    frame last_outer = {.n = 8};
    wrap_ipv4(&last_outer, 4, inner_src, inner_dst);
    put_be16(last_outer.b + 6, 1);
    r = tr_walk_reassembled(TR_LINK_RAW_IP, last_outer.b, last_outer.n, inner.b, inner.n, inner.n + 100, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_int_equal(r.ip_offset, 0);
    assert_int_equal(r.tcp_offset, 20);
    assert_memory_equal(seg.src.bytes, outer_dst, 4);
    assert_int_equal(seg.payload_len, 20);

    /* Cut reassembled payloads, and a frame that is no fragment */
    for (size_t n = 0; n < 20; n++) {
        r = tr_walk_reassembled(TR_LINK_ETHERNET, last.b, last.n, payload.b, n, payload.n, &seg);
        assert_int_equal(r.status, TR_WALK_TRUNCATED);
    }
    frame whole = ethernet_ipv4_segment(3);
    r = tr_walk_reassembled(TR_LINK_ETHERNET, whole.b, whole.n, payload.b, payload.n, payload.n, &seg);
    assert_int_equal(r.status, TR_WALK_SEGMENT);
    assert_int_equal(seg.payload_len, 3);
    r = tr_walk_reassembled(TR_LINK_ETHERNET, whole.b, 10, payload.b, payload.n, payload.n, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
}

static void nesting_without_end(void **state)
{
    (void)state;
    /* 40 VLAN tags */
    tr_segment seg;
    frame tagged = ethernet_ipv4_segment(0);
    memmove(tagged.b + 12 + 4 * 40, tagged.b + 12, tagged.n - 12);
    for (int i = 0; i < 40; i++) {
        tagged.b[12 + 4 * i] = 0x81, tagged.b[13 + 4 * i] = 0x00;
        tagged.b[14 + 4 * i] = 0, tagged.b[15 + 4 * i] = 1;
    }
    tagged.n += 4 * 40;
    tr_walk r = walk_prefix(TR_LINK_ETHERNET, tagged.b, tagged.n, &seg);
    assert_int_equal(r.status, TR_WALK_UNREADABLE);
    assert_non_null(strstr(r.why, "nested"));

    /* IP-in-IP 40 deep */
    frame deep = tcp_segment(0);
    wrap_ipv4(&deep, 6, inner_src, inner_dst);
    for (int i = 0; i < 40; i++)
        wrap_ipv4(&deep, 4, outer_src, outer_dst);
    assert_int_equal(walk_prefix(TR_LINK_RAW_IP, deep.b, deep.n, &seg).status, TR_WALK_UNREADABLE);

    /* The bound is the same whether an Ethernet frame with IPv4 takes the walker's shortcut or
     * not: Ethernet and its type are two steps, each IPv4 header two more (the header and its
     * payload), so 15 nested IPv4 headers fit in 32 steps and 16 do not; behind a VLAN tag
     * (no shortcut, one step more) 15 do not either. */
    for (int vlan = 0; vlan < 2; vlan++) {
        for (int nested = 15; nested <= 16; nested++) {
            frame f = tcp_segment(0);
            wrap_ipv4(&f, 6, inner_src, inner_dst);
            for (int i = 1; i < nested; i++)
                wrap_ipv4(&f, 4, outer_src, outer_dst);
            if (vlan)
                wrap_vlan_tag(&f, 0x0800);
            wrap_ethernet(&f, vlan ? 0x8100 : 0x0800);
            tr_walk walked = walk_prefix(TR_LINK_ETHERNET, f.b, f.n, &seg);
            assert_int_equal(walked.status, nested + vlan <= 15 ? TR_WALK_SEGMENT : TR_WALK_UNREADABLE);
        }
    }
}

/* xorshift64: the same garbage on every run. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void assert_sane(tr_walk r, size_t n)
{
    assert_in_range(r.status, TR_WALK_SEGMENT, TR_WALK_UNREADABLE);
    if (r.status == TR_WALK_SEGMENT) {
        assert_null(r.why);
        assert_true(r.tcp_offset + 20 <= n);
        assert_true(r.ip_offset < r.tcp_offset);
    } else if (r.status != TR_WALK_FRAGMENT) {
        assert_non_null(r.why);
    }
}

static void garbage(void **state)
{
    (void)state;
    static const tr_link links[] = {
        TR_LINK_ETHERNET, TR_LINK_RAW_IP,  TR_LINK_IPV4, TR_LINK_IPV6,
        TR_LINK_LINUX_SLL, TR_LINK_LINUX_SLL2, TR_LINK_NULL, TR_LINK_LOOP,
    };
    uint64_t s = 0x9e3779b97f4a7c15u;
    uint8_t bytes[256];
    tr_segment seg;
    for (int i = 0; i < 200000; i++) {
        size_t n = next_random(&s) % sizeof bytes;
        for (size_t j = 0; j < n; j++)
            bytes[j] = (uint8_t)next_random(&s);
        tr_link link = links[i % (sizeof links / sizeof links[0])];
        /* Steer some toward the interesting paths: an IP version nibble, an IP EtherType */
        if (n > 14 && (i & 2))
            bytes[12] = 0x08, bytes[13] = 0x00, bytes[14] = 0x45;
        if (n > 0 && (i & 4))
            bytes[0] = (i & 8) ? 0x45 : 0x60;
        assert_sane(walk_prefix(link, bytes, n, &seg), n);
    }
}

/* Single-byte changes and cuts of the tunnelled frame reach every layer with nonsense in it. */
static void mutations(void **state)
{
    (void)state;
    frame f = tunnelled_frame();
    uint64_t s = 12345;
    tr_segment seg;
    for (int i = 0; i < 100000; i++) {
        frame m = f;
        for (int k = 0; k < 1 + (int)(next_random(&s) % 3); k++)
            m.b[next_random(&s) % m.n] = (uint8_t)next_random(&s);
        size_t n = next_random(&s) % (m.n + 1);
        assert_sane(walk_prefix(TR_LINK_ETHERNET, m.b, n, &seg), n);
        tr_walk r = tr_walk_reassembled(TR_LINK_ETHERNET, m.b, n, m.b + 40, m.n - 40 - (n % 40), m.n, &seg);
        assert_in_range(r.status, TR_WALK_SEGMENT, TR_WALK_UNREADABLE);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cuts_of_a_tunnelled_frame),
        cmocka_unit_test(cuts_of_every_encapsulation),
        cmocka_unit_test(cut_inside_ipv4_options),
        cmocka_unit_test(contradictions),
        cmocka_unit_test(fragments),
        cmocka_unit_test(reassembled),
        cmocka_unit_test(nesting_without_end),
        cmocka_unit_test(garbage),
        cmocka_unit_test(mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
