/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the frames of a capture through the frame walker into the engine, and what
 * could not be analysed.
 */
#ifndef TCPREUSE_SCAN_SCAN_H
#define TCPREUSE_SCAN_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "capture.h"
#include "frame_log.h"
#include "shard.h"
#include "tcpreuse/engine.h"

typedef struct tr_scan tr_scan;

/* shard: the segments this scan analyses (shard.h); count 0 or 1: all. */
tr_scan *tr_scan_new(const tr_config *cfg, const tr_shard *shard);
void tr_scan_free(tr_scan *scan);

/* One frame, in capture order. A frame of a link type the walker does not read is said on
 * `notes` the first time that link type is met. */
void tr_scan_frame(tr_scan *scan, const tr_frame *frame, FILE *notes);

/* Once the capture has been read: what could not be analysed (frames the walker could not
 * read, fragments not reassembled), a line each on `notes`. */
void tr_scan_say_unanalysed(const tr_scan *scan, FILE *notes);

/* The engine's figures (tcpreuse/engine.h): socket pairs held, forgotten, frames with findings,
 * heap. */
void tr_scan_engine_stats(const tr_scan *scan, tr_engine_stats *out);

/* Whether frames were skipped because their link type is not read. */
bool tr_scan_skipped_link_types(const tr_scan *scan);

/* What the reports read: the logged frames in frame order, and where their findings are. */
typedef struct tr_scan_report {
    const tr_scan *scan;
    const tr_logged_frame *frames;
    size_t count;
    int64_t first_time_ns;  /* relative times count from it */
} tr_scan_report;

/* Once the capture has been read. */
tr_scan_report tr_scan_report_of(const tr_scan *scan);

/* A logged frame's finding as it stands once the capture has been read, into *out; false when
 * it has nothing to show (a clock hint the engine withdrew, see clock_tracker.h). */
bool tr_scan_finding(const tr_scan *scan, const tr_logged_frame *frame, tr_finding *out);

#endif
