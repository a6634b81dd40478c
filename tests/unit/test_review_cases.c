/* SPDX-License-Identifier: GPL-2.0-or-later
 * Cases a review found the engine getting wrong, each against what Linux does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#define SYN TR_TCP_SYN
#define ACK TR_TCP_ACK
#define RST TR_TCP_RST

static test_flow flow(tr_engine *e)
{
    return test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
}

/* tcp_timewait_state_process() changes tw_rcv_nxt and tw_ts_recent only for an in-window
 * segment: an out-of-window ACK after the close (another host behind the NAT) is ACKed and
 * restarts the timer, but the SYN that follows is judged against the old numbers. */
static void out_of_window_segment_keeps_time_wait_numbers(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    test_send_ts(&f, true, 5.0, ACK, s.client_next + 100000, 7, 0, 90000000);
    uint32_t stray = f.frame;
    const tr_finding *r = test_send_ts(&f, true, 10.0, SYN, s.client_next + 5, 0, 0, 1010000);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_ACCEPT_SEQ);
    assert_int_equal(r->reuse.old_rcv_nxt, s.client_next);
    assert_int_equal(r->reuse.old_ts_recent, 1000007);
    assert_int_equal(r->reuse.tw_restarted_by, stray);
    tr_engine_free(e);
}

/* A retransmission of a SYN that followed a refused attempt names the same previous attempt. */
static void retransmission_after_refused_attempt(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, true, 0.0, SYN, 100, 0, 0);
    test_send(&f, false, 0.001, RST | ACK, 0, 101, 0);
    const tr_finding *first = test_send(&f, true, 1.0, SYN, 5000, 0, 0);
    const tr_finding *again = test_send(&f, true, 2.0, SYN, 5000, 0, 0);
    first = test_finding_of(e, first->frame);
    assert_int_equal(first->reuse.prev_session, 1);
    assert_int_equal(first->reuse.prev_close, 2);
    assert_int_equal(again->reuse.prev_session, 1);
    assert_int_equal(again->reuse.prev_close, 2);
    assert_int_equal(again->syn.retransmit_of, 3);
    assert_int_equal(again->reuse.port_reuse_interval_ns, 2000000000LL);
    tr_engine_free(e);
}

/* A session that started before the capture: the SYN that reuses its pair cannot say how
 * long ago the port was opened, and its pool counts the port. */
static void reuse_after_midstream_session(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, true, 100.0, ACK | TR_TCP_PSH, 5000, 9000, 10);
    test_send(&f, false, 100.1, TR_TCP_FIN | ACK, 9000, 5010, 0);
    test_send(&f, true, 100.2, TR_TCP_FIN | ACK, 5010, 9001, 0);
    test_send(&f, false, 100.3, ACK, 9001, 5011, 0);
    const tr_finding *r = test_send(&f, true, 300.0, SYN, 4000, 0, 0);
    assert_true(r->reuse.present);
    assert_true(r->reuse.port_reuse_interval_ns < 0);
    tr_engine_free(e);
}

/* RFC 793 SYN-SENT: an RST without an ACK of the SYN is dropped; the client retransmits. */
static void rst_without_ack_is_not_a_refusal(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, true, 0.0, SYN, 70000, 0, 0);
    const tr_finding *rst = test_send(&f, false, 0.001, RST, 0, 0, 0);
    assert_int_equal(rst->rst.cause, TR_RST_UNKNOWN);
    assert_true(rst->rst.ignored_in_syn_sent);
    assert_false(rst->rst.first);  /* it reset nothing: the refusal below is the first */
    assert_false(rst->answer.present);
    const tr_finding *again = test_send(&f, true, 1.0, SYN, 70000, 0, 0);
    assert_null(again); /* a retransmission of the first SYN on the pair: nothing to say */
    const tr_finding *refused = test_send(&f, false, 1.001, RST | ACK, 0, 70001, 0);
    assert_int_equal(refused->rst.cause, TR_RST_REFUSED);
    assert_int_equal(refused->rst.trigger, 3);
    assert_true(refused->rst.first);
    tr_engine_free(e);
}

/* The SYN-ACK, the ACK and the first request were not captured: the client's later data
 * shows the handshake completed, so the server's ACKs are not stale. */
static void handshake_out_of_sight(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, true, 0.0, SYN, 1000, 0, 0);
    test_send(&f, true, 0.010, ACK | TR_TCP_PSH, 1101, 501, 100);
    for (int i = 0; i < 5; i++)
        assert_null(test_send(&f, false, 0.020 + i * 0.01, ACK, 501, 1201, 0));
    tr_engine_free(e);
}

/* A SYN-ACK timestamped a little before its SYN (merged captures): the SYN is the session's own. */
static void syn_ack_before_its_syn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, false, 0.0, SYN | ACK, 900, 1001, 0);
    assert_null(test_send(&f, true, 0.000001, SYN, 1000, 0, 0));
    assert_null(test_send(&f, true, 0.001, ACK, 1001, 901, 0));
    tr_engine_free(e);
}

/* One Linux host (one clock per host pair since 4.11) talking to two servers is not a NAT. */
static void one_host_two_servers(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    for (int i = 0; i < 8; i++) {
        test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), (uint16_t)(40000 + i),
                                    test_ipv4(192, 0, 2, (uint8_t)(80 + i % 2)), 80);
        f.frame = frame;
        uint32_t offset = i % 2 ? 7000000u : 90000000u; /* a different offset per server */
        const tr_finding *r = test_send_ts(&f, true, i * 0.5, SYN, 1000u + (uint32_t)i, 0, 0,
                                           offset + (uint32_t)(i * 500));
        assert_true(r == NULL || !r->clock.present);
        frame = f.frame;
    }
    tr_engine_free(e);
}

/* Nine hosts with steady clocks behind one NAT, the first eight all different: that looks
 * like random offsets until host A comes back on another port; then it is taken back. */
static void nat_hosts_first_look_random(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    uint32_t frame = 0;
    const tr_finding *said = NULL;
    const tr_finding *last = NULL;
    for (int i = 0; i < 11; i++) {
        int host = i < 9 ? i : i - 9; /* A..I, then A, B again */
        test_flow f = test_flow_new(e, test_ipv4(198, 51, 100, 7), (uint16_t)(41000 + i),
                                    test_ipv4(192, 0, 2, 80), 443);
        f.frame = frame;
        double t = i * 1.0;
        last = test_send_ts(&f, true, t, SYN, 1000u * (uint32_t)i, 0, 0,
                            (uint32_t)host * 50000000u + 1000u + (uint32_t)(t * 1000));
        if (last && last->clock.random_offsets)
            said = last;
        frame = f.frame;
    }
    assert_non_null(said);
    said = test_finding_of(e, said->frame);
    assert_false(said->clock.random_offsets); /* taken back */
    assert_true(last->clock.present);
    assert_int_equal(last->clock.clocks, 9);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_of_window_segment_keeps_time_wait_numbers),
        cmocka_unit_test(retransmission_after_refused_attempt),
        cmocka_unit_test(reuse_after_midstream_session),
        cmocka_unit_test(rst_without_ack_is_not_a_refusal),
        cmocka_unit_test(handshake_out_of_sight),
        cmocka_unit_test(syn_ack_before_its_syn),
        cmocka_unit_test(one_host_two_servers),
        cmocka_unit_test(nat_hosts_first_look_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
