/* SPDX-License-Identifier: GPL-2.0-or-later
 * The report (plugin/report): the fields and groups a finding shows, and the statistics rows
 * it counts in, as the plugin and tcpreuse-scan both print them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "finding_fields.h"
#include "stats_rows.h"

/* ---- what a visit saw ------------------------------------------------------------------- */

typedef struct seen {
    int fields[TR_FIELD_COUNT];   /* how often each field came */
    tr_field_id order[TR_FIELD_COUNT * 2];
    size_t count;
    int groups_begun, groups_ended, texts;
    int open;                     /* groups begun and not yet ended */
    bool field_outside;           /* a group's field came with no group open */
} seen;

static void begins(void *ctx, tr_group group, const char *text)
{
    seen *s = ctx;
    (void)group;
    s->groups_begun++;
    s->open++;
    if (text && text[0])
        s->texts++;
}

static void field(void *ctx, const tr_field_value *v)
{
    seen *s = ctx;
    s->fields[v->id]++;
    if (s->count < TR_FIELD_COUNT * 2)
        s->order[s->count++] = v->id;
    if (v->id == TR_FIELD_PREV_SESSION && !s->open)
        s->field_outside = true;
}

static void ends(void *ctx, tr_group group, const char *text)
{
    seen *s = ctx;
    (void)group, (void)text;
    s->groups_ended++;
    s->open--;
}

static const tr_finding_visitor visitor = { .group_begins = begins, .field = field, .group_ends = ends };

/* A finding with every block there and every value set. */
static tr_finding everything(void)
{
    tr_finding f = { .frame = 55 };
    f.syn = (tr_syn_finding){ .retransmit_of = 50, .answered_by = 56, .answer_kind = TR_ANSWER_BARE_ACK };
    f.reuse = (tr_reuse_finding){
        .present = true, .prev_session = 28, .prev_close = 36, .since_close_ns = 36110000000,
        .port_reuse_interval_ns = 36200000000, .tw_holder = TR_HOLDER_SERVER, .syn_reuses_tw = true,
        .tw_verdict = TR_VERDICT_REJECT_PAWS, .tw_left_ns = 23890000000, .tw_restarted_by = 40,
        .syn_seq = 1, .old_rcv_nxt = 2, .syn_has_ts = true, .old_has_ts = true, .syn_tsval = 3, .old_ts_recent = 4,
    };
    f.answer = (tr_answer_finding){ .present = true, .answers_syn = 54, .kind = TR_ANSWER_BARE_ACK, .delay_ns = 100000 };
    f.stale_ack = (tr_stale_ack_finding){ .present = true, .kind = TR_STALE_TIME_WAIT, .old_session = 28, .old_close = 36 };
    f.rst = (tr_rst_finding){ .present = true, .cause = TR_RST_INJECTED, .evidence = TR_INJECT_TTL | TR_INJECT_IP_ID,
                              .ip_id_of = 7, .sender_role = TR_ROLE_SERVER, .connection = 1, .first = true };
    f.clock = (tr_clock_finding){ .present = true, .regress = true, .newest_frame = 35, .clocks = 3 };
    f.pool = (tr_pool_finding){ .present = true, .syns = 7, .ports = 5, .cycle_ns = 1, .addresses_needed = 2 };
    f.loop = (tr_loop_finding){ .cycles = 2, .began = 40, .open = true };
    f.ecn = (tr_ecn_finding){ .failed_syn = 10, .failed_rst = 11, .retry_syn = 12 };
    f.table_full = true;
    return f;
}

static void every_field_has_a_name_and_comes_once(void **state)
{
    (void)state;
    for (int i = 0; i < TR_FIELD_COUNT; i++) {
        assert_true(strlen(tr_field_name(i)) > 0);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(tr_field_name(i), tr_field_name(j));
    }
    tr_finding f = everything();
    seen s = { 0 };
    tr_visit_options opt = { .capture_read = true, .tags = "[SYN in TIME_WAIT]" };
    tr_visit_finding(&f, &opt, &visitor, &s);
    assert_int_equal(s.groups_begun, s.groups_ended);
    assert_int_equal(s.groups_begun, 8); /* reuse, answer, stale ACK, RST, clock, pool, loop, ECN */
    assert_int_equal(s.texts, 8);
    assert_false(s.field_outside);
    for (int i = 0; i < TR_FIELD_COUNT; i++)
        assert_true(s.fields[i] <= 1); /* each field once, the verdict's numbers included */
    assert_int_equal(s.order[0], TR_FIELD_TAGS);
    assert_int_equal(s.fields[TR_FIELD_LOOP_OPEN], 1);
    assert_int_equal(s.fields[TR_FIELD_RST_INJECTION_SENDER_TTL], 1);
    assert_int_equal(s.fields[TR_FIELD_RST_INJECTION_TSECR], 0); /* no TSecr evidence */
    assert_int_equal(s.fields[TR_FIELD_DUPLICATE_OF], 0);
    /* The tags first, the memory bounds last, as in the tree. */
    assert_int_equal(s.order[s.count - 1], TR_FIELD_TABLE_FULL);
}

static void the_groups_shown_are_the_groups_visited_and_no_open_loop_before_the_end(void **state)
{
    (void)state;
    tr_finding f = everything();
    seen s = { 0 };
    tr_visit_options opt = { .capture_read = false, .tags = "" };
    tr_visit_finding(&f, &opt, &visitor, &s);
    uint32_t groups = tr_finding_groups(&f);
    int shown = 0;
    for (tr_group g = 0; g < TR_GROUP_COUNT; g++)
        shown += (groups & TR_GROUP_BIT(g)) != 0;
    assert_int_equal(shown, s.groups_begun);
    assert_false(groups & TR_GROUP_BIT(TR_GROUP_NOT_ANALYSED));
    assert_true(groups & TR_GROUP_BIT(TR_GROUP_ECN));
    tr_finding copy = { .frame = 9, .duplicate_of = 8 };
    assert_int_equal(tr_finding_groups(&copy), TR_GROUP_BIT(TR_GROUP_NOT_ANALYSED));
    assert_false(tr_loop_shown_open(&f, false));
    assert_true(tr_loop_shown_open(&f, true));
}

static void a_copy_shows_what_it_is_and_nothing_else(void **state)
{
    (void)state;
    tr_finding f = { .frame = 9, .duplicate_of = 8 };
    seen s = { 0 };
    tr_visit_options opt = { .capture_read = true, .tags = "" };
    tr_visit_finding(&f, &opt, &visitor, &s);
    assert_int_equal(s.groups_begun, 1);
    assert_int_equal(s.count, 1);
    assert_int_equal(s.order[0], TR_FIELD_DUPLICATE_OF);
}

/* ---- statistics rows -------------------------------------------------------------------- */

typedef struct rows {
    char names[64][160];
    int parents[64];
    double values[64];
    bool measured[64];
    int count;
} rows;

static int find_row(rows *r, const char *name, int parent)
{
    for (int i = 0; i < r->count; i++)
        if (r->parents[i] == parent && !strcmp(r->names[i], name))
            return i + 1;
    snprintf(r->names[r->count], sizeof r->names[0], "%s", name);
    r->parents[r->count] = parent;
    return ++r->count;
}

static int tick(void *ctx, const char *name, int parent, bool has_children)
{
    (void)has_children;
    return find_row(ctx, name, parent);
}

static void figure(void *ctx, const char *name, int parent, double value)
{
    rows *r = ctx;
    int id = find_row(r, name, parent);
    r->measured[id - 1] = true;
    r->values[id - 1] = value;
}

static const tr_stats_sink sink = { .tick = tick, .figure = figure };

static bool has_row(const rows *r, const char *name)
{
    for (int i = 0; i < r->count; i++)
        if (!strcmp(r->names[i], name))
            return true;
    return false;
}

static void rows_name_the_ends_as_wireshark_writes_addresses(void **state)
{
    (void)state;
    rows r = { 0 };
    int ids[TR_HEADING_COUNT];
    for (int h = 0; h < TR_HEADING_COUNT; h++)
        ids[h] = find_row(&r, tr_stats_heading_of(h)->name, 0);
    tr_finding f = { .frame = 57 };
    f.rst = (tr_rst_finding){ .present = true, .cause = TR_RST_STALE_ACK, .sender_role = TR_ROLE_CLIENT, .first = true };
    f.answer = (tr_answer_finding){ .present = true, .kind = TR_ANSWER_RST, .delay_ns = 2500000 };
    tr_frame_ends e = { .sport = 44157, .dport = 443 };
    e.src.family = e.dst.family = 6;
    e.src.bytes[0] = 0x20, e.src.bytes[1] = 0x01, e.src.bytes[2] = 0x0d, e.src.bytes[3] = 0xb8, e.src.bytes[15] = 1;
    e.dst.bytes[0] = 0x20, e.dst.bytes[1] = 0x01, e.dst.bytes[2] = 0x0d, e.dst.bytes[3] = 0xb8, e.dst.bytes[15] = 2;
    tr_stats_count(&sink, &r, ids, &f, &e, true);
    assert_true(has_row(&r, "2001:db8::1 (client)"));
    assert_true(has_row(&r, "2001:db8::2:443")); /* as the plugin always named it: no brackets */
    assert_true(has_row(&r, "the client reset first"));
    int answer_kind = find_row(&r, "rst", ids[TR_HEADING_ANSWER]);
    assert_true(r.measured[answer_kind - 1]);
    assert_true(r.values[answer_kind - 1] == 2.5); /* milliseconds */

    char text[TR_ADDRESS_TEXT_LEN];
    tr_address v4 = { .family = 4, .bytes = { 192, 0, 2, 80 } }, none = { 0 };
    assert_string_equal(tr_address_text(&v4, text, sizeof text), "192.0.2.80");
    assert_string_equal(tr_address_text(&none, text, sizeof text), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_field_has_a_name_and_comes_once),
        cmocka_unit_test(the_groups_shown_are_the_groups_visited_and_no_open_loop_before_the_end),
        cmocka_unit_test(a_copy_shows_what_it_is_and_nothing_else),
        cmocka_unit_test(rows_name_the_ends_as_wireshark_writes_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
