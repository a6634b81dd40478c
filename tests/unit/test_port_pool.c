/* SPDX-License-Identifier: GPL-2.0-or-later
 * Port pools: the arithmetic of seed 000 (a pool cycled faster than the server's TIME_WAIT),
 * and the evidence it needs before it says anything.
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

/* One session per call from client_port, closed as `who` says, then the next SYN's finding. */
static const tr_finding *session_then_syn(tr_engine *e, uint32_t *frame, uint16_t port, double t, uint32_t isn,
                                          test_closer who, bool play)
{
    test_flow f = test_flow_new(e, test_ipv4(198, 51, 100, 7), port, test_ipv4(192, 0, 2, 80), 80);
    f.ts = false;
    f.frame = *frame;
    const tr_finding *r = NULL;
    if (play)
        test_play_session(&f, t, isn, isn ^ 0x5a5a5a5au, who);
    else
        r = test_send(&f, true, t, TR_TCP_SYN, isn, 0, 0);
    *frame = f.frame;
    return r;
}

/* 200 ports from 30000, one new connection every 12.5 ms (80 per second), three times
 * round, the server closing each: a port comes back after 2.5 s, well inside 60 s of
 * TIME_WAIT. 80/s x 60 s = 4800 ports, 24 addresses of 200 ports. */
static void pool_cycled_faster_than_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 599; i++)
        session_then_syn(e, &frame, (uint16_t)(30000 + i % 200), i * 0.0125, 1000 + i * 7919u, CLOSE_BY_SERVER, true);
    const tr_finding *last =
        session_then_syn(e, &frame, 30000 + 599 % 200, 599 * 0.0125, 1000 + 599 * 7919u, CLOSE_BY_SERVER, false);
    assert_non_null(last);
    const tr_pool_finding *p = &last->pool;
    assert_true(p->present);
    assert_int_equal(p->syns, 600);
    assert_int_equal(p->ports, 200);
    assert_int_equal(p->port_min, 30000);
    assert_int_equal(p->port_max, 30199);
    assert_between(p->per_second, 79, 81);
    assert_between(p->cycle_ns, 2375000000LL, 2625000000LL); /* the 10 % buckets */
    assert_between(p->ports_needed, 4790, 4810);
    assert_int_equal(p->addresses_needed, 24);
    char text[256];
    tr_describe_pool(p, text, sizeof text);
    assert_non_null(strstr(text, "200 ports (30000-30199)"));
    assert_non_null(strstr(text, ": 24 addresses of this pool"));
    tr_engine_free(e);
}

/* A slow client: its pool covers TIME_WAIT, one address is enough; and a single reuse says
 * nothing about a pool yet. */
static void slow_pool_needs_one_address(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    session_then_syn(e, &frame, 40000, 0.0, 1, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40001, 30.0, 20000, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40000, 100.0, 40000, CLOSE_BY_SERVER, true);
    const tr_finding *r = session_then_syn(e, &frame, 40000, 200.0, 60000, CLOSE_BY_SERVER, false);
    assert_true(r->pool.present);
    assert_int_equal(r->pool.syns, 4);
    assert_int_equal(r->pool.ports, 2);
    assert_int_equal(r->pool.per_second, 0);
    assert_int_equal(r->pool.ports_needed, 1); /* 3 attempts in 200 s x 60 s */
    assert_int_equal(r->pool.addresses_needed, 1);
    tr_engine_free(e);
}

/* The same cycling with the clients closing first: no server TIME_WAIT is at stake (each
 * client's own TIME_WAIT goes with its port), so the pool says nothing. */
static void clients_closing_first_have_no_pool_finding(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 599; i++)
        session_then_syn(e, &frame, (uint16_t)(30000 + i % 200), i * 0.0125, 1000 + i * 7919u, CLOSE_BY_CLIENT, true);
    const tr_finding *last =
        session_then_syn(e, &frame, 30000 + 599 % 200, 599 * 0.0125, 1000 + 599 * 7919u, CLOSE_BY_CLIENT, false);
    assert_true(last == NULL || !last->pool.present);
    tr_engine_free(e);
}

/* Boundaries of the evidence: two ports coming back twice within 0.99 s say nothing; at
 * 1.0 s they do. */
static void pool_needs_a_second_of_evidence(void **state)
{
    (void)state;
    for (int at_one_second = 0; at_one_second < 2; at_one_second++) {
        tr_engine *e = test_engine();
        uint32_t frame = 0;
        double end = at_one_second ? 1.0 : 0.99;
        session_then_syn(e, &frame, 40000, 0.0, 1, CLOSE_BY_SERVER, true);
        session_then_syn(e, &frame, 40001, 0.1, 20000, CLOSE_BY_SERVER, true);
        session_then_syn(e, &frame, 40000, 0.5, 40000, CLOSE_BY_SERVER, true);
        const tr_finding *r = session_then_syn(e, &frame, 40001, end, 60000, CLOSE_BY_SERVER, false);
        assert_non_null(r);
        assert_int_equal(r->pool.present, at_one_second);
        tr_engine_free(e);
    }
}

/* A client bound to one port: however often it comes back, it has no pool to enlarge. */
static void fixed_port_client_has_no_pool(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 9; i++)
        session_then_syn(e, &frame, 40000, i * 2.0, 1000 + i * 100000u, CLOSE_BY_SERVER, true);
    const tr_finding *r = session_then_syn(e, &frame, 40000, 20.0, 2000000, CLOSE_BY_SERVER, false);
    assert_non_null(r);
    assert_true(r->reuse.present);
    assert_false(r->pool.present);
    tr_engine_free(e);
}

/* A retry a NAT moved to another port (same ISN) is no new attempt: the pool counts
 * attempts, not copies, though the port it landed on counts. */
static void nat_moved_retry_is_no_attempt(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    session_then_syn(e, &frame, 40000, 0.0, 1, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40001, 0.5, 20000, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40000, 1.0, 40000, CLOSE_BY_SERVER, false);       /* unanswered */
    session_then_syn(e, &frame, 40002, 2.0, 40000, CLOSE_BY_SERVER, false);       /* moved retry */
    const tr_finding *r = session_then_syn(e, &frame, 40001, 3.0, 60000, CLOSE_BY_SERVER, false);
    assert_true(r->pool.present);
    assert_int_equal(r->pool.syns, 4);
    assert_int_equal(r->pool.ports, 3);
    tr_engine_free(e);
}

/* ISN 0 (scanners, crafted SYNs) is an ISN like any: before the pool has seen 8 attempts,
 * its empty slots are no ISNs (review case). */
static void isn_zero_is_an_attempt(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    session_then_syn(e, &frame, 40000, 0.0, 0, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40001, 0.5, 20000, CLOSE_BY_SERVER, true);
    session_then_syn(e, &frame, 40000, 1.0, 40000, CLOSE_BY_SERVER, true);
    const tr_finding *r = session_then_syn(e, &frame, 40001, 2.0, 60000, CLOSE_BY_SERVER, false);
    assert_true(r->pool.present);
    assert_int_equal(r->pool.syns, 4);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pool_cycled_faster_than_time_wait),
        cmocka_unit_test(slow_pool_needs_one_address),
        cmocka_unit_test(clients_closing_first_have_no_pool_finding),
        cmocka_unit_test(pool_needs_a_second_of_evidence),
        cmocka_unit_test(fixed_port_client_has_no_pool),
        cmocka_unit_test(nat_moved_retry_is_no_attempt),
        cmocka_unit_test(isn_zero_is_an_attempt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
