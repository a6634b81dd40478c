/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "frame_log.h"

#include <glib.h>

struct tr_frame_log {
    GArray *frames; /* tr_logged_frame, in frame order */
};

tr_frame_log *tr_frame_log_new(void)
{
    tr_frame_log *log = g_new0(tr_frame_log, 1);
    log->frames = g_array_new(FALSE, FALSE, sizeof(tr_logged_frame));
    return log;
}

void tr_frame_log_free(tr_frame_log *log)
{
    if (!log)
        return;
    g_array_free(log->frames, TRUE);
    g_free(log);
}

static uint32_t frame_at(const tr_frame_log *log, guint i)
{
    return g_array_index(log->frames, tr_logged_frame, i).frame;
}

/* The first index in [low, high] of a frame at or after `frame`, given that high's is. */
static guint halve(const tr_frame_log *log, uint32_t frame, guint low, guint high)
{
    while (low < high) {
        guint mid = low + (high - low) / 2;
        if (frame_at(log, mid) < frame)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

/* The index of the first frame at or after `frame` (the length when none is). Frames mostly
 * come last, and a late one close to the end: the search gallops back from the end (every
 * frame from `high` on is at or after `frame`), then halves. */
static guint place_of(const tr_frame_log *log, uint32_t frame)
{
    guint high = log->frames->len, step = 1;
    while (high > 0 && frame_at(log, high - 1) >= frame) {
        guint low = high - 1 > step ? high - 1 - step : 0;
        if (frame_at(log, low) < frame)
            return halve(log, frame, low + 1, high - 1);
        high = low;
        step *= 2;
    }
    return high;
}

void tr_frame_log_add(tr_frame_log *log, const tr_logged_frame *frame)
{
    g_array_insert_val(log->frames, place_of(log, frame->frame), *frame);
}

bool tr_frame_log_has(const tr_frame_log *log, uint32_t frame)
{
    guint i = place_of(log, frame);
    return i < log->frames->len && frame_at(log, i) == frame;
}

const tr_logged_frame *tr_frame_log_frames(const tr_frame_log *log, size_t *count)
{
    *count = log->frames->len;
    return (const tr_logged_frame *)(void *)log->frames->data;
}
