/* SPDX-License-Identifier: GPL-2.0-or-later
 * RST causes and their triggers.
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

static void refused(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, SYN, 100, 0, 0);
    const tr_finding *r = test_send(&f, false, 0.001, RST | ACK, 0, 101, 0);
    assert_int_equal(r->rst.cause, TR_RST_REFUSED);
    assert_int_equal(r->rst.sender_role, TR_ROLE_SERVER);
    assert_int_equal(r->rst.connection, 1);
    assert_true(r->rst.first);  /* the refusal is the server's first RST of the connection */
    assert_int_equal(r->rst.trigger, 1);
    assert_int_equal(r->answer.answers_syn, 1);
    assert_int_equal(r->answer.kind, TR_ANSWER_RST);
    /* a new connect() from the same port: reuse of a refused attempt, a note only */
    const tr_finding *again = test_send(&f, true, 1.0, SYN, 5000, 0, 0);
    assert_int_equal(again->reuse.prev_session, 1);
    assert_int_equal(again->reuse.prev_close, 2);
    assert_int_equal(again->reuse.tw_holder, TR_HOLDER_NONE);
    assert_int_equal(again->reuse.port_reuse_interval_ns, 1000000000LL);
    tr_engine_free(e);
}

static void abort_with_data_outstanding(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_handshake(&f, 0.0, 100, 900);
    test_send(&f, true, 0.003, ACK | TR_TCP_PSH, 101, 901, 300); /* frame 4, never acknowledged */
    const tr_finding *r = test_send(&f, false, 0.004, RST | ACK, 901, 101, 0);
    assert_int_equal(r->rst.cause, TR_RST_ABORT);
    assert_int_equal(r->rst.trigger, 4);
    assert_int_equal(r->rst.outstanding, 300);
    assert_int_equal(r->rst.sender_role, TR_ROLE_SERVER);
    tr_engine_free(e);
}

/* The sender's role: the client sent the SYN (or got the SYN-ACK); a session seen only
 * midstream has its client guessed from the ports, so its RSTs' role is unknown. */
static void sender_role(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, false, 0.0, SYN | ACK, 900, 101, 0); /* its SYN not captured */
    const tr_finding *r = test_send(&f, true, 0.001, RST, 101, 0, 0);
    assert_int_equal(r->rst.sender_role, TR_ROLE_CLIENT);
    tr_engine_free(e);

    e = test_engine();
    f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, ACK | TR_TCP_PSH, 101, 901, 10); /* midstream */
    r = test_send(&f, false, 0.001, RST | ACK, 901, 111, 0);
    assert_int_equal(r->rst.sender_role, TR_ROLE_UNKNOWN);
    assert_int_equal(r->rst.connection, 1);  /* a connection seen midstream still has a first RST */
    assert_true(r->rst.first);
    tr_engine_free(e);
}

static void after_close(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_handshake(&f, 0.0, 100, 900);
    test_send(&f, false, 0.003, TR_TCP_FIN | ACK, 901, 101, 0);        /* server closes */
    test_send(&f, true, 0.004, ACK | TR_TCP_PSH, 101, 902, 20);       /* frame 5: data after its FIN */
    const tr_finding *r = test_send(&f, false, 0.005, RST, 902, 0, 0);
    assert_int_equal(r->rst.cause, TR_RST_AFTER_CLOSE);
    assert_int_equal(r->rst.trigger, 5);
    tr_engine_free(e);
}

static void unknown_pair(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    const tr_finding *r = test_send(&f, true, 0.0, RST, 4711, 0, 0);
    assert_int_equal(r->rst.cause, TR_RST_UNKNOWN);
    assert_int_equal(r->rst.trigger, 0);
    tr_engine_stats st;
    tr_engine_get_stats(e, &st);
    assert_int_equal(st.pairs, 0); /* a lone RST costs no memory */
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refused),
        cmocka_unit_test(abort_with_data_outstanding),
        cmocka_unit_test(sender_role),
        cmocka_unit_test(after_close),
        cmocka_unit_test(unknown_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
