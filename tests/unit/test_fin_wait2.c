/* SPDX-License-Identifier: GPL-2.0-or-later
 * A SYN after a single FIN: the server that closed first and got its FIN acknowledged is an
 * orphaned FIN_WAIT2 (Linux tcp_timewait_state_process(), substate TCP_FIN_WAIT2): an RST for
 * a SYN in its window, an ACK for one out of it. The numbers follow the lab run in
 * captures/lab/fin-wait2.pcap (s11-fin-wait2.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#define SYN TR_TCP_SYN
#define ACK TR_TCP_ACK
#define FIN TR_TCP_FIN
#define RST TR_TCP_RST

/* 1-3 handshake (client ISN 1000, server ISN 500000, window 64240 unscaled), 4 the server's
 * FIN, 5 the client's ACK of it (FIN_WAIT2 from here); the client never closes. */
static test_flow half_closed_by_server(tr_engine *e)
{
    test_flow f = test_flow_new(e, test_ipv4(10, 77, 0, 2), 50001, test_ipv4(10, 77, 0, 1), 8080);
    test_handshake(&f, 0.0, 1000, 500000);
    test_send(&f, false, 0.001, FIN | ACK, 500001, 1001, 0);
    test_send(&f, true, 0.004, ACK, 1001, 500002, 0);
    return f;
}

static void in_window_syn_is_reset(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = half_closed_by_server(e);
    const tr_finding *syn = test_send(&f, true, 0.5, SYN, 1001, 0, 0); /* seq = rcv_nxt */
    uint32_t syn_frame = f.frame;
    assert_true(syn->reuse.present);
    assert_true(syn->reuse.syn_reuses_fin_wait2);
    assert_false(syn->reuse.syn_reuses_open);
    assert_int_equal(syn->reuse.fw2_verdict, TR_FW2_RESET);
    assert_int_equal(syn->reuse.fw2_since, 5);
    assert_int_equal(syn->reuse.old_rcv_nxt, 1001);
    assert_int_equal(syn->reuse.old_rcv_wnd, 64240);
    /* tcp_v4_send_reset() to a SYN: seq 0, ACK = ISN + 1 */
    const tr_finding *rst = test_send(&f, false, 0.5001, RST | ACK, 0, 1002, 0);
    assert_int_equal(rst->rst.cause, TR_RST_FIN_WAIT2);
    assert_int_equal(rst->rst.trigger, syn_frame);
    assert_int_equal(rst->rst.ends_session, 1);
    syn = test_finding_of(e, syn->frame);
    assert_int_equal(syn->syn.answered_by, f.frame);
    /* the FIN_WAIT2 is gone: the old peer's FIN from CLOSE_WAIT meets no socket */
    test_send(&f, true, 1.2, FIN | ACK, 1001, 500002, 0);
    uint32_t fin_frame = f.frame;
    const tr_finding *rst2 = test_send(&f, false, 1.2001, RST, 500002, 0, 0);
    assert_int_equal(rst2->rst.cause, TR_RST_NO_SOCKET);
    assert_int_equal(rst2->rst.trigger, fin_frame);
    /* and the next SYN is a plain reuse of a session closed by that RST */
    const tr_finding *again = test_send(&f, true, 2.0, SYN, 777777, 0, 0);
    assert_false(again->reuse.syn_reuses_fin_wait2);
    assert_false(again->reuse.syn_reuses_open);
    assert_false(again->reuse.syn_reuses_tw);
    assert_int_equal(again->reuse.prev_close, 7);
    tr_engine_free(e);
}

static void ahead_in_window_and_beyond(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = half_closed_by_server(e);
    assert_int_equal(test_send(&f, true, 0.5, SYN, 1001 + 64239, 0, 0)->reuse.fw2_verdict, TR_FW2_RESET);
    tr_engine_free(e);
    e = test_engine();
    f = half_closed_by_server(e);
    assert_int_equal(test_send(&f, true, 0.5, SYN, 1001 + 64240, 0, 0)->reuse.fw2_verdict, TR_FW2_ACK_SEQ);
    tr_engine_free(e);
}

static void out_of_window_syn_gets_ack(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = half_closed_by_server(e);
    const tr_finding *syn = test_send(&f, true, 0.5, SYN, 1001 - 100000, 0, 0);
    assert_true(syn->reuse.syn_reuses_fin_wait2);
    assert_int_equal(syn->reuse.fw2_verdict, TR_FW2_ACK_SEQ);
    const tr_finding *ack = test_send(&f, false, 0.5001, ACK, 500002, 1001, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_FIN_WAIT2);
    assert_int_equal(ack->stale_ack.old_session, 1);
    assert_int_equal(ack->stale_ack.old_close, 0);
    /* the client's RST at rcv_nxt kills the FIN_WAIT2 (tcp_timewait_state_process(): "goto kill") */
    const tr_finding *rst = test_send(&f, true, 0.51, RST, 1001, 0, 0);
    assert_int_equal(rst->rst.cause, TR_RST_STALE_ACK);
    assert_int_equal(rst->rst.ends_session, 1);
    assert_false(rst->rst.kills_time_wait);
    tr_engine_free(e);
}

/* With timestamps, PAWS decides first: an older TSval gets the ACK even in the window. */
static void paws_rejects_first(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 77, 0, 2), 50001, test_ipv4(10, 77, 0, 1), 8080);
    f.ts = true;
    f.client_ts_base = 5000000;
    f.server_ts_base = 9000000;
    test_handshake(&f, 0.0, 1000, 500000);
    test_send(&f, false, 0.001, FIN | ACK, 500001, 1001, 0);
    test_send(&f, true, 0.004, ACK, 1001, 500002, 0);
    const tr_finding *syn = test_send_ts(&f, true, 0.5, SYN, 1001, 0, 0, 4000000);
    assert_int_equal(syn->reuse.fw2_verdict, TR_FW2_ACK_PAWS);
    tr_engine_free(e);
}

/* Scaled windows: the server's last window 502 with shift 7 is 64256 bytes. */
static void scaled_window(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 77, 0, 2), 50001, test_ipv4(10, 77, 0, 1), 8080);
    tr_segment s = test_segment(&f, true, 0.0, SYN, 1000, 0, 0);
    s.has_wscale = true;
    s.wscale = 7;
    test_process(&f, &s);
    s = test_segment(&f, false, 0.001, SYN | ACK, 500000, 1001, 0);
    s.has_wscale = true;
    s.wscale = 7;
    test_process(&f, &s);
    test_send(&f, true, 0.002, ACK, 1001, 500001, 0);
    s = test_segment(&f, false, 0.003, FIN | ACK, 500001, 1001, 0);
    s.window = 502;
    test_process(&f, &s);
    test_send(&f, true, 0.004, ACK, 1001, 500002, 0);
    const tr_finding *syn = test_send(&f, true, 0.5, SYN, 1001 + 64255, 0, 0);
    assert_int_equal(syn->reuse.old_rcv_wnd, 64256);
    assert_int_equal(syn->reuse.fw2_verdict, TR_FW2_RESET);
    tr_engine_free(e);
}

/* After tcp_fin_timeout (tcpreuse.time_wait) the orphaned FIN_WAIT2 is gone: a plain reuse. */
static void expired(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = half_closed_by_server(e);
    const tr_finding *syn = test_send(&f, true, 60.004, SYN, 1001, 0, 0);
    assert_true(syn->reuse.present);
    assert_false(syn->reuse.syn_reuses_fin_wait2);
    assert_false(syn->reuse.syn_reuses_open);
    tr_engine_free(e);
    e = test_engine();
    f = half_closed_by_server(e);
    syn = test_send(&f, true, 60.003, SYN, 1001, 0, 0);
    assert_true(syn->reuse.syn_reuses_fin_wait2);
    assert_true(syn->reuse.fw2_left_ns > 0);
    tr_engine_free(e);
}

/* Not FIN_WAIT2: the client sent the only FIN, so the server is in CLOSE_WAIT (a full socket:
 * challenge ACK), and a FIN never acknowledged leaves its sender in FIN_WAIT1 (idem). */
static void other_single_fins_stay_open(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 77, 0, 2), 50001, test_ipv4(10, 77, 0, 1), 8080);
    test_handshake(&f, 0.0, 1000, 500000);
    test_send(&f, true, 0.001, FIN | ACK, 1001, 500001, 0);
    test_send(&f, false, 0.002, ACK, 500001, 1002, 0);
    const tr_finding *syn = test_send(&f, true, 70.0, SYN, 5, 0, 0);
    assert_true(syn->reuse.syn_reuses_open);
    assert_false(syn->reuse.syn_reuses_fin_wait2);
    const tr_finding *ack = test_send(&f, false, 70.001, ACK, 500001, 1002, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_CHALLENGE);
    tr_engine_free(e);

    e = test_engine();
    f = test_flow_new(e, test_ipv4(10, 77, 0, 2), 50001, test_ipv4(10, 77, 0, 1), 8080);
    test_handshake(&f, 0.0, 1000, 500000);
    test_send(&f, false, 0.001, FIN | ACK, 500001, 1001, 0); /* its ACK is not seen */
    syn = test_send(&f, true, 0.5, SYN, 1001, 0, 0);
    assert_true(syn->reuse.syn_reuses_open);
    assert_false(syn->reuse.syn_reuses_fin_wait2);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_window_syn_is_reset),
        cmocka_unit_test(ahead_in_window_and_beyond),
        cmocka_unit_test(out_of_window_syn_gets_ack),
        cmocka_unit_test(paws_rejects_first),
        cmocka_unit_test(scaled_window),
        cmocka_unit_test(expired),
        cmocka_unit_test(other_single_fins_stay_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
