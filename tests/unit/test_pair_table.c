/* SPDX-License-Identifier: GPL-2.0-or-later
 * The socket-pair table on its own: one pair per 4-tuple from either direction, the sender's
 * side in the canonical order whichever way the pair is found (the most recently seen pair
 * is tried before hashing), the least recently seen pair forgotten first, and a pair's rare
 * part.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pair_table.h"
#include "support.h"

static tr_segment segment(tr_address src, uint16_t sport, tr_address dst, uint16_t dport)
{
    return (tr_segment){.src = src, .dst = dst, .sport = sport, .dport = dport, .flags = TR_TCP_ACK};
}

static tr_pair *find(tr_pair_table *t, tr_segment s, uint8_t *side, bool *evicted)
{
    return tr_pair_table_find(t, &s, true, side, evicted);
}

/* Side 0 sorts first: family, then the address bytes as memcmp orders them, then the port;
 * the same answer from the head pair and from the hashed index. */
static void sides_are_canonical_both_ways(void **state)
{
    (void)state;
    tr_pair_table *t = tr_pair_table_new(100);
    tr_address low = test_ipv4(10, 0, 0, 1), high = test_ipv4(192, 0, 2, 80);
    uint8_t side;
    bool evicted;
    tr_pair *p = find(t, segment(high, 80, low, 40000), &side, &evicted);
    assert_int_equal(side, 1);
    assert_false(evicted);
    assert_ptr_equal(find(t, segment(low, 40000, high, 80), &side, &evicted), p);  /* the head */
    assert_int_equal(side, 0);
    tr_pair *other = find(t, segment(low, 40001, high, 80), &side, &evicted);
    assert_ptr_not_equal(other, p);
    assert_ptr_equal(find(t, segment(high, 80, low, 40000), &side, &evicted), p);  /* hashed */
    assert_int_equal(side, 1);
    assert_ptr_equal(find(t, segment(low, 40000, high, 80), &side, &evicted), p);  /* the head again */
    assert_int_equal(side, 0);
    assert_int_equal(tr_pair_key_port(&p->key, 0), 40000);
    assert_int_equal(tr_pair_key_port(&p->key, 1), 80);

    /* One address: the lower port is side 0; one endpoint talking to itself: the sender. */
    tr_pair *same = find(t, segment(low, 5000, low, 4000), &side, &evicted);
    assert_int_equal(side, 1);
    find(t, segment(high, 1, high, 2), &side, &evicted);
    assert_ptr_equal(find(t, segment(low, 4000, low, 5000), &side, &evicted), same);
    assert_int_equal(side, 0);
    tr_pair *self = find(t, segment(low, 7, low, 7), &side, &evicted);
    assert_int_equal(side, 0);
    assert_ptr_equal(find(t, segment(low, 7, low, 7), &side, &evicted), self);
    assert_int_equal(side, 0);

    /* IPv4 (family 4) sorts before IPv6 whatever the bytes; the bytes compare as memcmp does. */
    find(t, segment(test_ipv6(1), 80, low, 80), &side, &evicted);
    assert_int_equal(side, 1);
    tr_address above = test_ipv4(10, 0, 0, 1), below = test_ipv4(9, 255, 255, 255);
    find(t, segment(above, 1, below, 2), &side, &evicted);
    assert_int_equal(side, 1);
    assert_int_equal(tr_pair_table_size(t), 7);
    tr_pair_table_free(t);
}

/* A pair never seen is not made when create is false. */
static void lookup_without_create(void **state)
{
    (void)state;
    tr_pair_table *t = tr_pair_table_new(100);
    tr_segment s = segment(test_ipv4(10, 0, 0, 1), 1000, test_ipv4(10, 0, 0, 2), 80);
    uint8_t side;
    bool evicted;
    assert_null(tr_pair_table_find(t, &s, false, &side, &evicted));
    assert_non_null(tr_pair_table_find(t, &s, true, &side, &evicted));
    s.sport = 1001;
    assert_null(tr_pair_table_find(t, &s, false, &side, &evicted));
    assert_int_equal(tr_pair_table_size(t), 1);
    tr_pair_table_free(t);
}

/* Each find, at the head or behind it, makes the pair the most recently seen; a new pair past
 * max_pairs takes the place of the least recently seen one, which is then found no more. */
static void least_recently_seen_is_forgotten(void **state)
{
    (void)state;
    tr_pair_table *t = tr_pair_table_new(3);
    tr_address client = test_ipv4(198, 51, 100, 7), server = test_ipv4(192, 0, 2, 80);
    uint8_t side;
    bool evicted;
    tr_pair *a = find(t, segment(client, 1, server, 80), &side, &evicted);
    tr_pair *b = find(t, segment(client, 2, server, 80), &side, &evicted);
    find(t, segment(client, 3, server, 80), &side, &evicted);
    assert_ptr_equal(find(t, segment(server, 80, client, 1), &side, &evicted), a);  /* behind the head */
    assert_ptr_equal(find(t, segment(client, 1, server, 80), &side, &evicted), a);  /* the head */
    assert_false(evicted);

    tr_pair *d = find(t, segment(client, 4, server, 80), &side, &evicted);
    assert_true(evicted);
    assert_ptr_equal(d, b);  /* port 2, seen least recently, gave its place */
    assert_int_equal(tr_pair_key_port(&d->key, 1), 4);
    assert_int_equal(tr_pair_table_evicted(t), 1);
    tr_segment gone = segment(client, 2, server, 80);
    assert_null(tr_pair_table_find(t, &gone, false, &side, &evicted));
    assert_ptr_equal(find(t, segment(client, 1, server, 80), &side, &evicted), a);
    assert_false(evicted);

    /* Port 3 is now the least recently seen. */
    find(t, segment(client, 5, server, 80), &side, &evicted);
    assert_true(evicted);
    tr_segment three = segment(client, 3, server, 80);
    assert_null(tr_pair_table_find(t, &three, false, &side, &evicted));
    assert_int_equal(tr_pair_table_size(t), 3);
    tr_pair_table_free(t);
}

/* The order of forgetting is the order of last sight: when the table fills long after the
 * pairs were made (the list is only put together then), when some were last seen as the head
 * (without a lookup), and when pairs at the list's tail and middle are seen again after. */
static void forgotten_in_the_order_last_seen(void **state)
{
    (void)state;
    enum { N = 50 };
    tr_pair_table *t = tr_pair_table_new(N);
    tr_address server = test_ipv4(192, 0, 2, 80);
    uint8_t side;
    bool evicted;
    for (uint16_t i = 0; i < N; i++)
        find(t, segment(test_ipv4(10, 0, 0, 1), (uint16_t)(1000 + i), server, 80), &side, &evicted);
    /* Seen again in a scrambled order, each twice in a row (the second time as the head). */
    uint16_t order[N];
    for (uint16_t k = 0; k < N; k++) {
        order[k] = (uint16_t)((k * 17u) % N);
        for (int twice = 0; twice < 2; twice++)
            find(t, segment(server, 80, test_ipv4(10, 0, 0, 1), (uint16_t)(1000 + order[k])), &side, &evicted);
    }
    /* New pairs take the places of the first half, in that order; the second half stays. */
    for (uint16_t k = 0; k < N / 2; k++) {
        find(t, segment(test_ipv4(10, 0, 0, 2), (uint16_t)(2000 + k), server, 80), &side, &evicted);
        assert_true(evicted);
        tr_segment gone = segment(test_ipv4(10, 0, 0, 1), (uint16_t)(1000 + order[k]), server, 80);
        assert_null(tr_pair_table_find(t, &gone, false, &side, &evicted));
    }
    /* Now kept in the list: the pairs next in line (its tail), one in the middle and the
     * latest new one are seen again, in that order, and go to the front. The next evictions
     * take the rest of the old pairs first, then the new ones not seen again, then those seen. */
    uint16_t again[3] = {order[N / 2], order[N / 2 + 1], order[3 * N / 4]};
    for (int i = 0; i < 3; i++)
        find(t, segment(test_ipv4(10, 0, 0, 1), (uint16_t)(1000 + again[i]), server, 80), &side, &evicted);
    find(t, segment(server, 80, test_ipv4(10, 0, 0, 2), (uint16_t)(2000 + N / 2 - 1)), &side, &evicted);
    uint16_t expect[N];  /* the ports in the order they must go, old pairs (1000+) then new (2000+) */
    int e = 0;
    for (uint16_t k = N / 2; k < N; k++)
        if (order[k] != again[0] && order[k] != again[1] && order[k] != again[2])
            expect[e++] = (uint16_t)(1000 + order[k]);
    for (uint16_t k = 0; k < N / 2 - 1; k++)
        expect[e++] = (uint16_t)(2000 + k);
    for (int i = 0; i < 3; i++)
        expect[e++] = (uint16_t)(1000 + again[i]);
    expect[e++] = (uint16_t)(2000 + N / 2 - 1);
    assert_int_equal(e, N);
    for (int k = 0; k < N; k++) {
        find(t, segment(test_ipv4(10, 0, 0, 3), (uint16_t)(3000 + k), server, 80), &side, &evicted);
        assert_true(evicted);
        tr_address owner = test_ipv4(10, 0, 0, expect[k] >= 2000 ? 2 : 1);
        tr_segment gone = segment(owner, expect[k], server, 80);
        assert_null(tr_pair_table_find(t, &gone, false, &side, &evicted));
    }
    tr_pair_table_free(t);
}

/* Thousands of pairs, found again in another order from the other end: the index grows and
 * every pair stays where it was. */
static void many_pairs_found_again(void **state)
{
    (void)state;
    enum { N = 5000 };
    tr_pair_table *t = tr_pair_table_new(N);
    static tr_pair *made[N];
    uint8_t side;
    bool evicted;
    for (uint32_t i = 0; i < N; i++)
        made[i] = find(t, segment(test_ipv4(10, 0, (uint8_t)(i >> 8), (uint8_t)i), (uint16_t)(1024 + i),
                                  test_ipv4(192, 0, 2, 80), 443),
                       &side, &evicted);
    for (uint32_t k = 0; k < N; k++) {
        uint32_t i = (k * 7919u) % N;
        tr_pair *p = find(t, segment(test_ipv4(192, 0, 2, 80), 443, test_ipv4(10, 0, (uint8_t)(i >> 8), (uint8_t)i),
                                     (uint16_t)(1024 + i)),
                          &side, &evicted);
        assert_ptr_equal(p, made[i]);
        assert_int_equal(side, 1);
        assert_false(evicted);
    }
    assert_int_equal(tr_pair_table_size(t), N);
    tr_pair_table_free(t);
}

/* A pair's rare part is made at its first need, read as zero before, counted in the table's
 * bytes, and freed with the pair when a new one takes its place. */
static void rare_part_is_made_counted_and_freed(void **state)
{
    (void)state;
    tr_pair_table *t = tr_pair_table_new(1);
    tr_address client = test_ipv4(198, 51, 100, 7), server = test_ipv4(192, 0, 2, 80);
    uint8_t side;
    bool evicted;
    /* The table full once already, so that its recency list is made (counted in its bytes). */
    find(t, segment(client, 9, server, 80), &side, &evicted);
    tr_pair *p = find(t, segment(client, 1, server, 80), &side, &evicted);
    assert_true(evicted);
    size_t without = tr_pair_table_bytes(t);
    assert_null(p->rare);
    assert_int_equal(tr_pair_rare_read(p)->loop.cycles, 0);
    tr_pair_rare *rare = tr_pair_table_rare(t, p);
    assert_non_null(rare);
    rare->loop.cycles = 2;
    assert_ptr_equal(tr_pair_table_rare(t, p), rare);  /* made once */
    assert_int_equal(tr_pair_rare_read(p)->loop.cycles, 2);
    assert_int_equal(tr_pair_table_bytes(t), without + sizeof(tr_pair_rare));

    tr_pair *next = find(t, segment(client, 2, server, 80), &side, &evicted);
    assert_true(evicted);
    assert_ptr_equal(next, p);
    assert_null(next->rare);  /* the new pair starts without one */
    assert_int_equal(tr_pair_table_bytes(t), without);
    tr_pair_table_rare(t, next);
    tr_pair_table_free(t);  /* frees it with the pair */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sides_are_canonical_both_ways),
        cmocka_unit_test(lookup_without_create),
        cmocka_unit_test(least_recently_seen_is_forgotten),
        cmocka_unit_test(forgotten_in_the_order_last_seen),
        cmocka_unit_test(many_pairs_found_again),
        cmocka_unit_test(rare_part_is_made_counted_and_freed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
