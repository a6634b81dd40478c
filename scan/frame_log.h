/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the frames to report, kept while the capture is read and reported once it
 * has been read to its end (or its cut): only then are findings final, as in the plugin's
 * second pass (a SYN learns what answered it, a reset loop is known to be left open, a clock
 * hint may be withdrawn).
 */
#ifndef TCPREUSE_SCAN_FRAME_LOG_H
#define TCPREUSE_SCAN_FRAME_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "stats_rows.h"

typedef enum tr_frame_kind {
    TR_FRAME_FINDING,    /* the engine has a finding for it */
    TR_FRAME_TRUNCATED,  /* a TCP segment whose header the snap length cut: skipped */
    TR_FRAME_MALFORMED,  /* an IP or TCP header that contradicts itself: skipped */
} tr_frame_kind;

typedef struct tr_logged_frame {
    uint32_t frame;
    tr_frame_kind kind;       /* for TR_FRAME_FINDING, the engine keeps the finding */
    int64_t time_ns;
    bool has_ends;       /* false for a skipped frame whose addresses were not reached */
    tr_frame_ends ends;
} tr_logged_frame;

typedef struct tr_frame_log tr_frame_log;

tr_frame_log *tr_frame_log_new(void);
void tr_frame_log_free(tr_frame_log *log);

/* Frames are added in capture order, except a SYN that gets its finding after it was
 * processed: it is added, in its place, when that happens (shortly after, usually: the
 * search for its place starts from the end). */
void tr_frame_log_add(tr_frame_log *log, const tr_logged_frame *frame);

/* Whether the frame has been added. */
bool tr_frame_log_has(const tr_frame_log *log, uint32_t frame);

/* The frames in frame order. */
const tr_logged_frame *tr_frame_log_frames(const tr_frame_log *log, size_t *count);

#endif
