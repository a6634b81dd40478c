/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "print_frames.h"

#include <inttypes.h>
#include <stdbool.h>

/* The frames that show something, as in the other reports. */
static bool shown(const tr_logged_frame *f)
{
    return f->kind != TR_FRAME_FINDING || tr_finding_has_any(f->finding);
}

/* Each run of consecutive frames once, as "first<joiner>last" (or "first" alone); false when
 * there is no frame to print. */
static bool print_ranges(FILE *out, const tr_logged_frame *frames, size_t count, const char *joiner,
                         const char *separator)
{
    bool any = false;
    for (size_t i = 0; i < count;) {
        if (!shown(&frames[i])) {
            i++;
            continue;
        }
        uint32_t first = frames[i].frame, last = first;
        for (i++; i < count && shown(&frames[i]) && frames[i].frame == last + 1; i++)
            last = frames[i].frame;
        fprintf(out, "%s%" PRIu32, any ? separator : "", first);
        if (last != first)
            fprintf(out, "%s%" PRIu32, joiner, last);
        any = true;
    }
    return any;
}

void tr_print_frames(FILE *out, const tr_logged_frame *frames, size_t count)
{
    fputs("frames: ", out);
    bool any = print_ranges(out, frames, count, "-", " ");
    fputs("\nfilter: ", out);
    if (any) {
        fputs("frame.number in {", out);
        print_ranges(out, frames, count, "..", ", ");
        fputs("}\n", out);
    } else {
        fputs("frame.number == 0\n", out); /* matches no frame: an empty set is no filter */
    }
}
