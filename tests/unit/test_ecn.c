/* SPDX-License-Identifier: GPL-2.0-or-later
 * ECN-setup SYNs (RFC 3168 6.1.1) that fail on a path and a retry without ECN that is
 * answered (RFC 3360), and what is not that.
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
#define ECN_SETUP (TR_TCP_SYN | TR_TCP_ECE | TR_TCP_CWR)

/* Linux clears ECE and CWR on its SYN retransmissions (tcp_ecn_clear_syn()). */
static void retransmission_without_ecn_answered(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, ECN_SETUP, 100, 0, 0);                     /* 1 */
    test_send(&f, true, 1.0, SYN, 100, 0, 0);                           /* 2 */
    const tr_finding *sa = test_send(&f, false, 1.001, SYN | ACK, 900, 101, 0);
    assert_non_null(sa);
    assert_int_equal(sa->ecn.failed_syn, 1);
    assert_int_equal(sa->ecn.failed_rst, 0);
    assert_int_equal(sa->ecn.retry_syn, 2);
    tr_engine_free(e);
}

/* A capture point nearer the server can show the retransmission less than 1 s after the
 * first SYN (lab K15: 1.0006 s at the client): the same port and ISN make it the retry. */
static void own_retransmission_whatever_the_gap(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, ECN_SETUP, 100, 0, 0);
    test_send(&f, true, 0.95, SYN, 100, 0, 0);
    const tr_finding *sa = test_send(&f, false, 0.951, SYN | ACK, 900, 101, 0);
    assert_non_null(sa);
    assert_int_equal(sa->ecn.failed_syn, 1);
    assert_int_equal(sa->ecn.retry_syn, 2);
    tr_engine_free(e);
}

/* The RST is blamed on ECN once the retry without ECN is answered (a closed port would refuse
 * it too); from then on the path is known open, and a refusal is said at once. */
static void refused_then_new_connection_without_ecn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_plain(e, 40000), b = test_flow_plain(e, 40001), c = test_flow_plain(e, 40002);
    test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);                     /* 1 */
    const tr_finding *rst = test_send(&a, false, 0.001, RST | ACK, 0, 101, 0); /* 2 */
    assert_int_equal(rst->rst.cause, TR_RST_REFUSED);
    assert_int_equal(rst->ecn.refused_syn, 0);
    b.frame = a.frame;
    test_send(&b, true, 0.5, SYN, 5000, 0, 0);                          /* 3 */
    const tr_finding *sa = test_send(&b, false, 0.501, SYN | ACK, 900, 5001, 0); /* 4 */
    assert_non_null(sa);
    assert_int_equal(sa->ecn.failed_syn, 1);
    assert_int_equal(sa->ecn.failed_rst, 2);
    assert_int_equal(sa->ecn.retry_syn, 3);
    tr_finding later;
    assert_true(tr_engine_finding_of(e, 2, &later));
    assert_int_equal(later.ecn.refused_syn, 1);
    assert_int_equal(later.rst.cause, TR_RST_REFUSED);
    c.frame = b.frame;
    test_send(&c, true, 10.0, ECN_SETUP, 8000, 0, 0);                   /* 5 */
    rst = test_send(&c, false, 10.001, RST | ACK, 0, 8001, 0);          /* 6 */
    assert_int_equal(rst->ecn.refused_syn, 5);
    tr_engine_free(e);
}

/* A closed port refuses every SYN: ECN-setup SYNs refused, and no SYN ever answered on the
 * path, blame nothing on ECN. */
static void closed_port_is_no_ecn_matter(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_plain(e, 40000), b = test_flow_plain(e, 40001);
    test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);
    const tr_finding *rst = test_send(&a, false, 0.001, RST | ACK, 0, 101, 0);
    assert_int_equal(rst->ecn.refused_syn, 0);
    b.frame = a.frame;
    test_send(&b, true, 1.0, SYN, 5000, 0, 0);
    rst = test_send(&b, false, 1.001, RST | ACK, 0, 5001, 0);
    assert_int_equal(rst->ecn.refused_syn, 0);
    tr_finding f;
    assert_true(tr_engine_finding_of(e, 2, &f));
    assert_int_equal(f.ecn.refused_syn, 0);
    tr_engine_free(e);
}

/* A path that answered an ECN-setup SYN passes them: a later failure is loss or a closed port. */
static void path_that_answered_ecn_is_no_suspect(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_plain(e, 40000), b = test_flow_plain(e, 40001), c = test_flow_plain(e, 40002);
    test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);
    test_send(&a, false, 0.001, SYN | ACK | TR_TCP_ECE, 900, 101, 0);
    b.frame = a.frame;
    test_send(&b, true, 1.0, ECN_SETUP, 5000, 0, 0);
    test_send(&b, true, 2.0, SYN, 5000, 0, 0);
    const tr_finding *sa = test_send(&b, false, 2.001, SYN | ACK, 900, 5001, 0);
    assert_true(sa == NULL || sa->ecn.failed_syn == 0);
    c.frame = b.frame;
    test_send(&c, true, 3.0, ECN_SETUP, 8000, 0, 0);
    const tr_finding *rst = test_send(&c, false, 3.001, RST | ACK, 0, 8001, 0);
    assert_int_equal(rst->ecn.refused_syn, 0);
    tr_engine_free(e);
}

/* Another connection of the client answered before the ECN-setup SYN could time out is no retry. */
static void concurrent_connection_is_no_retry(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_plain(e, 40000), b = test_flow_plain(e, 40001);
    test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);                     /* 1 */
    b.frame = a.frame;
    test_send(&b, true, 0.2, SYN, 5000, 0, 0);                          /* 2 */
    const tr_finding *sa = test_send(&b, false, 0.201, SYN | ACK, 900, 5001, 0);
    assert_true(sa == NULL || sa->ecn.failed_syn == 0);
    /* the ECN-setup SYN's own retransmission without ECN, answered, still says it */
    a.frame = b.frame;
    test_send(&a, true, 1.0, SYN, 100, 0, 0);                           /* 4 */
    const tr_finding *late = test_send(&a, false, 1.001, SYN | ACK, 700, 101, 0);
    assert_non_null(late);
    assert_int_equal(late->ecn.failed_syn, 1);
    assert_int_equal(late->ecn.retry_syn, 4);
    tr_engine_free(e);
}

static void plain_syn_loss_is_no_ecn_matter(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, SYN, 100, 0, 0);
    test_send(&f, true, 1.0, SYN, 100, 0, 0);
    const tr_finding *sa = test_send(&f, false, 1.001, SYN | ACK, 900, 101, 0);
    assert_true(sa == NULL || (sa->ecn.failed_syn == 0 && sa->ecn.refused_syn == 0));
    tr_engine_free(e);
}

/* Review D1: the SYN-ACK to the retransmission carries ECE without CWR: ECN was agreed, the
 * ECN-setup SYN reached the server (its first SYN-ACK was lost): no hint. */
static void ecn_agreed_on_the_syn_ack(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, ECN_SETUP, 100, 0, 0);
    test_send(&f, true, 1.0, SYN, 100, 0, 0);
    const tr_finding *sa = test_send(&f, false, 1.03, SYN | ACK | TR_TCP_ECE, 900, 101, 0);
    assert_true(sa == NULL || sa->ecn.failed_syn == 0);
    tr_engine_free(e);
}

/* Review D2: a stale bare ACK answered the ECN-setup SYN: it crossed the path. */
static void stale_ack_answered_the_ecn_syn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_plain(e, 40000);
    test_send(&f, true, 0.0, ECN_SETUP, 100, 0, 0);
    test_send(&f, false, 0.001, ACK, 0x12345678, 0x0badf00d, 0);
    test_send(&f, true, 0.002, RST, 0x0badf00d, 0, 0);
    test_send(&f, true, 1.0, SYN, 100, 0, 0);
    const tr_finding *sa = test_send(&f, false, 1.001, SYN | ACK, 900, 101, 0);
    assert_true(sa == NULL || sa->ecn.failed_syn == 0);
    tr_engine_free(e);
}

/* Review D6: an RST refusing another ECN-setup SYN is not pinned on the pending one. */
static void rst_of_another_syn_not_pinned(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = test_flow_plain(e, 40000), b = test_flow_plain(e, 40001), c = test_flow_plain(e, 40002);
    test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);                     /* 1: pending, never answered */
    b.frame = a.frame;
    test_send(&b, true, 0.1, ECN_SETUP, 5000, 0, 0);                    /* 2 */
    test_send(&b, false, 0.101, RST | ACK, 0, 5001, 0);                 /* 3 refuses 2 */
    c.frame = b.frame;
    test_send(&c, true, 1.5, SYN, 7000, 0, 0);                          /* 4 */
    const tr_finding *sa = test_send(&c, false, 1.501, SYN | ACK, 900, 7001, 0);
    assert_non_null(sa);
    assert_int_equal(sa->ecn.failed_syn, 1);
    assert_int_equal(sa->ecn.failed_rst, 0);
    tr_engine_free(e);
}

/* The path table stops at max_pairs paths and says so once, on the SYN it first refuses. */
static void path_table_full_said_once(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.max_pairs = 2;
    tr_engine *e = tr_engine_new(&cfg);
    test_flow a = test_flow_plain(e, 40000);
    const tr_finding *first = test_send(&a, true, 0.0, ECN_SETUP, 100, 0, 0);
    assert_true(first == NULL || !first->ecn_table_full);
    test_flow b = test_flow_new(e, test_ipv4(10, 0, 0, 2), 40000, test_ipv4(192, 0, 2, 80), 80);
    b.frame = a.frame;
    test_send(&b, true, 0.1, ECN_SETUP, 200, 0, 0);
    test_flow c = test_flow_new(e, test_ipv4(10, 0, 0, 3), 40000, test_ipv4(192, 0, 2, 80), 80);
    c.frame = b.frame;
    const tr_finding *refused = test_send(&c, true, 0.2, ECN_SETUP, 300, 0, 0);
    assert_non_null(refused);
    assert_true(refused->ecn_table_full);
    test_flow d = test_flow_new(e, test_ipv4(10, 0, 0, 4), 40000, test_ipv4(192, 0, 2, 80), 80);
    d.frame = c.frame;
    const tr_finding *again = test_send(&d, true, 0.3, ECN_SETUP, 400, 0, 0);
    assert_true(again == NULL || !again->ecn_table_full);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(retransmission_without_ecn_answered),
        cmocka_unit_test(own_retransmission_whatever_the_gap),
        cmocka_unit_test(refused_then_new_connection_without_ecn),
        cmocka_unit_test(closed_port_is_no_ecn_matter),
        cmocka_unit_test(path_that_answered_ecn_is_no_suspect),
        cmocka_unit_test(concurrent_connection_is_no_retry),
        cmocka_unit_test(plain_syn_loss_is_no_ecn_matter),
        cmocka_unit_test(path_table_full_said_once),
        cmocka_unit_test(ecn_agreed_on_the_syn_ack),
        cmocka_unit_test(stale_ack_answered_the_ecn_syn),
        cmocka_unit_test(rst_of_another_syn_not_pinned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
