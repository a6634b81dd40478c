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
/* A zeroed finding for this frame. */
tr_finding *tr_finding_arena_take(tr_finding_arena *arena, uint32_t frame);
size_t tr_finding_arena_count(const tr_finding_arena *arena);
size_t tr_finding_arena_bytes(const tr_finding_arena *arena);

#endif
