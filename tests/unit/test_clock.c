/* SPDX-License-Identifier: GPL-2.0-or-later
 * Timestamp clocks per source address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#define SYN TR_TCP_SYN

/* One SYN from nat:port at t with TSval = offset + 1000 * t (a 1 kHz clock). */
static const tr_finding *syn_from(tr_engine *e, uint32_t *frame, uint16_t port, double t, uint32_t offset)
{
    test_flow f = test_flow_new(e, test_ipv4(198, 51, 100, 7), port, test_ipv4(192, 0, 2, 80), 443);
    f.frame = *frame;
    const tr_finding *r = test_send_ts(&f, true, t, SYN, 1000u * port, 0, 0, offset + (uint32_t)(t * 1000));
    *frame = f.frame;
    return r;
}

static void hosts_behind_nat(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    assert_null(syn_from(e, &frame, 40001, 0.0, 50000000));   /* host A */
    const tr_finding *b = syn_from(e, &frame, 40002, 0.5, 20000000); /* host B, clock behind A's */
    assert_non_null(b);
    assert_false(b->clock.present); /* held back: one clock per port could be random offsets */
    assert_false(tr_finding_has_any(b));
    const tr_finding *a = syn_from(e, &frame, 40003, 1.0, 50000000); /* A again, another port: shared */
    b = test_finding_of(e, b->frame);
    assert_false(b->clock.present);  /* one clock on two connections: not yet two hosts */
    assert_false(a->clock.present);
    const tr_finding *b2 = syn_from(e, &frame, 40004, 1.5, 20000000); /* B again: two clocks proven */
    assert_true(b2->clock.regress);
    assert_true(b2->clock.present);
    b = test_finding_of(e, b->frame);
    assert_true(b->clock.present);   /* shown on the earlier SYNs now */
    assert_true(b->clock.regress);
    assert_int_equal(b->clock.newest_frame, 1);
    assert_int_equal(b->clock.clocks, 2);
    a = test_finding_of(e, a->frame);
    assert_false(a->clock.regress);
    assert_true(a->clock.present);
    assert_int_equal(a->clock.clocks, 2);
    /* later SYNs keep the marks: the clocks are shared across ports */
    for (int i = 0; i < 10; i++)
        syn_from(e, &frame, (uint16_t)(40010 + i), 2.0 + i, i % 2 ? 20000000 : 50000000);
    b = test_finding_of(e, b->frame);
    assert_true(b->clock.regress);
    tr_engine_free(e);
}

static void one_host_one_clock(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    for (int i = 0; i < 20; i++)
        assert_null(syn_from(e, &frame, (uint16_t)(40000 + i), 0.3 * i, 777));
    tr_engine_free(e);
}

/* One clock that steps back by up to TR_TS_TOLERANCE ticks (a SYN's TSval from another
 * clock source, jitter) and drifts: no mark however many SYNs. One tick more than the
 * tolerance on a NAT already proven is a regression. */
static void one_clock_within_tolerance(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    uint32_t base = 1000000;
    for (int i = 0; i < 40; i++) {
        /* 930 ticks a second on average (syn_from adds 1000 a second), every other SYN 1000
         * ticks behind the newest */
        uint32_t offset = base - (uint32_t)(70 * 0.3 * i) - (i % 2 ? 1000u : 0u);
        const tr_finding *r = syn_from(e, &frame, (uint16_t)(42000 + i), 0.3 * i, offset);
        assert_true(r == NULL || !tr_finding_has_any(r));
    }
    tr_engine_free(e);

    e = test_engine();
    frame = 0;
    syn_from(e, &frame, 40001, 0.0, 50000000);
    syn_from(e, &frame, 40002, 0.1, 20000000);
    syn_from(e, &frame, 40003, 0.2, 50000100);
    syn_from(e, &frame, 40004, 0.3, 20000100);
    /* A's newest TSval is 50000300 (t = 0.2): exactly the tolerance behind it is no regression */
    const tr_finding *at = syn_from(e, &frame, 40005, 0.4, 50000300 - 1000 - 400);
    assert_true(at == NULL || !at->clock.regress);
    const tr_finding *beyond = syn_from(e, &frame, 40006, 0.5, 50000300 - 1001 - 500);
    assert_non_null(beyond);
    assert_true(beyond->clock.present);
    assert_true(beyond->clock.regress);
    tr_engine_free(e);
}

/* Linux since 2026: the offset depends on the 4-tuple, so every port shows a new clock. */
static void random_offsets_said_once_and_marks_withdrawn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    const tr_finding *early[7];
    uint32_t lcg = 12345;
    int said = 0;
    for (int i = 0; i < 30; i++) {
        lcg = lcg * 1103515245u + 12345u;
        const tr_finding *r = syn_from(e, &frame, (uint16_t)(41000 + i), 0.2 * i, lcg);
        if (i < 7)
            early[i] = r;
        if (r && r->clock.random_offsets)
            said++;
        if (i >= 7)
            assert_true(r == NULL || !r->clock.regress);
    }
    assert_int_equal(said, 1);
    for (int i = 0; i < 7; i++) {
        const tr_finding *now = early[i] ? test_finding_of(e, early[i]->frame) : NULL;
        assert_true(now == NULL || (!now->clock.regress && now->clock.clocks == 0));
    }
    tr_engine_free(e);
}

/* A NAT moved a retried SYN (same ISN, same per-connection offset) to another port:
 * that proves nothing about clocks shared across connections. */
static void nat_moved_retry_is_no_proof(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_new(e, test_ipv4(198, 51, 100, 7), 61000, test_ipv4(192, 0, 2, 80), 443);
    test_send_ts(&a, true, 0.0, SYN, 4242, 0, 0, 90000000);
    test_flow b = test_flow_new(e, test_ipv4(198, 51, 100, 7), 61001, test_ipv4(192, 0, 2, 80), 443);
    b.frame = a.frame;
    test_send_ts(&b, true, 0.010, SYN, 4242, 0, 0, 90000010); /* the retry, moved */
    test_flow c = test_flow_new(e, test_ipv4(198, 51, 100, 7), 61002, test_ipv4(192, 0, 2, 80), 443);
    c.frame = b.frame;
    const tr_finding *r = test_send_ts(&c, true, 1.0, SYN, 777, 0, 0, 1000); /* unrelated offset */
    assert_true(r == NULL || !r->clock.present);
    tr_engine_free(e);
}

static void ts_analysis_off(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.ts_analysis = false;
    tr_engine *e = tr_engine_new(&cfg);
    uint32_t frame = 0;
    syn_from(e, &frame, 40001, 0.0, 50000000);
    assert_null(syn_from(e, &frame, 40002, 0.5, 20000000));
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hosts_behind_nat),
        cmocka_unit_test(one_host_one_clock),
        cmocka_unit_test(one_clock_within_tolerance),
        cmocka_unit_test(random_offsets_said_once_and_marks_withdrawn),
        cmocka_unit_test(nat_moved_retry_is_no_proof),
        cmocka_unit_test(ts_analysis_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
