/* SPDX-License-Identifier: GPL-2.0-or-later
 * Segments no real TCP stack sends (crafted, corrupted): they are noted, never analysed, so
 * that a broken frame is not judged as a reuse.
 */
#ifndef TCPREUSE_PLAUSIBLE_H
#define TCPREUSE_PLAUSIBLE_H

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

tr_implausible tr_segment_plausibility(const tr_segment *seg);

#endif
