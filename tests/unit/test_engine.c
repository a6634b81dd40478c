/* SPDX-License-Identifier: GPL-2.0-or-later
 * Engine-wide behaviour: retransmissions, IPv6, the memory bound, midstream starts, texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"
#include "tcpreuse/describe.h"

#define SYN TR_TCP_SYN
#define ACK TR_TCP_ACK

static void retransmitted_syn_is_not_a_reuse(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
    assert_null(test_send(&f, true, 0.0, SYN, 100, 0, 0));
    assert_null(test_send(&f, true, 1.0, SYN, 100, 0, 0));   /* same ISN, no history: nothing */
    test_send(&f, false, 1.001, SYN | ACK, 900, 101, 0);
    test_send(&f, true, 1.002, ACK, 101, 901, 0);
    assert_null(test_send(&f, true, 1.5, SYN, 100, 0, 0));   /* a late copy of the SYN */
    tr_engine_free(e);
}

static void ipv6_time_wait_reuse(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv6(1), 50000, test_ipv6(0x80), 443);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    const tr_finding *r = test_send_ts(&f, true, 20.0, SYN, 3, 0, 0, 5);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_PAWS);
    const tr_finding *ack = test_send(&f, false, 20.001, ACK, s.server_next, s.client_next, 0);
    assert_int_equal(ack->stale_ack.kind, TR_STALE_TIME_WAIT);
    /* the same ports over IPv4 are another pair */
    test_flow g = test_flow_new(e, test_ipv4(10, 0, 0, 1), 50000, test_ipv4(192, 0, 2, 80), 443);
    g.frame = f.frame;
    assert_null(test_send(&g, true, 20.5, SYN, 3, 0, 0));
    tr_engine_free(e);
}

static void memory_bound_forgets_oldest_pair(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.max_pairs = 3;
    tr_engine *e = tr_engine_new(&cfg);
    uint32_t frame = 0;
    int full = 0;
    for (uint16_t port = 1; port <= 5; port++) {
        test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), port, test_ipv4(192, 0, 2, 80), 80);
        f.frame = frame;
        const tr_finding *r = test_send(&f, true, port, SYN, port, 0, 0);
        full += r && r->table_full;
        frame = f.frame;
    }
    assert_int_equal(full, 1); /* said once */
    tr_engine_stats st;
    tr_engine_get_stats(e, &st);
    assert_int_equal(st.pairs, 3);
    assert_int_equal(st.evicted, 2);
    /* port 1 was forgotten: its next SYN is a first SYN again */
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), 1, test_ipv4(192, 0, 2, 80), 80);
    f.frame = frame;
    const tr_finding *r = test_send(&f, true, 9.0, SYN, 77, 0, 0);
    assert_true(r == NULL || !r->reuse.present);
    tr_engine_free(e);
}

/* The clock table (address pairs) and the pool table (client address, server endpoint) share
 * the bound: each says once, on the frame where it first refused an entry, that it is full. */
static void memory_bound_clock_and_pool_tables_said_once(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.max_pairs = 3;
    tr_engine *e = tr_engine_new(&cfg);
    uint32_t frame = 0;
    const tr_finding *syn[6] = {0}, *synack[6] = {0};
    for (uint8_t host = 1; host <= 5; host++) {
        test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, host), 40000, test_ipv4(192, 0, 2, 80), 80);
        f.frame = frame;
        f.ts = true;
        syn[host] = test_send(&f, true, host, SYN, 1000u * host, 0, 0);
        synack[host] = test_send(&f, false, host + 0.001, SYN | ACK, 7000u * host, 1000u * host + 1, 0);
        frame = f.frame;
    }
    /* clocks: 10.0.0.1 -> server, server -> 10.0.0.1, 10.0.0.2 -> server; the fourth address
     * pair (server -> 10.0.0.2, the second SYN-ACK) is the first refused */
    assert_null(syn[1]);
    assert_null(synack[1]);
    assert_null(syn[2]);
    assert_non_null(synack[2]);
    assert_true(synack[2]->clock_table_full);
    assert_false(synack[2]->pool_table_full);
    assert_false(synack[2]->table_full);
    assert_null(syn[3]); /* refused again, not said again */
    assert_null(synack[3]);
    /* pools and pairs: 3 each; the fourth client's SYN is refused a pool and evicts a pair */
    assert_non_null(syn[4]);
    assert_true(syn[4]->pool_table_full);
    assert_true(syn[4]->table_full);
    assert_false(syn[4]->clock_table_full);
    assert_null(syn[5]);
    assert_null(synack[5]);
    assert_null(synack[4]);
    tr_engine_free(e);
}

static void midstream_session_then_reuse(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
    f.ts = false;
    /* the capture starts in the middle: data, then the server closes first */
    test_send(&f, true, 0.0, ACK | TR_TCP_PSH, 5000, 9000, 10);
    test_send(&f, false, 0.1, TR_TCP_FIN | ACK, 9000, 5010, 0);
    test_send(&f, true, 0.2, TR_TCP_FIN | ACK, 5010, 9001, 0);
    test_send(&f, false, 0.3, ACK, 9001, 5011, 0);
    const tr_finding *r = test_send(&f, true, 5.0, SYN, 4000, 0, 0);
    assert_int_equal(r->reuse.prev_session, 1);
    assert_int_equal(r->reuse.prev_close, 4);
    assert_int_equal(r->reuse.tw_holder, TR_HOLDER_SERVER);
    assert_int_equal(r->reuse.tw_verdict, TR_VERDICT_REJECT_SEQ);
    tr_engine_free(e);
}

static void texts_name_their_evidence(void **state)
{
    (void)state;
    tr_engine *e = test_engine();
    test_flow f = test_flow_new(e, test_ipv4(10, 0, 0, 1), 40000, test_ipv4(192, 0, 2, 80), 80);
    test_session s = test_play_session(&f, 0.0, 1000, 500000, CLOSE_BY_SERVER);
    const tr_finding *syn = test_send_ts(&f, true, 30.0, SYN, 77, 0, 0, 999);
    test_send(&f, false, 30.001, ACK, s.server_next, s.client_next, 0);
    char buf[512], tags[128];
    tr_describe_reuse(&syn->reuse, buf, sizeof(buf));
    assert_string_equal(buf, "SYN reuses the 4-tuple of frame 1 (closed in frame 9, 29.992 s ago); the server holds "
                             "TIME_WAIT (30.0 s left) and will reject it: PAWS, TSval 999 < TS.Recent 1000007");
    tr_describe_info_tags(syn, tags, sizeof(tags));
    assert_string_equal(tags, "[SYN in TIME_WAIT] [PAWS reject]");
    char tiny[8];
    tr_describe_reuse(&syn->reuse, tiny, sizeof(tiny)); /* truncates, stays terminated */
    assert_int_equal(strlen(tiny), 7);
    tr_engine_free(e);
}

/* Every text fits a Wireshark item label (240 bytes) even with the longest numbers. */
static void texts_fit_a_label(void **state)
{
    (void)state;
    const uint32_t M = 4294967295u;
    const int64_t long_ns = 99999999999999LL;
    char buf[1024];
    tr_reuse_finding r = {.present = true, .prev_session = M, .prev_close = M, .since_close_ns = long_ns,
                          .syn_reuses_tw = true, .tw_holder = TR_HOLDER_SERVER, .tw_left_ns = long_ns,
                          .tw_restarted_by = M, .syn_seq = M, .old_rcv_nxt = M, .syn_tsval = M, .old_ts_recent = M};
    for (int v = TR_VERDICT_NONE; v <= TR_VERDICT_REJECT_SEQ; v++) {
        r.tw_verdict = (tr_tw_verdict)v;
        assert_true(strlen(tr_describe_reuse(&r, buf, sizeof(buf))) < 240);
    }
    r.syn_reuses_tw = false;
    r.syn_reuses_open = true;
    assert_true(strlen(tr_describe_reuse(&r, buf, sizeof(buf))) < 240);
    tr_stale_ack_finding st = {.present = true, .seq = M, .ack = M, .syn_isn = M, .old_session = M, .old_close = M,
                               .since_close_ns = long_ns, .beyond_time_wait = true};
    for (int k = TR_STALE_TIME_WAIT; k <= TR_STALE_UNSEEN_STATE; k++) {
        st.kind = (tr_stale_kind)k;
        assert_true(strlen(tr_describe_stale_ack(&st, buf, sizeof(buf))) < 240);
    }
    tr_rst_finding rst = {.present = true, .seq = M, .trigger = M, .outstanding = M, .kills_time_wait = true,
                          .ends_session = M};
    for (int c = TR_RST_STALE_ACK; c <= TR_RST_UNKNOWN; c++) {
        rst.cause = (tr_rst_cause)c;
        assert_true(strlen(tr_describe_rst(&rst, buf, sizeof(buf))) < 240);
    }
    tr_clock_finding ck = {.present = true, .regress = true, .tsval = M, .newest_tsval = M, .newest_frame = M,
                           .clocks = 16};
    assert_true(strlen(tr_describe_clock(&ck, buf, sizeof(buf))) < 240);
    ck.random_offsets = true;
    assert_true(strlen(tr_describe_clock(&ck, buf, sizeof(buf))) < 240);
    tr_pool_finding pool = {.present = true, .syns = M, .ports = 65535, .port_min = 65535, .port_max = 65535,
                            .span_ns = long_ns, .cycle_ns = long_ns, .per_second = M, .ports_needed = M,
                            .addresses_needed = M};
    assert_true(strlen(tr_describe_pool(&pool, buf, sizeof(buf))) < 240);
    tr_answer_finding an = {.present = true, .answers_syn = M, .kind = TR_ANSWER_BARE_ACK, .delay_ns = long_ns};
    assert_true(strlen(tr_describe_answer(&an, buf, sizeof(buf))) < 240);
}

/* Random segments on a handful of pairs: the engine never crashes and stays bounded. */
static void random_segments(void **state)
{
    (void)state;
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.max_pairs = 16;
    tr_engine *e = tr_engine_new(&cfg);
    uint32_t x = 2463534242u;
    char buf[1024];
    for (uint32_t i = 1; i <= 200000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        tr_segment s;
        memset(&s, 0, sizeof(s));
        s.frame = i;
        s.time_ns = (int64_t)i * 1000000;
        s.src = test_ipv4(10, 0, 0, (uint8_t)(x & 3));
        s.dst = test_ipv4(10, 0, 1, (uint8_t)((x >> 2) & 1));
        s.sport = (uint16_t)(1000 + ((x >> 3) & 7));
        s.dport = 80;
        s.flags = (uint8_t)(x >> 8);
        s.seq = x * 2654435761u;
        s.ack = x >> 4;
        s.payload_len = (x >> 20) & 3 ? 0 : 100;
        s.has_ts = x & 0x10000;
        s.tsval = x * 7;
        const tr_finding *f = tr_engine_process(e, &s);
        if (f) {
            tr_describe_reuse(&f->reuse, buf, sizeof(buf));
            tr_describe_stale_ack(&f->stale_ack, buf, sizeof(buf));
            tr_describe_rst(&f->rst, buf, sizeof(buf));
            tr_describe_clock(&f->clock, buf, sizeof(buf));
            tr_describe_info_tags(f, buf, sizeof(buf));
        }
    }
    tr_engine_stats st;
    tr_engine_get_stats(e, &st);
    assert_true(st.pairs <= 16);
    tr_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(retransmitted_syn_is_not_a_reuse),
        cmocka_unit_test(ipv6_time_wait_reuse),
        cmocka_unit_test(memory_bound_forgets_oldest_pair),
        cmocka_unit_test(memory_bound_clock_and_pool_tables_said_once),
        cmocka_unit_test(midstream_session_then_reuse),
        cmocka_unit_test(texts_name_their_evidence),
        cmocka_unit_test(texts_fit_a_label),
        cmocka_unit_test(random_segments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
