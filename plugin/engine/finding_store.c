/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "finding_store.h"

#include <glib.h>
#include <string.h>

#include "frame_index.h"

#define CHUNK_BYTES 65536u
#define REF_UNIT 4u                                   /* records start on 4-byte boundaries */
#define REFS_PER_CHUNK (CHUNK_BYTES / REF_UNIT)
#define MAX_CHUNKS ((size_t)UINT32_MAX / REFS_PER_CHUNK) /* what 32-bit references reach */

struct tr_findings {
    uint8_t **chunks;
    size_t nchunks, capacity;
    size_t used;           /* bytes taken in the last chunk */
    size_t max_chunks;     /* what references reach (tr_findings_limit lowers it) */
    size_t dropped;        /* findings not kept since the chunks ran out */
    tr_frame_index *index; /* frame -> reference */
};

tr_findings *tr_findings_new(void)
{
    tr_findings *s = g_new0(tr_findings, 1);
    s->index = tr_frame_index_new();
    s->used = CHUNK_BYTES;  /* no chunk yet */
    s->max_chunks = MAX_CHUNKS;
    return s;
}

void tr_findings_free(tr_findings *s)
{
    if (!s)
        return;
    for (size_t c = 0; c < s->nchunks; c++)
        g_free(s->chunks[c]);
    g_free(s->chunks);
    tr_frame_index_free(s->index);
    g_free(s);
}

static uint8_t *record_at(const tr_findings *s, uint32_t ref)
{
    return s->chunks[ref / REFS_PER_CHUNK] + (size_t)(ref % REFS_PER_CHUNK) * REF_UNIT;
}

/* Room for the largest record at the end of the arena, or NULL once the references run out
 * (16 GB of records: the finding is then not kept). */
static uint8_t *room(tr_findings *s)
{
    if (CHUNK_BYTES - s->used < tr_packed_max) {
        if (s->nchunks >= s->max_chunks)
            return NULL;
        if (s->nchunks == s->capacity) {
            s->capacity = s->capacity ? s->capacity * 2 : 16;
            s->chunks = g_renew(uint8_t *, s->chunks, s->capacity);
        }
        s->chunks[s->nchunks++] = g_malloc(CHUNK_BYTES);
        s->used = 0;
    }
    return s->chunks[s->nchunks - 1] + s->used;
}

bool tr_findings_put(tr_findings *s, const tr_finding *f, uint32_t keep)
{
    uint8_t *at = room(s);
    if (!at) {
        s->dropped++;
        return false;
    }
    uint32_t ref = (uint32_t)((s->nchunks - 1) * REFS_PER_CHUNK + s->used / REF_UNIT);
    size_t size = tr_finding_pack(f, keep, at);
    s->used += (size + REF_UNIT - 1) / REF_UNIT * REF_UNIT;
    tr_frame_index_set(s->index, f->frame, ref);
    return true;
}

bool tr_findings_get(tr_findings *s, uint32_t frame, tr_finding *out)
{
    uint32_t ref;
    if (!tr_frame_index_find(s->index, frame, &ref))
        return false;
    tr_finding_unpack(record_at(s, ref), out);
    out->frame = frame;
    return true;
}

void tr_findings_update(tr_findings *s, const tr_finding *f, uint32_t part)
{
    uint32_t ref;
    if (!tr_frame_index_find(s->index, f->frame, &ref)) {
        tr_finding fresh = {.frame = f->frame};
        tr_finding_copy_blocks(&fresh, f, part);
        tr_findings_put(s, &fresh, 0);
        return;
    }
    uint8_t *record = record_at(s, ref);
    if (tr_finding_repack(record, part, f))
        return;
    /* The change needs blocks the record lacks: packed again, keeping the blocks it had. */
    uint32_t held = tr_packed_blocks(record);
    tr_finding merged;
    tr_finding_unpack(record, &merged);
    merged.frame = f->frame;
    tr_finding_copy_blocks(&merged, f, part);
    tr_findings_put(s, &merged, held);
}

size_t tr_findings_count(const tr_findings *s)
{
    return tr_frame_index_count(s->index);
}

size_t tr_findings_dropped(const tr_findings *s)
{
    return s->dropped;
}

void tr_findings_limit(tr_findings *s, size_t bytes)
{
    size_t chunks = bytes / CHUNK_BYTES;
    s->max_chunks = chunks < MAX_CHUNKS ? chunks : MAX_CHUNKS;
}

size_t tr_findings_bytes(const tr_findings *s)
{
    return sizeof *s + s->nchunks * (size_t)CHUNK_BYTES + s->capacity * sizeof s->chunks[0] +
           tr_frame_index_bytes(s->index);
}
