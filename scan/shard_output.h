/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --shard K/N: what a shard prints, for `tcpreuse-scan merge` (merge.h) to put
 * together with the other shards' into exactly what one process prints. JSON lines:
 *
 *   {"tcpreuse_scan_shard":"K/N","reports":"findings summary frames","engine":"time_wait=60 ..."}
 *   {"frame":F,...}            a frame's findings, as --json prints them, in frame order
 *   {"stats":[[["Heading","row"],null],[["Heading"],0.25],...]}
 *                              after a frame that the summary counts (when it was asked for):
 *                              the rows it counts in, in the order it counts them (null: an
 *                              event; a number: an event and its value, with 17 digits)
 *   {"tcpreuse_scan_shard_end":"K/N","frames":N,"first_time_ns":T,"status":S}
 *                              the end: frames read, the first frame's time, the exit status
 *
 * "reports" names what one process would print (the findings as JSON lines, the summary, the
 * frame ranges); the findings' lines are there whatever it names, for the merge to order the
 * rows and list the frames. The merge replays the rows in frame order across the shards, so
 * that the summary's totals are added in the order one process adds them: the same digits.
 */
#ifndef TCPREUSE_SCAN_SHARD_OUTPUT_H
#define TCPREUSE_SCAN_SHARD_OUTPUT_H

#include <stdint.h>
#include <stdio.h>

#include "options.h"
#include "scan.h"

#define TR_SHARD_HEADER_START "{\"tcpreuse_scan_shard\":"
#define TR_SHARD_FINDING_START "{\"frame\":"
#define TR_SHARD_STATS_START "{\"stats\":["
#define TR_SHARD_END_START "{\"tcpreuse_scan_shard_end\":"

/* The words of "reports". */
#define TR_SHARD_REPORT_FINDINGS "findings"
#define TR_SHARD_REPORT_SUMMARY "summary"
#define TR_SHARD_REPORT_FRAMES "frames"

/* The whole output of a shard: `frames_read` frames, the capture's exit status `status`. */
void tr_print_shard_output(FILE *out, const tr_options *opt, const tr_scan_report *report, uint32_t frames_read,
                           int status);

#endif
