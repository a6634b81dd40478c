/* SPDX-License-Identifier: GPL-2.0-or-later
 * TIME_WAIT holder, lifetime and verdicts (Linux tcp_timewait_state_process()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#define SYN TR_TCP_SYN

static test_flow flow(tr_engine *e)
{
    return test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
}

/* A server-closed session at t=0..; returns it. TSvals: client base 1,000,000 + ms. */
static test_session closed_by_server(test_flow *f)
{
    return test_play_session(f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
}

static void paws_rejects_older_tsval_even_with_higher_isn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    /* ISN far ahead, but the TSval is older than the last one the server got (1,000,007). */
    const tr_finding *r = test_send_ts(&f, true, 10.0, SYN, s.client_next + 100000, 0, 0, 999000);
    assert_non_null(r);
    assert_true(r->reuse.present);
    assert_true(r->reuse.syn_reuses_tw);
    assert_int_equal(r->reuse.tw_holder, TR_HOLDER_SERVER);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    assert_int_equal(r->reuse.prev_session, s.syn);
    assert_int_equal(r->reuse.prev_close, s.close);
    assert_int_equal(r->reuse.old_rcv_nxt, s.client_next);
    assert_int_equal(r->reuse.old_ts_recent, 1000007);
    tr_engine_free(e);
}

static void accept_seq_when_isn_after_rcv_nxt(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    f.ts = false;
    const tr_finding *r = test_send(&f, true, 10.0, SYN, s.client_next + 1, 0, 0);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_ACCEPT_SEQ);
    tr_engine_free(e);
}

static void accept_ts_when_isn_behind_but_tsval_newer(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    const tr_finding *r = test_send_ts(&f, true, 10.0, SYN, s.client_next - 5000, 0, 0, 1010000);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_ACCEPT_TS);
    tr_engine_free(e);
}

static void reject_seq_without_timestamps(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_session s = closed_by_server(&f);
    const tr_finding *r = test_send(&f, true, 10.0, SYN, s.client_next, 0, 0); /* equal is not after */
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_SEQ);
    assert_false(r->reuse.old_has_ts);
    tr_engine_free(e);
}

static void equal_tsval_is_neither_paws_nor_newer(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    const tr_finding *r = test_send_ts(&f, true, 10.0, SYN, s.client_next - 1, 0, 0, 1000007);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_SEQ);
    tr_engine_free(e);
}

static void sequence_wrap_around(void **state)
{
    (void)state;
    /* client ISN just below 2^32: its final sequence (the server's rcv_nxt) wraps past 0 */
    for (int behind = 0; behind < 2; behind++) {
        tr_engine *e = test_engine();
        test_flow f = flow(e);
        f.ts = false;
        test_session s = test_play_session(&f, 0.0, 0xFFFFFFC0u, 7, CLOSE_BY_SERVER);
        assert_true(s.client_next < 0x100u);
        uint32_t isn = behind ? 0xFFFFFFF0u : s.client_next + 10;
        const tr_finding *r = test_send(&f, true, 5.0, SYN, isn, 0, 0);
        assert_int_equal(r->reuse.tw_verdict, behind ? TR_VERDICT_REJECT_SEQ : TR_VERDICT_ACCEPT_SEQ);
        tr_engine_free(e);
    }
}

static void expires_at_exactly_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_session s = closed_by_server(&f);
    double close_t = 0.008; /* the 9th frame, 1 ms apart */
    const tr_finding *held = test_send(&f, true, close_t + 59.999999, SYN, s.client_next + 1, 0, 0);
    assert_true(held->reuse.syn_reuses_tw);
    assert_int_equal(held->reuse.tw_verdict, TR_VERDICT_ACCEPT_SEQ);

    tr_engine *e2 = test_engine();
    test_flow g = flow(e2);
    g.ts = false;
    test_session s2 = closed_by_server(&g);
    const tr_finding *gone = test_send(&g, true, close_t + 60.0, SYN, s2.client_next - 1, 0, 0);
    assert_true(gone->reuse.present);
    assert_false(gone->reuse.syn_reuses_tw);
    assert_int_equal(gone->reuse.tw_verdict, TR_VERDICT_NONE);
    assert_int_equal(gone->reuse.tw_holder, TR_HOLDER_SERVER);
    assert_int_equal(gone->reuse.since_close_ns, 60000000000LL);
    assert_true(gone->reuse.tw_may_linger); /* the timer wheel may still hold it */
    assert_false(held->reuse.tw_may_linger);
    tr_engine_free(e);
    tr_engine_free(e2);
}

static void client_closing_first_holds_it_itself(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_CLIENT);
    const tr_finding *r = test_send_ts(&f, true, 3.0, SYN, s.client_next - 10, 0, 0, 5);
    assert_true(r->reuse.syn_reuses_tw);
    assert_int_equal(r->reuse.tw_holder, TR_HOLDER_CLIENT);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_NONE);
    tr_engine_free(e);
}

static void simultaneous_close_both_hold(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_SIMULTANEOUS);
    const tr_finding *r = test_send_ts(&f, true, 3.0, SYN, s.client_next + 5, 0, 0, 1003000);
    assert_int_equal(r->reuse.tw_holder, TR_HOLDER_BOTH);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_ACCEPT_SEQ);
    assert_int_equal(r->reuse.prev_close, s.close);
    tr_engine_free(e);
}

/* A PAWS-rejected SYN restarts the timer: a SYN 100 s after close still meets TIME_WAIT
 * (seed 003); a SYN rejected on sequence alone does not restart it. */
static void paws_reject_restarts_timer(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    const tr_finding *first = test_send_ts(&f, true, 50.0, SYN, s.client_next + 7, 0, 0, 900000);
    uint32_t first_frame = f.frame;
    assert_int_equal(first->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    const tr_finding *late = test_send_ts(&f, true, 100.0, SYN, s.client_next - 7, 0, 0, 900100);
    assert_true(late->reuse.syn_reuses_tw);
    assert_int_equal(late->reuse.tw_restarted_by, first_frame);
    assert_int_equal(late->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    tr_engine_free(e);
}

static void seq_reject_does_not_restart_timer(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_session s = closed_by_server(&f);
    const tr_finding *first = test_send(&f, true, 50.0, SYN, s.client_next - 7, 0, 0);
    assert_int_equal(first->reuse.tw_verdict, TR_VERDICT_REJECT_SEQ);
    const tr_finding *late = test_send(&f, true, 61.0, SYN, s.client_next - 9, 0, 0);
    assert_false(late->reuse.syn_reuses_tw);
    assert_int_equal(late->reuse.tw_restarted_by, 0);
    tr_engine_free(e);
}

static void client_rst_kills_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    uint32_t isn = s.client_next + 1000;
    test_send_ts(&f, true, 10.0, SYN, isn, 0, 0, 999000);
    uint32_t syn = f.frame;
    const tr_finding *ack = test_send(&f, false, 10.001, TR_TCP_ACK, s.server_next, s.client_next, 0);
    uint32_t ack_frame = f.frame;
    assert_true(ack->stale_ack.present);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_TIME_WAIT);
    const tr_finding *rst = test_send(&f, true, 10.002, TR_TCP_RST, s.client_next, 0, 0);
    uint32_t rst_frame = f.frame;
    assert_int_equal(rst->rst.cause, TR_RST_STALE_ACK);
    assert_int_equal(rst->rst.trigger, ack_frame);
    assert_true(rst->rst.kills_time_wait);
    const tr_finding *retry = test_send_ts(&f, true, 11.0, SYN, isn, 0, 0, 1000000);
    assert_int_equal(retry->syn.retransmit_of, syn);
    assert_false(retry->reuse.syn_reuses_tw);
    assert_int_equal(retry->reuse.tw_killed_by, rst_frame);
    assert_int_equal(retry->reuse.tw_verdict, TR_VERDICT_NONE);
    tr_engine_free(e);
}

/* Linux hands an accepted SYN to the listener and drops the TIME_WAIT at once. */
static void accepted_syn_takes_the_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    const tr_finding *syn = test_send_ts(&f, true, 10.0, SYN, s.client_next + 1, 0, 0, 1010000);
    uint32_t syn_frame = f.frame;
    assert_int_equal(syn->reuse.tw_verdict, TR_VERDICT_ACCEPT_SEQ);
    const tr_finding *again = test_send_ts(&f, true, 11.0, SYN, s.client_next + 1, 0, 0, 1011000);
    assert_int_equal(again->syn.retransmit_of, syn_frame);
    assert_false(again->reuse.syn_reuses_tw);
    assert_int_equal(again->reuse.tw_holder, TR_HOLDER_SERVER);
    assert_int_equal(again->reuse.tw_taken_by, syn_frame);
    assert_int_equal(again->reuse.tw_verdict, TR_VERDICT_NONE);
    tr_engine_free(e);
}

static void rfc1337_ignores_the_rst(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.rfc1337 = true;
    tr_engine *e = tr_engine_new(&cfg);
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    uint32_t isn = s.client_next + 1000;
    test_send_ts(&f, true, 10.0, SYN, isn, 0, 0, 999000);
    test_send(&f, false, 10.001, TR_TCP_ACK, s.server_next, s.client_next, 0);
    const tr_finding *rst = test_send(&f, true, 10.002, TR_TCP_RST, s.client_next, 0, 0);
    assert_int_equal(rst->rst.cause, TR_RST_STALE_ACK);
    assert_false(rst->rst.kills_time_wait);
    const tr_finding *retry = test_send_ts(&f, true, 10.010, SYN, isn, 0, 0, 999010);
    assert_true(retry->reuse.syn_reuses_tw);
    assert_int_equal(retry->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    tr_engine_free(e);
}

/* The snap length cut the SYN's options before Timestamps: PAWS cannot be judged. */
static void cut_options_leave_no_verdict(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = closed_by_server(&f);
    tr_segment syn = {.frame = ++f.frame, .time_ns = 10000000000LL, .src = f.client, .dst = f.server,
                      .sport = f.cport, .dport = f.sport, .flags = SYN, .seq = s.client_next + 9,
                      .options_cut = true};
    const tr_finding *r = tr_engine_process(e, &syn);
    assert_true(r->reuse.syn_reuses_tw);
    assert_true(r->reuse.verdict_unknown);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_NONE);
    /* the same SYN with its Timestamps option captured gets its verdict */
    syn.frame = ++f.frame;
    syn.options_cut = false;
    syn.has_ts = true;
    syn.tsval = 900000;
    r = tr_engine_process(e, &syn);
    assert_false(r->reuse.verdict_unknown);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    tr_engine_free(e);
}

static void other_time_wait_lengths(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.time_wait_s = 120; /* Windows */
    tr_engine *e = tr_engine_new(&cfg);
    test_flow f = flow(e);
    f.ts = false;
    test_session s = closed_by_server(&f);
    const tr_finding *r = test_send(&f, true, 90.0, SYN, s.client_next - 1, 0, 0);
    assert_true(r->reuse.syn_reuses_tw);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paws_rejects_older_tsval_even_with_higher_isn),
        cmocka_unit_test(accept_seq_when_isn_after_rcv_nxt),
        cmocka_unit_test(accept_ts_when_isn_behind_but_tsval_newer),
        cmocka_unit_test(reject_seq_without_timestamps),
        cmocka_unit_test(equal_tsval_is_neither_paws_nor_newer),
        cmocka_unit_test(sequence_wrap_around),
        cmocka_unit_test(expires_at_exactly_time_wait),
        cmocka_unit_test(client_closing_first_holds_it_itself),
        cmocka_unit_test(simultaneous_close_both_hold),
        cmocka_unit_test(paws_reject_restarts_timer),
        cmocka_unit_test(seq_reject_does_not_restart_timer),
        cmocka_unit_test(client_rst_kills_time_wait),
        cmocka_unit_test(accepted_syn_takes_the_time_wait),
        cmocka_unit_test(rfc1337_ignores_the_rst),
        cmocka_unit_test(cut_options_leave_no_verdict),
        cmocka_unit_test(other_time_wait_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
