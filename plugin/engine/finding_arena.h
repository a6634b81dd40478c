/* SPDX-License-Identifier: GPL-2.0-or-later
 * Findings live in fixed-size blocks so their addresses never move: the glue keeps
 * pointers to them per frame, and the engine writes back-references into old ones.
 */
#ifndef TCPREUSE_FINDING_ARENA_H
#define TCPREUSE_FINDING_ARENA_H

#include <stddef.h>

#include "tcpreuse/finding.h"

typedef struct tr_finding_arena tr_finding_arena;

tr_finding_arena *tr_finding_arena_new(void);
void tr_finding_arena_free(tr_finding_arena *arena);
/* The frame's finding: *finding when the frame has one already, else a zeroed one taken
 * from the arena and stored in *finding. */
tr_finding *tr_finding_arena_ensure(tr_finding_arena *arena, tr_finding **finding, uint32_t frame);
size_t tr_finding_arena_count(const tr_finding_arena *arena);
size_t tr_finding_arena_bytes(const tr_finding_arena *arena);

#endif
