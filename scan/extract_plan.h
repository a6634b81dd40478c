/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan -w: which frames the extract holds. For each 4-tuple with a finding, every
 * frame of that 4-tuple from the first frame of the earliest session its findings rest on (the
 * previous session of a reusing SYN, the session whose numbers a stale ACK carries, the
 * connection an RST ends, the SYN a reset loop began with...) to the end of the session of its
 * last finding: up to the next connection on the 4-tuple (a SYN with a new ISN) or the end of
 * the capture. So the plugin on the extract sees each such 4-tuple's history as it was, and
 * finds there what it found in the whole capture; see README.md for what rests on other
 * 4-tuples (clocks, port pools, ECN paths). Frames skipped as truncated or malformed are kept
 * alone, so that the extract shows them too.
 */
#ifndef TCPREUSE_SCAN_EXTRACT_PLAN_H
#define TCPREUSE_SCAN_EXTRACT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "tcpreuse/segment.h"

typedef struct tr_extract_plan tr_extract_plan;

/* From the report of the whole capture. */
tr_extract_plan *tr_extract_plan_new(const tr_scan_report *report);
void tr_extract_plan_free(tr_extract_plan *plan);

/* The 4-tuples the extract holds. */
size_t tr_extract_plan_connections(const tr_extract_plan *plan);

/* Whether the extract holds this frame. Frames come in capture order, each once; `seg` is the
 * frame's TCP segment (frame_walk.h), NULL when it has none. */
bool tr_extract_plan_keeps(tr_extract_plan *plan, uint32_t frame, const tr_segment *seg);

#endif
