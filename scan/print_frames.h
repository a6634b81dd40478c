/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --frames: the frames to look at, as ranges for editcap and as a display
 * filter for Wireshark.
 */
#ifndef TCPREUSE_SCAN_PRINT_FRAMES_H
#define TCPREUSE_SCAN_PRINT_FRAMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scan.h"

/* Two lines: "frames: 28-29 55-58" (editcap's ranges) and
 * "filter: frame.number in {28..29, 55..58}", for the frames the reports show. */
void tr_print_frames(FILE *out, const tr_scan_report *report);

/* The same for a list of frame numbers in ascending order (tcpreuse-scan merge). */
void tr_print_frame_list(FILE *out, const uint32_t *frames, size_t count);

#endif
