/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "extract.h"

#include <inttypes.h>

#include <glib.h>

#include "capture.h"
#include "extract_file.h"
#include "extract_plan.h"
#include "frame_walk.h"

/* The frame's TCP segment into *seg, as the scan walked it; false when it has none. */
static bool segment_of(const tr_frame *frame, tr_segment *seg)
{
    return frame->is_packet && frame->link != TR_LINK_UNKNOWN &&
           tr_walk_frame_on_wire(frame->link, frame->bytes, frame->captured, frame->on_wire, seg).status ==
               TR_WALK_SEGMENT;
}

/* Reads the capture again and copies the frames the plan keeps; the number copied, or -1
 * (said on `notes`). */
static int64_t copy_frames(tr_capture *cap, tr_extract_file *out, tr_extract_plan *plan, const char *out_path,
                           FILE *notes)
{
    int64_t written = 0;
    tr_frame frame;
    while (tr_capture_next(cap, &frame)) {
        tr_segment seg;
        bool has_segment = segment_of(&frame, &seg);
        if (!tr_extract_plan_keeps(plan, frame.number, has_segment ? &seg : NULL))
            continue;
        char *error = NULL;
        if (!tr_extract_file_write(out, cap, &error)) {
            fprintf(notes, "tcpreuse-scan: -w %s: %s\n", out_path, error);
            g_free(error);
            return -1;
        }
        written++;
    }
    /* A capture cut short was said so by the scan, which read the same frames. */
    return written;
}

bool tr_write_extract(const char *capture_path, const char *out_path, const tr_scan_report *report, FILE *notes)
{
    char *error = NULL;
    tr_capture *cap = tr_capture_open_wiretap(capture_path, &error);
    if (!cap) {
        fprintf(notes, "tcpreuse-scan: -w %s: cannot read %s again: %s\n", out_path, capture_path, error);
        g_free(error);
        return false;
    }
    tr_extract_file *out = tr_extract_file_open(out_path, cap, &error);
    if (!out) {
        fprintf(notes, "tcpreuse-scan: -w %s: %s\n", out_path, error);
        g_free(error);
        tr_capture_close(cap);
        return false;
    }
    tr_extract_plan *plan = tr_extract_plan_new(report);
    int64_t written = copy_frames(cap, out, plan, out_path, notes);
    const char *format = tr_extract_file_format(out);
    char *format_name = g_strdup(format ? format : "?");
    bool closed = tr_extract_file_close(out, &error);
    if (!closed) {
        fprintf(notes, "tcpreuse-scan: -w %s: %s\n", out_path, error);
        g_free(error);
    } else if (written >= 0) {
        fprintf(notes, "tcpreuse-scan: -w %s: %" PRId64 " frames of %zu connections with findings (%s)\n", out_path,
                written, tr_extract_plan_connections(plan), format_name);
    }
    g_free(format_name);
    tr_extract_plan_free(plan);
    tr_capture_close(cap);
    return closed && written >= 0;
}
