/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan's frame log (scan/frame_log.c): frames in order whatever order they come in,
 * a late one put in its place, and each found again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "frame_log.h"

static void add(tr_frame_log *log, uint32_t frame)
{
    tr_logged_frame f = { .frame = frame, .kind = TR_FRAME_FINDING };
    tr_frame_log_add(log, &f);
}

static void assert_in_order(const tr_frame_log *log, size_t want)
{
    size_t count;
    const tr_logged_frame *frames = tr_frame_log_frames(log, &count);
    assert_int_equal(count, want);
    for (size_t i = 1; i < count; i++)
        assert_true(frames[i - 1].frame < frames[i].frame);
}

static void late_frames_take_their_place(void **state)
{
    (void)state;
    tr_frame_log *log = tr_frame_log_new();
    assert_false(tr_frame_log_has(log, 1));
    /* Odd frames in order, then the even ones late: just behind the end, far back, first. */
    for (uint32_t f = 1; f < 2000; f += 2)
        add(log, f);
    add(log, 1998);
    add(log, 1000);
    add(log, 2);
    add(log, 0);
    assert_in_order(log, 1004);
    for (uint32_t f = 4; f < 1998; f += 2)
        if (f != 1000)
            add(log, f);
    assert_in_order(log, 2000);
    for (uint32_t f = 0; f < 2000; f++)
        assert_true(tr_frame_log_has(log, f));
    assert_false(tr_frame_log_has(log, 2000));
    tr_frame_log_free(log);
}

static void a_gap_is_not_a_frame(void **state)
{
    (void)state;
    tr_frame_log *log = tr_frame_log_new();
    add(log, 10);
    add(log, 30);
    assert_false(tr_frame_log_has(log, 20));
    assert_false(tr_frame_log_has(log, 5));
    assert_false(tr_frame_log_has(log, 31));
    add(log, 20);
    assert_true(tr_frame_log_has(log, 20));
    assert_in_order(log, 3);
    tr_frame_log_free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(late_frames_take_their_place),
        cmocka_unit_test(a_gap_is_not_a_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
