/* SPDX-License-Identifier: GPL-2.0-or-later
 * The frame walker's header parser (plugin/wire/headers.c): pure bytes in, segment out, never a read
 * past what was captured.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "headers.h"

static const uint8_t ipv4[20] = {0x45, 0, 0, 60, 0x12, 0x34, 0x40, 0, 63, 6, 0, 0, 10, 0, 0, 1, 192, 0, 2, 80};

/* TCP SYN, data offset 10 (40 bytes): MSS, SACK-permitted, Timestamps, NOP, window scale. */
static const uint8_t tcp_syn[40] = {
    0x9c, 0x40, 0x00, 0x50, 0x00, 0x00, 0x03, 0xe8, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0, 0, 0, 0, 0,
    2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0x00, 0x0f, 0x42, 0x40, 0x00, 0x00, 0x00, 0x07, 1, 3, 3, 7,
};

static void ipv4_header(void **state)
{
    (void)state;
    tr_segment seg;
    tr_ip_header ip;
    assert_int_equal(tr_parse_ip(ipv4, sizeof ipv4, &seg, &ip), TR_HEADER_OK);
    assert_int_equal(seg.src.family, 4);
    assert_memory_equal(seg.dst.bytes, ((uint8_t[]){192, 0, 2, 80}), 4);
    assert_int_equal(seg.ttl, 63);
    assert_int_equal(seg.ip_id, 0x1234);
    assert_int_equal(ip.header_len, 20);
    assert_int_equal(ip.datagram_len, 60);
    assert_int_equal(ip.next_proto, 6);
    assert_false(ip.fragment);
    assert_int_equal(tr_parse_ip(ipv4, 19, &seg, &ip), TR_HEADER_TRUNCATED);
    uint8_t bad[20];
    memcpy(bad, ipv4, sizeof bad);
    bad[0] = 0x44; /* IHL 4: shorter than the fixed header */
    assert_int_equal(tr_parse_ip(bad, sizeof bad, &seg, &ip), TR_HEADER_MALFORMED);
    bad[0] = 0x55; /* version 5 */
    assert_int_equal(tr_parse_ip(bad, sizeof bad, &seg, &ip), TR_HEADER_MALFORMED);
}

static void ipv6_header(void **state)
{
    (void)state;
    uint8_t p[40] = {0x60, 0, 0, 0, 0, 40, 6, 55};
    p[8] = 0x20, p[9] = 0x01, p[23] = 1, p[24] = 0x20, p[25] = 0x01, p[39] = 0x80;
    tr_segment seg;
    tr_ip_header ip;
    assert_int_equal(tr_parse_ip(p, sizeof p, &seg, &ip), TR_HEADER_OK);
    assert_int_equal(seg.src.family, 6);
    assert_int_equal(seg.src.bytes[15], 1);
    assert_int_equal(seg.dst.bytes[15], 0x80);
    assert_int_equal(seg.ttl, 55);
    assert_false(seg.has_ip_id);
    assert_int_equal(ip.datagram_len, 80);
    assert_int_equal(tr_parse_ip(p, 39, &seg, &ip), TR_HEADER_TRUNCATED);
}

static void tcp_header_and_timestamps(void **state)
{
    (void)state;
    tr_segment seg;
    uint32_t hl;
    assert_int_equal(tr_parse_tcp(tcp_syn, sizeof tcp_syn, &seg, &hl), TR_HEADER_OK);
    assert_int_equal(hl, 40);
    assert_int_equal(seg.sport, 40000);
    assert_int_equal(seg.dport, 80);
    assert_int_equal(seg.seq, 1000);
    assert_int_equal(seg.flags, TR_TCP_SYN);
    assert_true(seg.has_ts);
    assert_int_equal(seg.tsval, 1000000);
    assert_int_equal(seg.tsecr, 7);
    assert_false(seg.options_cut);
    /* options cut by the snap length inside Timestamps: the fixed header counts, TS unknown */
    assert_int_equal(tr_parse_tcp(tcp_syn, 30, &seg, &hl), TR_HEADER_OK);
    assert_true(seg.options_cut);
    assert_false(seg.has_ts);
    assert_int_equal(seg.seq, 1000);
    assert_int_equal(tr_parse_tcp(tcp_syn, 36, &seg, &hl), TR_HEADER_OK); /* TS complete, WS cut */
    assert_true(seg.options_cut);
    assert_true(seg.has_ts);
    assert_int_equal(tr_parse_tcp(tcp_syn, 19, &seg, &hl), TR_HEADER_TRUNCATED);
    uint8_t bad[40];
    memcpy(bad, tcp_syn, sizeof bad);
    bad[12] = 0x40; /* data offset 4 */
    assert_int_equal(tr_parse_tcp(bad, sizeof bad, &seg, &hl), TR_HEADER_MALFORMED);
}

static void garbage_options(void **state)
{
    (void)state;
    tr_segment seg;
    uint32_t hl;
    uint8_t p[40];
    memcpy(p, tcp_syn, sizeof p);
    p[21] = 0; /* MSS length 0: the walk stops, no Timestamps seen */
    assert_int_equal(tr_parse_tcp(p, sizeof p, &seg, &hl), TR_HEADER_OK);
    assert_false(seg.has_ts);
    memcpy(p, tcp_syn, sizeof p);
    p[27] = 9; /* Timestamps with a wrong length: skipped as an unknown option */
    assert_int_equal(tr_parse_tcp(p, sizeof p, &seg, &hl), TR_HEADER_OK);
    assert_false(seg.has_ts);
    memcpy(p, tcp_syn, sizeof p);
    p[27] = 200; /* runs past the header */
    assert_int_equal(tr_parse_tcp(p, sizeof p, &seg, &hl), TR_HEADER_OK);
    assert_false(seg.has_ts);
}

/* Random bytes and lengths: every parse stays within the buffer (run under valgrind or ASan). */
static void random_bytes(void **state)
{
    (void)state;
    uint32_t x = 88172645u;
    for (int i = 0; i < 200000; i++) {
        size_t n = (size_t)(x % 70);
        uint8_t *p = malloc(n ? n : 1);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            p[k] = (uint8_t)x;
        }
        tr_segment seg;
        tr_ip_header ip;
        uint32_t hl;
        tr_parse_ip(p, n, &seg, &ip);
        tr_parse_tcp(p, n, &seg, &hl);
        free(p);
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ipv4_header),
        cmocka_unit_test(ipv6_header),
        cmocka_unit_test(tcp_header_and_timestamps),
        cmocka_unit_test(garbage_options),
        cmocka_unit_test(random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
