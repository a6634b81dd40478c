/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "finding_arena.h"

#include <glib.h>

#define TR_ARENA_BLOCK 1024

struct tr_finding_arena {
    GPtrArray *blocks;  /* each TR_ARENA_BLOCK findings */
    size_t used_in_last;
    size_t count;
};

tr_finding_arena *tr_finding_arena_new(void)
{
    tr_finding_arena *arena = g_new0(tr_finding_arena, 1);
    arena->blocks = g_ptr_array_new_with_free_func(g_free);
    arena->used_in_last = TR_ARENA_BLOCK;
    return arena;
}

void tr_finding_arena_free(tr_finding_arena *arena)
{
    if (!arena)
        return;
    g_ptr_array_free(arena->blocks, TRUE);
    g_free(arena);
}

static tr_finding *take(tr_finding_arena *arena, uint32_t frame)
{
    if (arena->used_in_last == TR_ARENA_BLOCK) {
        g_ptr_array_add(arena->blocks, g_new0(tr_finding, TR_ARENA_BLOCK));
        arena->used_in_last = 0;
    }
    tr_finding *block = g_ptr_array_index(arena->blocks, arena->blocks->len - 1);
    tr_finding *f = &block[arena->used_in_last++];
    f->frame = frame;
    arena->count++;
    return f;
}

tr_finding *tr_finding_arena_ensure(tr_finding_arena *arena, tr_finding **finding, uint32_t frame)
{
    if (!*finding)
        *finding = take(arena, frame);
    return *finding;
}

size_t tr_finding_arena_count(const tr_finding_arena *arena)
{
    return arena->count;
}

size_t tr_finding_arena_bytes(const tr_finding_arena *arena)
{
    return arena->blocks->len * (size_t)TR_ARENA_BLOCK * sizeof(tr_finding);
}
