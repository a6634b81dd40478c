/* SPDX-License-Identifier: GPL-2.0-or-later
 * The entry table under the engine's tables: entries found by key, numbered in order, never
 * moving while the index grows, and reused in place under a new key (backward-shift deletion
 * must leave every other key findable).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>

#include "entry_table.h"
#include "support.h"

typedef struct test_entry {
    tr_table_key key;
    uint32_t value;
    uint32_t *held;  /* freed by entry_free */
} test_entry;

static tr_table_key key_of(uint32_t i)
{
    tr_address a = test_ipv4(10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i), b = test_ipv6((uint16_t)i);
    return tr_table_key_make(&a, &b, (uint16_t)(i * 7), 443);
}

static test_entry *find(const tr_entry_table *t, uint32_t i)
{
    tr_table_key key = key_of(i);
    uint32_t n = tr_entry_table_find(t, &key, tr_table_key_hash(&key));
    return n == TR_NO_ENTRY ? NULL : tr_entry_table_at(t, n);
}

static uint32_t add(tr_entry_table *t, uint32_t i)
{
    tr_table_key key = key_of(i);
    uint32_t n = tr_entry_table_add(t, &key, tr_table_key_hash(&key));
    test_entry *e = tr_entry_table_at(t, n);
    e->value = i;
    return n;
}

static int entries_freed;

static void entry_free(void *entry)
{
    test_entry *e = entry;
    g_free(e->held);
    entries_freed++;
}

/* Numbers in the order made; an entry zeroed but for its key; found again after the index grew
 * many times, at the address it had. */
static void entries_stay_where_they_are(void **state)
{
    (void)state;
    enum { N = 3000 };
    tr_entry_table *t = tr_entry_table_new(sizeof(test_entry));
    static test_entry *made[N];
    tr_table_key missing = key_of(N);
    assert_int_equal(tr_entry_table_find(t, &missing, tr_table_key_hash(&missing)), TR_NO_ENTRY);
    for (uint32_t i = 0; i < N; i++) {
        assert_int_equal(add(t, i), i);
        made[i] = tr_entry_table_at(t, i);
        assert_null(made[i]->held);
        tr_table_key key = key_of(i);
        assert_true(tr_table_key_equal(&made[i]->key, &key));
    }
    for (uint32_t i = 0; i < N; i++) {
        test_entry *e = find(t, (i * 7919u) % N);
        assert_ptr_equal(e, made[(i * 7919u) % N]);
        assert_int_equal(e->value, (i * 7919u) % N);
    }
    assert_null(find(t, N));
    assert_int_equal(tr_entry_table_count(t), N);
    assert_true(tr_entry_table_bytes(t) >= N * sizeof(test_entry));
    tr_entry_table_free(t, NULL);
}

/* Reused entries leave the index under their old key and join it under the new one, in place
 * and zeroed; every other key is still found, whatever runs the removals cut. */
static void reuse_keeps_every_other_key(void **state)
{
    (void)state;
    enum { N = 1000 };
    tr_entry_table *t = tr_entry_table_new(sizeof(test_entry));
    for (uint32_t i = 0; i < N; i++)
        add(t, i);
    /* Entry n (key n) takes key N + n, for every third n in a scattered order. */
    for (uint32_t k = 0; k < N; k++) {
        uint32_t n = (k * 389u) % N;
        if (n % 3)
            continue;
        test_entry *before = tr_entry_table_at(t, n);
        tr_table_key key = key_of(N + n);
        tr_entry_table_reuse(t, n, &key, tr_table_key_hash(&key));
        assert_ptr_equal(tr_entry_table_at(t, n), before);
        assert_int_equal(before->value, 0);
        before->value = N + n;
    }
    for (uint32_t n = 0; n < N; n++) {
        if (n % 3) {
            assert_int_equal(find(t, n)->value, n);
            assert_null(find(t, N + n));
        } else {
            assert_null(find(t, n));
            assert_ptr_equal(find(t, N + n), tr_entry_table_at(t, n));
            assert_int_equal(find(t, N + n)->value, N + n);
        }
    }
    assert_int_equal(tr_entry_table_count(t), N);
    tr_entry_table_free(t, NULL);
}

/* What entries hold is released, once for each entry made. */
static void free_releases_each_entry(void **state)
{
    (void)state;
    tr_entry_table *t = tr_entry_table_new(sizeof(test_entry));
    for (uint32_t i = 0; i < 600; i++) {
        test_entry *e = tr_entry_table_at(t, add(t, i));
        e->held = g_new0(uint32_t, 4);
    }
    entries_freed = 0;
    tr_entry_table_free(t, entry_free);
    assert_int_equal(entries_freed, 600);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_stay_where_they_are),
        cmocka_unit_test(reuse_keeps_every_other_key),
        cmocka_unit_test(free_releases_each_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
