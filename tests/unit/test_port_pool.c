/* SPDX-License-Identifier: GPL-2.0-or-later
 * Port pools: the arithmetic of seed 000 (a pool cycled faster than TIME_WAIT).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"
#include "tcpreuse/describe.h"

/* lo <= value <= hi, saying the value when not. cmocka 2.0 deprecates assert_in_range;
 * its replacement, assert_int_in_range, is not in cmocka 1.1. */
#define assert_between(value, lo, hi)                                                \
    do {                                                                             \
        long long v_ = (long long)(value);                                           \
        if (v_ < (lo) || v_ > (hi))                                                  \
            fail_msg("%s = %lld, not in [%lld, %lld]", #value, v_, (long long)(lo),  \
                     (long long)(hi));                                               \
    } while (0)

/* 2000 ports from 30000, one SYN every 1.25 ms (800 per second), three times round: each
 * port comes back after 2.5 s, well inside 60 s of TIME_WAIT. 800/s x 60 s = 48000 ports,
 * 24 addresses of 2000 ports. */
static void pool_cycled_faster_than_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    const tr_finding *last = NULL;
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 6000; i++) {
        test_flow f = test_flow_new(e, test_ipv4(198, 51, 100, 7), (uint16_t)(30000 + i % 2000),
                                    test_ipv4(192, 0, 2, 80), 80);
        f.ts = false;
        f.frame = frame;
        const tr_finding *r = test_send(&f, true, i * 0.00125, TR_TCP_SYN, 1000 + i * 7919u, 0, 0);
        frame = f.frame;
        if (i < 2000)
            assert_true(r == NULL || !r->pool.present); /* first round: no reuse yet */
        else
            last = r;
    }
    assert_non_null(last);
    const tr_pool_finding *p = &last->pool;
    assert_true(p->present);
    assert_int_equal(p->syns, 6000);
    assert_int_equal(p->ports, 2000);
    assert_int_equal(p->port_min, 30000);
    assert_int_equal(p->port_max, 31999);
    assert_between(p->per_second, 799, 801);
    assert_between(p->cycle_ns, 2375000000LL, 2625000000LL); /* the 10 % buckets */
    assert_between(p->ports_needed, 47900, 48100);
    assert_int_equal(p->addresses_needed, 24);
    char text[256];
    tr_describe_pool(p, text, sizeof text);
    assert_non_null(strstr(text, "2000 ports (30000-31999)"));
    assert_non_null(strstr(text, ": 24 addresses of this pool"));
    tr_engine_free(e);
}

/* A slow client: its pool covers TIME_WAIT, one address is enough; and a single reuse says
 * nothing about a pool yet. */
static void slow_pool_needs_one_address(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
    f.ts = false;
    test_send(&f, true, 0.0, TR_TCP_SYN, 1, 0, 0);
    test_flow g = test_flow_new(e, test_ipv4(10, 0, 0, 1), 40001, test_ipv4(192, 0, 2, 80), 80);
    g.ts = false;
    g.frame = f.frame;
    test_send(&g, true, 30.0, TR_TCP_SYN, 2, 0, 0);
    f.frame = g.frame;
    const tr_finding *once = test_send(&f, true, 100.0, TR_TCP_SYN, 3, 0, 0);
    assert_false(once->pool.present);
    const tr_finding *r = test_send(&f, true, 200.0, TR_TCP_SYN, 4, 0, 0);
    assert_true(r->pool.present);
    assert_int_equal(r->pool.syns, 4);
    assert_int_equal(r->pool.ports, 2);
    assert_int_equal(r->pool.per_second, 0);
    assert_int_equal(r->pool.ports_needed, 1); /* 3 attempts in 200 s x 60 s */
    assert_int_equal(r->pool.addresses_needed, 1);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_cycled_faster_than_time_wait),
        cmocka_unit_test(slow_pool_needs_one_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
