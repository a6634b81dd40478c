/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "print_frames.h"

#include <inttypes.h>
#include <stdbool.h>

/* The frames that show something, as in the other reports. */
static bool shown(const tr_scan_report *report, size_t i)
{
    tr_finding finding;
    const tr_logged_frame *frame = &report->frames[i];
    return frame->kind != TR_FRAME_FINDING || tr_scan_finding(report->scan, frame, &finding);
}

/* Each run of consecutive frames once, as "first<joiner>last" (or "first" alone); false when
 * there is no frame to print. */
static bool print_ranges(FILE *out, const tr_scan_report *report, const char *joiner, const char *separator)
{
    const tr_logged_frame *frames = report->frames;
    size_t count = report->count;
    bool any = false;
    for (size_t i = 0; i < count;) {
        if (!shown(report, i)) {
            i++;
            continue;
        }
        uint32_t first = frames[i].frame, last = first;
        for (i++; i < count && shown(report, i) && frames[i].frame == last + 1; i++)
            last = frames[i].frame;
        fprintf(out, "%s%" PRIu32, any ? separator : "", first);
        if (last != first)
            fprintf(out, "%s%" PRIu32, joiner, last);
        any = true;
    }
    return any;
}

void tr_print_frames(FILE *out, const tr_scan_report *report)
{
    fputs("frames: ", out);
    bool any = print_ranges(out, report, "-", " ");
    fputs("\nfilter: ", out);
    if (any) {
        fputs("frame.number in {", out);
        print_ranges(out, report, "..", ", ");
        fputs("}\n", out);
    } else {
        fputs("frame.number == 0\n", out); /* matches no frame: an empty set is no filter */
    }
}
