/* SPDX-License-Identifier: GPL-2.0-or-later
 * The compact finding store (finding_store.h): what goes in comes out, whatever the order,
 * the changes and the number of records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "finding_store.h"

/* Every member set, each to a value of its own (the extremes of the wide ones). */
static tr_finding full_finding(uint32_t frame)
{
    tr_finding f;
    memset(&f, 0, sizeof f); /* padding too, so that records compare with memcmp */
    uint32_t v = frame * 1000;
    f.frame = frame;
    f.duplicate_of = ++v;
    f.implausible = TR_IMPLAUSIBLE_RST_FLAGS;
    f.syn.retransmit_of = ++v;
    f.syn.answered_by = ++v;
    f.syn.answer_kind = TR_ANSWER_RST;

    tr_reuse_finding *r = &f.reuse;
    r->present = r->syn_reuses_tw = r->tw_may_linger = r->syn_reuses_open = r->server_fin_unacked = true;
    r->syn_reuses_fin_wait2 = r->verdict_unknown = r->syn_has_ts = r->old_has_ts = true;
    r->tw_holder = TR_HOLDER_BOTH;
    r->fw2_verdict = TR_FW2_ACK_PAWS;
    r->tw_verdict = TR_VERDICT_REJECT_SEQ;
    r->prev_session = ++v;
    r->prev_close = ++v;
    r->since_close_ns = -(int64_t)++v * 1000000007;
    r->port_reuse_interval_ns = INT64_MIN + ++v;
    r->fw2_since = ++v;
    r->fw2_left_ns = INT64_MAX - ++v;
    r->old_rcv_wnd = ++v;
    r->tw_left_ns = ++v;
    r->tw_restarted_by = ++v;
    r->tw_killed_by = ++v;
    r->tw_taken_by = ++v;
    r->syn_seq = UINT32_MAX - ++v;
    r->old_rcv_nxt = ++v;
    r->syn_tsval = ++v;
    r->old_ts_recent = ++v;

    tr_answer_finding *a = &f.answer;
    a->present = true;
    a->kind = TR_ANSWER_BARE_ACK;
    a->answers_syn = ++v;
    a->delay_ns = ++v;

    tr_stale_ack_finding *st = &f.stale_ack;
    st->present = st->beyond_time_wait = true;
    st->kind = TR_STALE_FIN_WAIT2;
    st->seq = ++v;
    st->ack = ++v;
    st->syn_isn = ++v;
    st->old_session = ++v;
    st->old_close = ++v;
    st->old_snd_nxt = ++v;
    st->old_rcv_nxt = ++v;
    st->since_close_ns = ++v;

    tr_rst_finding *rst = &f.rst;
    rst->present = rst->kills_time_wait = rst->ignored_in_syn_sent = rst->first = true;
    rst->cause = TR_RST_UNKNOWN;
    rst->would_be = TR_RST_FIN_WAIT2;
    rst->sender_role = TR_ROLE_SERVER;
    rst->evidence = 15;
    rst->ttl = 255;
    rst->sender_ttl = 254;
    rst->trigger = ++v;
    rst->seq = ++v;
    rst->outstanding = ++v;
    rst->ends_session = ++v;
    rst->ip_id_of = ++v;
    rst->tsecr = ++v;
    rst->contradicted_by = ++v;
    rst->connection = ++v;

    tr_clock_finding *c = &f.clock;
    c->present = c->regress = c->random_offsets = true;
    c->tsval = ++v;
    c->newest_tsval = ++v;
    c->newest_frame = ++v;
    c->clocks = ++v;

    tr_pool_finding *p = &f.pool;
    p->present = true;
    p->port_min = 1;
    p->port_max = 65535;
    p->syns = ++v;
    p->ports = ++v;
    p->span_ns = ++v;
    p->cycle_ns = ++v;
    p->per_second = ++v;
    p->ports_needed = ++v;
    p->addresses_needed = ++v;

    f.loop.open = true;
    f.loop.cycles = ++v;
    f.loop.began = ++v;
    f.ecn.refused_syn = ++v;
    f.ecn.failed_syn = ++v;
    f.ecn.failed_rst = ++v;
    f.ecn.retry_syn = ++v;
    f.table_full = f.clock_table_full = f.pool_table_full = f.ecn_table_full = true;
    return f;
}

/* A finding with only an answer (padding zeroed, as in every finding compared here). */
static tr_finding answer_only(uint32_t frame)
{
    tr_finding f;
    memset(&f, 0, sizeof f);
    f.frame = frame;
    f.answer = (tr_answer_finding){.present = true, .answers_syn = frame - 1, .kind = TR_ANSWER_SYN_ACK, .delay_ns = 42};
    return f;
}

static void assert_stored(tr_findings *s, const tr_finding *expected)
{
    tr_finding got;
    memset(&got, 0xa5, sizeof got);
    assert_true(tr_findings_get(s, expected->frame, &got));
    assert_memory_equal(&got, expected, sizeof got);
}

static void every_member_round_trips(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    tr_finding full = full_finding(7), small = answer_only(9);
    tr_findings_put(s, &full, 0);
    tr_findings_put(s, &small, 0);
    assert_stored(s, &full);
    assert_stored(s, &small);
    assert_int_equal(tr_findings_count(s), 2);
    tr_findings_free(s);
}

/* A frame pays for the blocks it uses: the answer alone is the mask and one block. */
static void sizes_follow_the_blocks(void **state)
{
    (void)state;
    tr_finding small = answer_only(9), full = full_finding(7);
    uint8_t buf[1024];
    assert_true(tr_packed_max <= sizeof buf);
    size_t answer = tr_finding_pack(&small, 0, buf);
    assert_int_equal(answer, 4 + 1 + 4 + 8);  /* mask; kind and present bits; answers_syn; delay */
    assert_int_equal(tr_packed_blocks(buf), TR_BLOCK_BIT(ANSWER));
    assert_int_equal(tr_finding_pack(&full, 0, buf), tr_packed_max);
    assert_true(tr_packed_max < sizeof(tr_finding));
    /* a part whose present flag is false is not kept (finding.h: it means nothing then) */
    small.rst.trigger = 5;
    assert_int_equal(tr_finding_pack(&small, 0, buf), answer);
    /* kept while empty: room for a SYN's answer */
    tr_finding none;
    memset(&none, 0, sizeof none);
    assert_int_equal(tr_finding_pack(&none, TR_PART_SYN_ANSWER, buf), 4 + 1 + 4);
    assert_int_equal(tr_packed_blocks(buf), TR_PART_SYN_ANSWER);
}

static void absent_frames_are_not_found(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    tr_finding got;
    assert_false(tr_findings_get(s, 1, &got));
    for (uint32_t frame = 2; frame <= 4000; frame += 2) {
        tr_finding f = answer_only(frame);
        tr_findings_put(s, &f, 0);
    }
    /* in order (a second pass), backwards, and far off */
    for (uint32_t frame = 0; frame <= 4002; frame++)
        assert_int_equal(tr_findings_get(s, frame, &got), frame % 2 == 0 && frame >= 2 && frame <= 4000);
    for (uint32_t frame = 4002; frame > 0; frame--)
        assert_int_equal(tr_findings_get(s, frame, &got), frame % 2 == 0 && frame <= 4000);
    for (uint32_t i = 0, frame = 1; i < 20000; i++) { /* scattered, and near the previous one */
        frame = i % 3 ? (frame * 1103515245u + 12345u) % 4100 : frame + 1;
        assert_int_equal(tr_findings_get(s, frame, &got), frame % 2 == 0 && frame >= 2 && frame <= 4000);
    }
    assert_false(tr_findings_get(s, UINT32_MAX, &got));
    assert_true(tr_findings_get(s, 2, &got));
    assert_int_equal(got.answer.answers_syn, 1);
    tr_findings_free(s);
}

/* Late frames (a SYN that had no finding learning its answer) go between the others, in
 * pages that fill up and split; the answer is written in place where room was kept. */
static void late_frames_and_changes(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    const uint32_t n = 5000;
    for (uint32_t frame = 2; frame <= 2 * n; frame += 2) {
        tr_finding f = answer_only(frame);
        tr_findings_put(s, &f, frame % 4 == 0 ? TR_PART_SYN_ANSWER : 0);
    }
    /* every odd frame learns late, in a scrambled order */
    for (uint32_t i = 0; i < n; i++) {
        uint32_t frame = 2 * ((i * 7919u) % n) + 1; /* 7919 is prime: a permutation */
        tr_finding syn = {.frame = frame, .syn = {.answered_by = frame + 1, .answer_kind = TR_ANSWER_RST}};
        tr_findings_update(s, &syn, TR_PART_SYN_ANSWER);
    }
    /* and every even frame gets an answer: in place (room kept) or packed again */
    for (uint32_t frame = 2; frame <= 2 * n; frame += 2) {
        tr_finding syn = {.frame = frame, .syn = {.answered_by = frame + 7, .answer_kind = TR_ANSWER_BARE_ACK}};
        tr_findings_update(s, &syn, TR_PART_SYN_ANSWER);
    }
    assert_int_equal(tr_findings_count(s), 2 * n);
    for (uint32_t frame = 1; frame <= 2 * n; frame++) {
        tr_finding expected;
        if (frame % 2) {
            memset(&expected, 0, sizeof expected);
            expected.frame = frame;
            expected.syn.answered_by = frame + 1;
            expected.syn.answer_kind = TR_ANSWER_RST;
        } else {
            expected = answer_only(frame);
            expected.syn.answered_by = frame + 7;
            expected.syn.answer_kind = TR_ANSWER_BARE_ACK;
        }
        assert_stored(s, &expected);
    }
    tr_findings_free(s);
}

/* A change that needs blocks the record lacks keeps the rest of it; one that empties a block
 * leaves zeros there (a clock mark withdrawn). */
static void changes_keep_the_rest(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    tr_finding rst;
    memset(&rst, 0, sizeof rst);
    rst.frame = 5;
    rst.rst.present = true;
    rst.rst.cause = TR_RST_REFUSED;
    rst.rst.trigger = 4;
    rst.rst.ttl = 64;
    rst.loop.cycles = 2;
    rst.loop.began = 1;
    rst.loop.open = true;
    rst.clock.tsval = 77; /* a held-back mark: present = false */
    rst.clock.clocks = 2;
    tr_findings_put(s, &rst, 0);
    tr_finding later = rst;
    later.rst.evidence = TR_INJECT_CONTRADICTED;
    later.rst.contradicted_by = 9;
    later.rst.would_be = TR_RST_REFUSED;
    later.rst.cause = TR_RST_INJECTED;
    later.loop.open = true; /* not part of the change below: stays as stored */
    later.loop.cycles = 99;
    tr_findings_update(s, &later, TR_PART_RST);
    tr_finding expected = rst;
    expected.rst = later.rst;
    assert_stored(s, &expected);

    tr_finding withdrawn = expected;
    memset(&withdrawn.clock, 0, sizeof withdrawn.clock);
    tr_findings_update(s, &withdrawn, TR_PART_CLOCK);
    assert_stored(s, &withdrawn);
    withdrawn.loop.open = false;
    tr_findings_update(s, &withdrawn, TR_PART_LOOP);
    assert_stored(s, &withdrawn);
    assert_int_equal(tr_findings_count(s), 1);
    tr_findings_free(s);
}

/* Many chunks: records written long ago are still there, unchanged. */
static void many_chunks(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    const uint32_t n = 3000; /* full records: a few hundred bytes each, a dozen chunks */
    for (uint32_t frame = 1; frame <= n; frame++) {
        tr_finding f = full_finding(frame);
        tr_findings_put(s, &f, 0);
    }
    assert_true(tr_findings_bytes(s) > (size_t)n * tr_packed_max);
    for (uint32_t i = 0; i < n; i++) {
        tr_finding expected = full_finding(1 + (i * 7919u) % n);
        assert_stored(s, &expected);
    }
    tr_findings_free(s);
}

/* Once the records reach the bound, findings are dropped and counted (the scanner says so),
 * the ones kept before stay readable, and an update that needs a new record is dropped too. */
static void full_store_counts_what_it_drops(void **state)
{
    (void)state;
    tr_findings *s = tr_findings_new();
    tr_findings_limit(s, 65536);  /* one chunk */
    uint32_t frame = 1;
    while (tr_findings_dropped(s) == 0) {
        tr_finding f = full_finding(frame++);
        bool kept_it = tr_findings_put(s, &f, 0);
        assert_int_equal(kept_it, tr_findings_dropped(s) == 0);
    }
    size_t kept = tr_findings_count(s);
    assert_int_equal(kept, frame - 2);
    size_t record = (tr_packed_max + 3) / 4 * 4;  /* records start on 4-byte boundaries */
    assert_true(kept * record <= 65536 && (kept + 1) * record > 65536 - tr_packed_max);
    tr_finding first = full_finding(1);
    assert_stored(s, &first);
    tr_finding late = {.frame = frame + 10, .syn = {.answered_by = 3, .answer_kind = TR_ANSWER_SYN_ACK}};
    tr_findings_update(s, &late, TR_PART_SYN_ANSWER);
    assert_int_equal(tr_findings_dropped(s), 2);
    assert_false(tr_findings_get(s, frame + 10, &late));
    tr_findings_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_member_round_trips),
        cmocka_unit_test(sizes_follow_the_blocks),
        cmocka_unit_test(absent_frames_are_not_found),
        cmocka_unit_test(late_frames_and_changes),
        cmocka_unit_test(changes_keep_the_rest),
        cmocka_unit_test(many_chunks),
        cmocka_unit_test(full_store_counts_what_it_drops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
