/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "frame_log.h"

#include <glib.h>

struct tr_frame_log {
    GArray *frames;     /* tr_logged_frame */
    bool out_of_order;  /* a late frame was added */
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

void tr_frame_log_add(tr_frame_log *log, const tr_logged_frame *frame)
{
    guint n = log->frames->len;
    if (n && g_array_index(log->frames, tr_logged_frame, n - 1).frame > frame->frame)
        log->out_of_order = true;
    g_array_append_val(log->frames, *frame);
}

static gint by_frame(gconstpointer a, gconstpointer b)
{
    uint32_t x = ((const tr_logged_frame *)a)->frame, y = ((const tr_logged_frame *)b)->frame;
    return x < y ? -1 : x > y;
}

const tr_logged_frame *tr_frame_log_sorted(tr_frame_log *log, size_t *count)
{
    if (log->out_of_order)
        g_array_sort(log->frames, by_frame);
    log->out_of_order = false;
    *count = log->frames->len;
    return (const tr_logged_frame *)(void *)log->frames->data;
}
