/* SPDX-License-Identifier: GPL-2.0-or-later
 * What must not be taken for reuse, and RSTs that are not what they seem (doc/rules.md
 * "Segments that are not analysed", "A SYN on a known 4-tuple", "RST causes"): the
 * boundaries of each rule.
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
#define FIN TR_TCP_FIN

static test_flow flow(tr_engine *e, uint16_t cport)
{
    test_flow f = test_flow_new(e, test_ipv4(10, 2, 0, 2), cport, test_ipv4(10, 9, 0, 80), 80);
    f.ts = false;
    return f;
}

static const tr_finding *send_id(test_flow *f, bool from_client, double t, uint8_t flags, uint32_t seq, uint32_t ack,
                                 uint16_t ip_id)
{
    tr_segment s = test_segment(f, from_client, t, flags, seq, ack, 0);
    s.has_ip_id = true;
    s.ip_id = ip_id;
    return test_process(f, &s);
}

/* A copy within 20 ms with a non-zero IP ID is a copy; at 20 ms + 1 ns it is a segment of
 * its own (here a retransmitted SYN). */
static void copy_window_boundary(void **state)
{
    (void)state;
    for (int late = 0; late < 2; late++) {
        tr_engine *e = test_engine();
        test_flow f = flow(e, 40000);
        send_id(&f, true, 1.0, SYN, 1000, 0, 77);
        const tr_finding *c = send_id(&f, true, 1.0 + 0.020 + (late ? 1e-9 : 0), SYN, 1000, 0, 77);
        if (late)
            assert_true(c == NULL || !c->duplicate_of);
        else
            assert_int_equal(c->duplicate_of, 1);
        tr_engine_free(e);
    }
}

/* Two RSTs with IP ID 0 alike in every field are two RSTs until the capture proves copies;
 * a sender that gives one ID to different segments proves nothing. */
static void copies_without_id_need_proof(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_handshake(&f, 0.0, 1000, 5000);
    const tr_finding *r1 = send_id(&f, false, 1.0, RST, 5001, 0, 0);
    const tr_finding *r2 = send_id(&f, false, 1.0001, RST, 5001, 0, 0);
    r1 = test_finding_of(e, r1->frame);
    assert_int_equal(r1->rst.cause, TR_RST_ABORT);
    assert_int_equal(r2->duplicate_of, 0);
    assert_true(r2->rst.present);

    test_flow g = flow(e, 40001); /* one ID for everything: no proof */
    g.frame = f.frame;
    send_id(&g, true, 2.0, SYN, 3000, 0, 9);
    send_id(&g, true, 2.001, SYN, 3500, 0, 9);
    const tr_finding *again = send_id(&g, true, 2.002, SYN, 3500, 0, 9);
    assert_int_equal(again->duplicate_of, 0);
    assert_int_equal(again->syn.retransmit_of, g.frame - 1); /* a retransmission of the reusing SYN */

    test_flow h = flow(e, 40002); /* proven copies, then ID 0 copies count */
    h.frame = g.frame;
    send_id(&h, true, 3.0, SYN, 6000, 0, 300);
    uint32_t first = h.frame;
    assert_int_equal(send_id(&h, true, 3.00001, SYN, 6000, 0, 300)->duplicate_of, first);
    send_id(&h, false, 3.001, RST | ACK, 0, 6001, 0);
    const tr_finding *copy0 = send_id(&h, false, 3.00101, RST | ACK, 0, 6001, 0);
    assert_int_equal(copy0->duplicate_of, h.frame - 1);
    assert_false(copy0->rst.present);
    tr_engine_free(e);
}

/* Refused, retried with the same ISN: a retransmission, no previous session, answered again. */
static void retry_after_refusal(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_send(&f, true, 0.0, SYN, 1000, 0, 0);
    assert_int_equal(test_send(&f, false, 0.05, RST | ACK, 0, 1001, 0)->rst.cause, TR_RST_REFUSED);
    const tr_finding *retry = test_send(&f, true, 0.5, SYN, 1000, 0, 0);
    assert_non_null(retry);
    assert_int_equal(retry->syn.retransmit_of, 1);
    assert_false(retry->reuse.present);
    assert_false(retry->pool.present);
    const tr_finding *rst = test_send(&f, false, 0.55, RST | ACK, 0, 1001, 0);
    assert_int_equal(rst->rst.trigger, 3);
    retry = test_finding_of(e, retry->frame);
    assert_int_equal(retry->syn.answered_by, 4);
    tr_engine_free(e);
}

/* X, then Y, then X again: X's retransmission, not a third attempt. */
static void retransmission_after_other_isn(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_send(&f, true, 0.0, SYN, 1000, 0, 0);
    const tr_finding *y = test_send(&f, true, 0.001, SYN, 9000, 0, 0);
    assert_true(y->reuse.present);
    const tr_finding *x = test_send(&f, true, 1.0, SYN, 1000, 0, 0);
    assert_int_equal(x->syn.retransmit_of, 1);
    assert_false(x->reuse.present);
    tr_engine_free(e);
}

/* The other end's SYN while the first waits: one session (RFC 9293 3.5), no reuse; a SYN
 * from the other end after a session is not covered by this rule. */
static void simultaneous_open(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 12345);
    test_send(&f, true, 0.0, SYN, 1000, 0, 0);
    assert_null(test_send(&f, false, 0.0006, SYN, 3000, 0, 0));
    assert_null(test_send(&f, true, 0.0011, SYN | ACK, 1000, 3001, 0));
    assert_null(test_send(&f, false, 0.0016, ACK, 3001, 1001, 0));
    assert_null(test_send(&f, true, 0.0021, ACK, 1001, 3001, 4));
    tr_engine_free(e);
}

/* A session seen from its SYN-ACK; its SYN after the close: ISN + 1 = the SYN-ACK's ack is
 * a late copy; ISN + 2 is a new SYN (a reuse). */
static void late_syn_copy(void **state)
{
    (void)state;
    for (uint32_t off = 1; off <= 2; off++) {
        tr_engine *e = test_engine();
        test_flow f = flow(e, 40009);
        test_send(&f, false, 0.0, SYN | ACK, 31000, 30001, 0);
        test_send(&f, true, 0.001, ACK, 30001, 31001, 0);
        test_send(&f, false, 0.002, FIN | ACK, 31001, 30001, 0);
        test_send(&f, true, 0.003, FIN | ACK, 30001, 31002, 0);
        test_send(&f, false, 0.004, ACK, 31002, 30002, 0);
        const tr_finding *syn = test_send(&f, true, 0.005, SYN, 30000 + off - 1, 0, 0);
        if (off == 1)
            assert_true(syn == NULL || !syn->reuse.present);
        else
            assert_true(syn->reuse.present);
        tr_engine_free(e);
    }
}

/* Impossible segments are noted and change nothing: the genuine SYN after them is no reuse. */
static void implausible_segments(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40002);
    tr_segment s = test_segment(&f, true, 0.0, SYN, 50000, 0, 0);
    s.reserved = 0x04;
    assert_int_equal(test_process(&f, &s)->implausible, TR_IMPLAUSIBLE_RESERVED_BITS);
    assert_int_equal(test_send(&f, true, 0.1, SYN | FIN, 50000, 0, 0)->implausible, TR_IMPLAUSIBLE_SYN_FIN);
    assert_int_equal(test_send(&f, true, 0.2, SYN | RST, 50000, 0, 0)->implausible, TR_IMPLAUSIBLE_SYN_RST);
    assert_int_equal(test_send(&f, true, 0.3, SYN, 50000, 0xaaaaaaaau, 0)->implausible,
                     TR_IMPLAUSIBLE_SYN_ACK_FIELD);
    assert_int_equal(test_send(&f, true, 0.4, RST | TR_TCP_ECE, 50000, 0, 0)->implausible, TR_IMPLAUSIBLE_RST_FLAGS);
    assert_null(test_send(&f, true, 1.0, SYN, 50000, 0, 0)); /* ack 0, no reserved bit: real */
    tr_engine_free(e);
}

/* A closed end answers each later segment with one RST, in order: two segments arriving
 * after its first RST get the next two; a third RST with nothing left names the last. An
 * end that reset without closing first has no socket for what follows. */
static void rsts_answer_in_order(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_handshake(&f, 0.0, 1000, 5000);                           /* 1-3 */
    test_send(&f, true, 0.01, FIN | ACK, 1001, 5001, 0);            /* 4 */
    test_send(&f, false, 0.02, ACK | TR_TCP_PSH, 5001, 1002, 100);  /* 5: data after the FIN */
    const tr_finding *r1 = test_send(&f, true, 0.021, RST, 1002, 0, 0);
    test_send(&f, false, 0.022, FIN | ACK, 5101, 1002, 0);          /* 7 */
    test_send(&f, false, 0.023, ACK, 5102, 1002, 0);                /* 8 */
    const tr_finding *r2 = test_send(&f, true, 0.03, RST, 1002, 0, 0);
    const tr_finding *r3 = test_send(&f, true, 0.031, RST, 1002, 0, 0);
    const tr_finding *r4 = test_send(&f, true, 0.032, RST, 1002, 0, 0);
    r1 = test_finding_of(e, r1->frame);
    assert_int_equal(r1->rst.cause, TR_RST_AFTER_CLOSE);
    assert_int_equal(r1->rst.trigger, 5);
    r2 = test_finding_of(e, r2->frame);
    assert_int_equal(r2->rst.trigger, 7);
    r3 = test_finding_of(e, r3->frame);
    assert_int_equal(r3->rst.trigger, 8);
    assert_int_equal(r4->rst.trigger, 8); /* nothing left to answer: the last one answered */
    assert_int_equal(r4->rst.cause, TR_RST_AFTER_CLOSE);

    test_flow g = flow(e, 40001);
    g.frame = f.frame;
    test_handshake(&g, 1.0, 1000, 5000);
    assert_int_equal(test_send(&g, true, 1.01, RST, 1001, 0, 0)->rst.cause, TR_RST_ABORT);
    test_send(&g, false, 1.02, ACK | TR_TCP_PSH, 5001, 1001, 10);
    const tr_finding *gone = test_send(&g, true, 1.03, RST, 1001, 0, 0);
    assert_int_equal(gone->rst.cause, TR_RST_NO_SOCKET);
    assert_int_equal(gone->rst.trigger, g.frame - 1);
    tr_engine_free(e);
}

/* A FIN whose ack is one byte short of the peer's data end left it unread: after-close. */
static void unread_data_at_close(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_handshake(&f, 0.0, 1000, 5000);
    test_send(&f, false, 0.01, ACK | TR_TCP_PSH, 5001, 1001, 59); /* 4: ends 5060 */
    test_send(&f, true, 0.02, FIN | ACK, 1001, 5059, 0);           /* 5: one byte unread */
    test_send(&f, false, 0.03, FIN | ACK, 5060, 1002, 0);          /* 6 */
    const tr_finding *r = test_send(&f, true, 1.0, RST, 1002, 0, 0);
    assert_int_equal(r->rst.cause, TR_RST_AFTER_CLOSE);
    assert_int_equal(r->rst.trigger, 4);
    tr_engine_free(e);

    e = test_engine(); /* the same with every byte read: no after-close */
    f = flow(e, 40000);
    test_handshake(&f, 0.0, 1000, 5000);
    test_send(&f, false, 0.01, ACK | TR_TCP_PSH, 5001, 1001, 59);
    test_send(&f, true, 0.02, FIN | ACK, 1001, 5060, 0);
    r = test_send(&f, true, 1.0, RST, 1002, 0, 0);
    assert_int_not_equal(r->rst.cause, TR_RST_AFTER_CLOSE);
    tr_engine_free(e);
}

/* A SYN-ACK to an end that never asked: RST without ACK at its ack is no-socket; with any
 * other seq it is no such answer. */
static void no_socket_for_syn_ack(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 31337);
    test_send(&f, true, 0.0, SYN, 0, 0, 0);
    test_send(&f, false, 0.01, SYN | ACK, 7000, 1, 0);
    const tr_finding *r = test_send(&f, true, 0.0101, RST, 1, 0, 0);
    assert_int_equal(r->rst.cause, TR_RST_NO_SOCKET);
    assert_int_equal(r->rst.trigger, 2);
    tr_engine_free(e);
}

/* Injection: two signs at once, or one and a contradiction; one sign alone is not enough. */
static void injection_needs_two_signs(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    send_id(&f, true, 0.0, SYN, 1000, 0, 4242);
    tr_segment s = test_segment(&f, false, 0.06, RST | ACK, 0, 1001, 0);
    s.has_ip_id = true;
    s.ip_id = 4242; /* the SYN's */
    const tr_finding *one = test_process(&f, &s);
    assert_int_equal(one->rst.cause, TR_RST_REFUSED);
    assert_int_equal(one->rst.sender_role, TR_ROLE_SERVER);
    assert_int_equal(one->rst.evidence, TR_INJECT_IP_ID);
    test_send(&f, false, 0.07, SYN | ACK, 5000, 1001, 0); /* the server accepts it after all */
    one = test_finding_of(e, one->frame);
    assert_int_equal(one->rst.cause, TR_RST_INJECTED);
    assert_int_equal(one->rst.would_be, TR_RST_REFUSED);
    assert_int_equal(one->rst.contradicted_by, 3);
    tr_engine_free(e);

    e = test_engine();
    f = flow(e, 40001);
    s = test_segment(&f, true, 0.0, SYN, 1000, 0, 0);
    s.has_ip_id = true;
    s.ip_id = 4242;
    s.has_ts = true;
    s.tsval = 1821165629;
    test_process(&f, &s);
    s = test_segment(&f, false, 0.06, RST | ACK, 0, 1001, 0);
    s.has_ip_id = true;
    s.ip_id = 4242;
    s.has_ts = true;
    s.tsval = s.tsecr = 100; /* the client never sent TSval 100 */
    const tr_finding *two = test_process(&f, &s);
    assert_int_equal(two->rst.cause, TR_RST_INJECTED);
    assert_int_equal(two->rst.evidence, TR_INJECT_IP_ID | TR_INJECT_TSECR);
    assert_int_equal(two->rst.tsecr, 100);
    tr_engine_free(e);
}

/* Review cases. A SYN retried after a refusal and answered, then retransmitted again (the
 * SYN-ACK lost past the capture point): a retransmission, not a SYN on an open session. */
static void answered_retry_retransmitted(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_play_session(&f, 0.0, 1000, 5000, CLOSE_BY_CLIENT);
    test_send(&f, true, 100.0, SYN, 90000, 0, 0);
    test_send(&f, false, 100.001, RST | ACK, 0, 90001, 0);
    test_send(&f, true, 101.0, SYN, 90000, 0, 0);
    test_send(&f, false, 101.001, SYN | ACK, 70000, 90001, 0);
    const tr_finding *again = test_send(&f, true, 102.0, SYN, 90000, 0, 0);
    assert_true(again == NULL || !again->reuse.syn_reuses_open);
    tr_engine_free(e);
}

/* Copies proven on one pair prove nothing for ID-0 RSTs on another: there, two RSTs
 * answering two segments are two RSTs, each with its own trigger. */
static void copy_proof_is_per_pair(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow a = flow(e, 40000);
    send_id(&a, true, 0.0, SYN, 1000, 0, 77);
    assert_int_equal(send_id(&a, true, 0.001, SYN, 1000, 0, 77)->duplicate_of, 1);
    test_flow b = flow(e, 40001);
    b.frame = a.frame;
    test_handshake(&b, 1.0, 2000, 6000);
    send_id(&b, false, 1.01, RST | ACK, 6001, 2001, 0);       /* the server aborts */
    send_id(&b, true, 1.02, ACK | TR_TCP_PSH, 2001, 6001, 11); /* data it has no socket for */
    uint32_t second_data = b.frame + 1;
    send_id(&b, true, 1.021, ACK | TR_TCP_PSH, 2001, 6001, 12);
    send_id(&b, false, 1.022, RST, 6001, 0, 0);
    const tr_finding *r2 = send_id(&b, false, 1.023, RST, 6001, 0, 0);
    assert_int_equal(r2->duplicate_of, 0);
    assert_int_equal(r2->rst.cause, TR_RST_NO_SOCKET);
    assert_int_equal(r2->rst.trigger, second_data);
    tr_engine_free(e);
}

/* A bare ACK sent before the RST but captured 0.1 ms after it contradicts nothing; data
 * 1 ms after it does not either, 1 ms + 1 ns after it does. */
static void contradiction_needs_data_after_the_slack(void **state)
{
    (void)state;
    for (int late = 0; late < 3; late++) {
        tr_engine *e = test_engine();
        test_flow f = flow(e, 40000);
        test_handshake(&f, 0.0, 1000, 5000);
        test_send(&f, true, 0.01, ACK | TR_TCP_PSH, 1001, 5001, 100);
        const tr_finding *r = test_send(&f, false, 0.02, RST | ACK, 5001, 1101, 0);
        if (late == 0)
            test_send(&f, false, 0.0201, ACK, 5001, 1101, 0);
        else
            test_send(&f, false, 0.021 + (late == 2 ? 1e-9 : 0), ACK | TR_TCP_PSH, 5001, 1101, 10);
        r = test_finding_of(e, r->frame);
        assert_int_equal(r->rst.cause, late == 2 ? TR_RST_INJECTED : TR_RST_ABORT);
        tr_engine_free(e);
    }
}

/* A FIN that crossed data in flight, the data acknowledged later: an RST after that is no
 * after-close. */
static void crossed_data_acknowledged_later(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_handshake(&f, 0.0, 1000, 5000);
    test_send(&f, false, 0.02, ACK | TR_TCP_PSH, 5001, 1001, 500);
    test_send(&f, true, 0.0201, FIN | ACK, 1001, 5001, 0);
    test_send(&f, true, 0.05, ACK, 1002, 5501, 0);
    const tr_finding *r = test_send(&f, true, 5.0, RST | ACK, 1002, 5501, 0);
    assert_int_not_equal(r->rst.cause, TR_RST_AFTER_CLOSE);
    tr_engine_free(e);
}

/* The other end's SYN 3 s after the first is a simultaneous open; 3 s + 1 ns after, a SYN of
 * its own (a reuse of the unanswered attempt). */
static void simultaneous_open_window(void **state)
{
    (void)state;
    for (int late = 0; late < 2; late++) {
        tr_engine *e = test_engine();
        test_flow f = flow(e, 5060);
        test_send(&f, true, 0.0, SYN, 1000, 0, 0);
        const tr_finding *other = test_send(&f, false, 3.0 + (late ? 1e-9 : 0), SYN, 3000, 0, 0);
        assert_int_equal(other != NULL && other->reuse.present, late);
        tr_engine_free(e);
    }
}

/* A SYN with the closed session's own ISN (a fixed-ISN generator) meets the server's
 * TIME_WAIT like any SYN: judged, and its TIME_WAIT ACK and RST explained. */
static void same_isn_after_close_is_judged(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_session old = test_play_session(&f, 0.0, 1000, 5000, CLOSE_BY_SERVER);
    const tr_finding *syn = test_send(&f, true, 2.0, SYN, 1000, 0, 0);
    assert_true(syn->reuse.syn_reuses_tw);
    assert_int_equal(syn->reuse.tw_verdict, TR_VERDICT_REJECT_SEQ);
    const tr_finding *ack = test_send(&f, false, 2.001, ACK, old.server_next, old.client_next, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_TIME_WAIT);
    assert_int_equal(test_send(&f, true, 2.002, RST, old.client_next, 0, 0)->rst.cause, TR_RST_STALE_ACK);
    uint32_t new_syn = f.frame - 2;
    const tr_finding *retry = test_send(&f, true, 3.0, SYN, 1000, 0, 0); /* that new SYN, retried */
    assert_int_equal(retry->syn.retransmit_of, new_syn);
    tr_engine_free(e);
}

/* A segment after a FIN close answered by an RST <SEQ=SEG.ACK>: the end's socket is gone. */
static void no_socket_after_close(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = flow(e, 40000);
    test_session old = test_play_session(&f, 0.0, 1000, 5000, CLOSE_BY_CLIENT);
    test_send(&f, true, 3.0, ACK, old.client_next, old.server_next, 0);
    const tr_finding *r = test_send(&f, false, 3.001, RST, old.server_next, 0, 0);
    assert_int_equal(r->rst.cause, TR_RST_NO_SOCKET);
    assert_int_equal(r->rst.trigger, f.frame - 1);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copy_window_boundary),
        cmocka_unit_test(copies_without_id_need_proof),
        cmocka_unit_test(retry_after_refusal),
        cmocka_unit_test(retransmission_after_other_isn),
        cmocka_unit_test(simultaneous_open),
        cmocka_unit_test(late_syn_copy),
        cmocka_unit_test(implausible_segments),
        cmocka_unit_test(rsts_answer_in_order),
        cmocka_unit_test(unread_data_at_close),
        cmocka_unit_test(no_socket_for_syn_ack),
        cmocka_unit_test(injection_needs_two_signs),
        cmocka_unit_test(answered_retry_retransmitted),
        cmocka_unit_test(copy_proof_is_per_pair),
        cmocka_unit_test(contradiction_needs_data_after_the_slack),
        cmocka_unit_test(crossed_data_acknowledged_later),
        cmocka_unit_test(simultaneous_open_window),
        cmocka_unit_test(same_isn_after_close_is_judged),
        cmocka_unit_test(no_socket_after_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
