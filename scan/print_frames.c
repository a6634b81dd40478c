/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "print_frames.h"

#include <inttypes.h>
#include <stdbool.h>

#include <glib.h>

/* Each run of consecutive frames once, as "first<joiner>last" (or "first" alone). */
static void print_ranges(FILE *out, const uint32_t *frames, size_t count, const char *joiner, const char *separator)
{
    for (size_t i = 0; i < count;) {
        uint32_t first = frames[i], last = first;
        for (i++; i < count && frames[i] == last + 1; i++)
            last = frames[i];
        fprintf(out, "%s%" PRIu32, first == frames[0] ? "" : separator, first);
        if (last != first)
            fprintf(out, "%s%" PRIu32, joiner, last);
    }
}

void tr_print_frame_list(FILE *out, const uint32_t *frames, size_t count)
{
    fputs("frames: ", out);
    print_ranges(out, frames, count, "-", " ");
    fputs("\nfilter: ", out);
    if (count) {
        fputs("frame.number in {", out);
        print_ranges(out, frames, count, "..", ", ");
        fputs("}\n", out);
    } else {
        fputs("frame.number == 0\n", out); /* matches no frame: an empty set is no filter */
    }
}

void tr_print_frames(FILE *out, const tr_scan_report *report)
{
    /* The frames that show something, as in the other reports. */
    GArray *shown = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    for (size_t i = 0; i < report->count; i++) {
        const tr_logged_frame *frame = &report->frames[i];
        tr_finding finding;
        if (frame->kind != TR_FRAME_FINDING || tr_scan_finding(report->scan, frame, &finding))
            g_array_append_val(shown, frame->frame);
    }
    tr_print_frame_list(out, (const uint32_t *)(void *)shown->data, shown->len);
    g_array_free(shown, TRUE);
}
