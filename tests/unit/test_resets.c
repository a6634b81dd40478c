/* SPDX-License-Identifier: GPL-2.0-or-later
 * Who resets: each RST's sender role and whether it resets its connection first; reset
 * loops (SYN -> stale ACK -> RST cycles on one 4-tuple).
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
#define PSH TR_TCP_PSH

static void server_resets_first_then_client(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_handshake(&f, 0.0, 100, 900);                                  /* 1-3 */
    test_send(&f, true, 0.003, ACK | PSH, 101, 901, 50);                /* 4 */
    const tr_finding *r = test_send(&f, false, 0.004, RST | ACK, 901, 151, 0); /* 5 */
    assert_int_equal(r->rst.sender_role, TR_ROLE_SERVER);
    assert_int_equal(r->rst.connection, 1);
    assert_true(r->rst.first);
    test_send(&f, true, 0.005, ACK | PSH, 151, 901, 10);                /* 6: the client goes on */
    const tr_finding *c = test_send(&f, true, 0.006, RST, 161, 0, 0);   /* 7 */
    assert_int_equal(c->rst.sender_role, TR_ROLE_CLIENT);
    assert_int_equal(c->rst.connection, 1);
    assert_false(c->rst.first);
    tr_engine_free(e);
}

static void each_connection_has_its_first(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_handshake(&f, 0.0, 100, 900);
    test_send(&f, true, 0.003, RST | ACK, 101, 901, 0);                 /* 4: client aborts */
    test_handshake(&f, 1.0, 5000, 7000);                                /* 5-7 */
    const tr_finding *r = test_send(&f, false, 1.003, RST | ACK, 7001, 5001, 0); /* 8 */
    assert_int_equal(r->rst.sender_role, TR_ROLE_SERVER);
    assert_int_equal(r->rst.connection, 5);
    assert_true(r->rst.first);
    tr_engine_free(e);
}

/* One cycle: the SYN, a bare ACK with numbers of state held elsewhere, the client's RST. */
static const tr_finding *cycle(test_flow *f, double t, uint32_t isn)
{
    test_send(f, true, t, SYN, isn, 0, 0);
    test_send(f, false, t + 0.001, ACK, 0x12345678, 0x0badf00d, 0);
    return test_send(f, true, t + 0.002, RST, 0x0badf00d, 0, 0);
}

static void loop_counts_cycles_until_syn_ack(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    const tr_finding *r1 = cycle(&f, 0.0, 100);                         /* 1-3 */
    assert_int_equal(r1->rst.cause, TR_RST_STALE_ACK);
    assert_int_equal(r1->loop.cycles, 1);
    assert_int_equal(r1->loop.began, 1);
    assert_false(r1->loop.open);  /* one cycle is no loop yet */
    const tr_finding *r2 = cycle(&f, 1.0, 100);                         /* 4-6: the SYN again */
    assert_int_equal(r2->loop.cycles, 2);
    assert_int_equal(r2->loop.began, 1);
    r1 = test_finding_of(e, r1->frame);
    assert_false(r1->loop.open);
    assert_true(r2->loop.open);
    const tr_finding *syn = test_send(&f, true, 3.0, SYN, 100, 0, 0);   /* 7 */
    assert_int_equal(syn->loop.cycles, 2);
    assert_int_equal(syn->loop.began, 1);
    test_send(&f, false, 3.001, SYN | ACK, 900, 101, 0);                /* 8 */
    r2 = test_finding_of(e, r2->frame);
    assert_false(r2->loop.open);
    /* a later connection on the 4-tuple starts from nothing */
    test_send(&f, true, 3.002, RST, 101, 0, 0);
    const tr_finding *next = cycle(&f, 10.0, 7000);
    assert_int_equal(next->loop.cycles, 1);
    assert_int_equal(next->loop.began, 10);
    tr_engine_free(e);
}

static void loop_left_open(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    const tr_finding *r1 = cycle(&f, 0.0, 100);
    const tr_finding *r2 = cycle(&f, 1.0, 100);
    const tr_finding *r3 = cycle(&f, 3.0, 100);
    r1 = test_finding_of(e, r1->frame);
    assert_false(r1->loop.open);
    r2 = test_finding_of(e, r2->frame);
    assert_false(r2->loop.open);
    assert_true(r3->loop.open);
    assert_int_equal(r3->loop.cycles, 3);
    tr_engine_free(e);
}

/* An RST answering a SYN-ACK the client never asked for is no loop. */
static void no_loop_without_stale_ack(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, SYN, 100, 0, 0);
    test_send(&f, false, 0.001, RST | ACK, 0, 101, 0);                  /* refused */
    const tr_finding *syn = test_send(&f, true, 1.0, SYN, 100, 0, 0);
    assert_true(syn == NULL || syn->loop.cycles == 0);
    tr_engine_free(e);
}

/* Review D3: a handshake completed out of sight (SYN-ACK not captured) ends the loop too. */
static void loop_ends_with_handshake_out_of_sight(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    cycle(&f, 0.0, 100);
    const tr_finding *r2 = cycle(&f, 1.0, 100);
    assert_true(r2->loop.open);
    test_send(&f, true, 3.0, SYN, 100, 0, 0);
    test_send(&f, true, 3.1, ACK, 101, 901, 0);                         /* the client is past its SYN */
    test_send(&f, true, 3.2, ACK | PSH, 101, 901, 10);
    r2 = test_finding_of(e, r2->frame);
    assert_false(r2->loop.open);
    tr_engine_free(e);
}

/* Review D3: a new connect() long after the last cycle counts from zero. */
static void new_connect_after_giving_up(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    cycle(&f, 0.0, 100);
    const tr_finding *later = cycle(&f, 600.0, 5555555);
    assert_int_equal(later->loop.cycles, 1);
    assert_false(later->loop.open);
    tr_engine_free(e);
}

/* Review D5: each connection has one first RST, whatever other connections do in between. */
static void first_rst_once_per_connection(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_handshake(&f, 0.0, 100, 900);                                  /* 1-3: connection A */
    const tr_finding *a1 = test_send(&f, false, 0.01, RST | ACK, 901, 101, 0);
    assert_true(a1->rst.first);
    test_send(&f, true, 1.0, SYN, 5000, 0, 0);                          /* 5: connection B */
    const tr_finding *b1 = test_send(&f, false, 1.001, RST | ACK, 0, 5001, 0);
    assert_true(b1->rst.first);
    assert_int_equal(b1->rst.connection, 5);
    test_send(&f, true, 1.5, ACK | PSH, 101, 901, 10);                  /* late data of A */
    const tr_finding *a2 = test_send(&f, false, 1.501, RST, 901, 0, 0);
    assert_false(a2->rst.first);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(server_resets_first_then_client),
        cmocka_unit_test(each_connection_has_its_first),
        cmocka_unit_test(loop_counts_cycles_until_syn_ack),
        cmocka_unit_test(loop_left_open),
        cmocka_unit_test(no_loop_without_stale_ack),
        cmocka_unit_test(loop_ends_with_handshake_out_of_sight),
        cmocka_unit_test(new_connect_after_giving_up),
        cmocka_unit_test(first_rst_once_per_connection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
