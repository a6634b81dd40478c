/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: a progress line on the terminal while a long capture is read (frames, frames
 * with findings, frames per second, how far into the file), redrawn about twice a second, and
 * only when stderr is a terminal: in a pipe or a log it would be noise.
 */
#ifndef TCPREUSE_SCAN_PROGRESS_H
#define TCPREUSE_SCAN_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

#include "capture.h"
#include "scan.h"

typedef struct tr_progress tr_progress;

/* NULL (and every call below does nothing) when `tty` is not a terminal. */
tr_progress *tr_progress_new(FILE *tty, tr_capture *cap, const tr_scan *scan);

/* After each frame: cheap, it looks at the clock once every few thousand frames. */
void tr_progress_frame(tr_progress *p, uint32_t frames);

/* Takes the line away, before anything else is written to the terminal, and frees p. */
void tr_progress_end(tr_progress *p);

#endif
