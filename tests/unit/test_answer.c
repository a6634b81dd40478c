/* SPDX-License-Identifier: GPL-2.0-or-later
 * What answers a reusing SYN: SYN-ACK, the kinds of bare ACK, and the back-references.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support.h"

#define SYN TR_TCP_SYN
#define ACK TR_TCP_ACK

static test_flow flow(tr_engine *e)
{
    return test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
}

static void time_wait_ack_and_back_reference(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    const tr_finding *syn = test_send_ts(&f, true, 30.0, SYN, 77, 0, 0, 999);
    uint32_t syn_frame = f.frame;
    const tr_finding *ack = test_send(&f, false, 30.0002, ACK, s.server_next, s.client_next, 0);
    assert_true(ack->stale_ack.present);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_TIME_WAIT);
    assert_int_equal(ack->stale_ack.old_session, s.syn);
    assert_int_equal(ack->stale_ack.old_close, s.close);
    assert_int_equal(ack->stale_ack.old_rcv_nxt, s.client_next);
    assert_int_equal(ack->stale_ack.old_snd_nxt, s.server_next);
    assert_false(ack->stale_ack.beyond_time_wait);
    assert_true(ack->answer.present);
    assert_int_equal(ack->answer.answers_syn, syn_frame);
    assert_int_equal(ack->answer.kind, TR_ANSWER_BARE_ACK);
    /* written back into the SYN's finding during the same pass */
    syn = test_finding_of(e, syn->frame);
    assert_int_equal(syn->syn.answered_by, f.frame);
    assert_int_equal(syn->syn.answer_kind, TR_ANSWER_BARE_ACK);
    tr_engine_free(e);
}

static void syn_ack_answers_reusing_syn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    const tr_finding *syn = test_send(&f, true, 30.0, SYN, s.client_next + 9, 0, 0);
    const tr_finding *sa = test_send(&f, false, 30.001, SYN | ACK, 900, s.client_next + 10, 0);
    assert_non_null(sa);
    assert_int_equal(sa->answer.answers_syn, f.frame - 1);
    assert_int_equal(sa->answer.kind, TR_ANSWER_SYN_ACK);
    assert_false(sa->stale_ack.present);
    syn = test_finding_of(e, syn->frame);
    assert_int_equal(syn->syn.answered_by, f.frame);
    tr_engine_free(e);
}

static void challenge_ack_on_open_session(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_send(&f, true, 0.0, SYN, 1000, 0, 0);
    uint32_t first = f.frame;
    test_send(&f, false, 0.001, SYN | ACK, 5000, 1001, 0);
    test_send(&f, true, 0.002, ACK | TR_TCP_PSH, 1001, 5001, 50);
    test_send(&f, false, 0.003, ACK, 5001, 1051, 0);
    const tr_finding *syn = test_send(&f, true, 40.0, SYN, 123456, 0, 0);
    assert_true(syn->reuse.syn_reuses_open);
    assert_int_equal(syn->reuse.prev_close, 0);
    assert_int_equal(syn->reuse.prev_session, first);
    const tr_finding *ch = test_send(&f, false, 40.001, ACK, 5001, 1051, 0);
    uint32_t ch_frame = f.frame;
    assert_int_equal(ch->stale_ack.kind, TR_STALE_CHALLENGE);
    const tr_finding *rst = test_send(&f, true, 40.002, TR_TCP_RST, 1051, 0, 0);
    assert_int_equal(rst->rst.cause, TR_RST_STALE_ACK);
    assert_int_equal(rst->rst.trigger, ch_frame);
    assert_int_equal(rst->rst.ends_session, first);
    assert_false(rst->rst.kills_time_wait);
    const tr_finding *retry = test_send(&f, true, 41.0, SYN, 123456, 0, 0);
    assert_false(retry->reuse.syn_reuses_open);
    assert_int_equal(retry->reuse.prev_close, f.frame - 1);
    tr_engine_free(e);
}

static void missing_syn_flag(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    test_send(&f, true, 0.0, SYN | TR_TCP_ECE | TR_TCP_CWR, 4242, 0, 0);
    test_send(&f, true, 3.0, SYN | TR_TCP_ECE | TR_TCP_CWR, 4242, 0, 0);
    uint32_t retry = f.frame;
    const tr_finding *ack = test_send(&f, false, 3.02, ACK, 99, 4243, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_MISSING_SYN_FLAG);
    assert_int_equal(ack->answer.answers_syn, retry);
    const tr_finding *rst = test_send(&f, false, 7.4, TR_TCP_RST | ACK, 99, 4243, 0);
    assert_int_equal(rst->rst.cause, TR_RST_REFUSED);
    assert_int_equal(rst->rst.trigger, retry);
    assert_false(rst->answer.present); /* the SYN was answered already */
    tr_engine_free(e);
}

static void unseen_state(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    const tr_finding *syn = test_send(&f, true, 0.0, SYN, 4242, 0, 0);
    assert_null(syn); /* first SYN on the pair, nothing to say */
    const tr_finding *ack = test_send(&f, false, 0.001, ACK, 31337, 777777, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_UNSEEN_STATE);
    assert_int_equal(ack->answer.answers_syn, 1);
    tr_engine_free(e);
}

/* Seed 003: a TIME_WAIT ACK long after the configured TIME_WAIT says the server held it longer. */
static void time_wait_ack_beyond_model(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    const tr_finding *syn = test_send(&f, true, 110.0, SYN, 10, 0, 0);
    assert_false(syn->reuse.syn_reuses_tw);
    const tr_finding *ack = test_send(&f, false, 110.001, ACK, s.server_next, s.client_next, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_TIME_WAIT);
    assert_true(ack->stale_ack.beyond_time_wait);
    const tr_finding *rst = test_send(&f, true, 110.002, TR_TCP_RST, s.client_next, 0, 0);
    assert_true(rst->rst.kills_time_wait);
    tr_engine_free(e);
}

/* The passive closer whose FIN was never acknowledged is in LAST_ACK, not TIME_WAIT: its
 * answer to a SYN is a challenge ACK (tcp_validate_incoming()), never "beyond TIME_WAIT", and
 * the client's RST at its rcv_nxt ends it. */
static void last_ack_answer_is_not_time_wait(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_handshake(&f, 0.0, 1000, 500000);
    test_send(&f, true, 0.010, TR_TCP_FIN | ACK, 1001, 500001, 0);   /* the client closes first */
    test_send(&f, false, 0.011, ACK, 500001, 1002, 0);
    test_send(&f, false, 0.012, TR_TCP_FIN | ACK, 500001, 1002, 0);  /* its ACK never comes */
    test_send(&f, false, 0.220, TR_TCP_FIN | ACK, 500001, 1002, 0);  /* retransmitted */
    const tr_finding *syn = test_send(&f, true, 5.0, SYN, 90000, 0, 0);
    assert_int_equal(syn->reuse.tw_holder, TR_HOLDER_CLIENT);
    assert_true(syn->reuse.server_fin_unacked);
    const tr_finding *ack = test_send(&f, false, 5.0001, ACK, 500002, 1002, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_LAST_ACK);
    assert_false(ack->stale_ack.beyond_time_wait);
    assert_int_equal(ack->stale_ack.old_session, 1);
    assert_int_equal(ack->stale_ack.old_snd_nxt, 500002);
    assert_int_equal(ack->stale_ack.old_rcv_nxt, 1002);
    const tr_finding *rst = test_send(&f, true, 5.010, TR_TCP_RST, 1002, 0, 0);
    assert_int_equal(rst->rst.cause, TR_RST_STALE_ACK);
    assert_false(rst->rst.kills_time_wait);
    assert_int_equal(rst->rst.ends_session, 1);
    tr_engine_free(e);
}

/* Long after a full close by the client, the server (passive closer) answering with the old
 * numbers never got the last ACK (lost after the capture point): LAST_ACK, not a TIME_WAIT
 * held too long; and the client's own TIME_WAIT is not taken for the server's. */
static void passive_closer_answer_long_after_close(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e);
    f.ts = false;
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_CLIENT);
    const tr_finding *syn = test_send(&f, true, 110.0, SYN, 10, 0, 0);
    assert_false(syn->reuse.server_fin_unacked); /* its FIN was ACKed in the capture */
    const tr_finding *ack = test_send(&f, false, 110.001, ACK, s.server_next, s.client_next, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_LAST_ACK);
    assert_false(ack->stale_ack.beyond_time_wait);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_wait_ack_and_back_reference),
        cmocka_unit_test(syn_ack_answers_reusing_syn),
        cmocka_unit_test(challenge_ack_on_open_session),
        cmocka_unit_test(missing_syn_flag),
        cmocka_unit_test(unseen_state),
        cmocka_unit_test(time_wait_ack_beyond_model),
        cmocka_unit_test(last_ack_answer_is_not_time_wait),
        cmocka_unit_test(passive_closer_answer_long_after_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
