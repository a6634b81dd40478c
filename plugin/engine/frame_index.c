/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "frame_index.h"

#include <glib.h>
#include <string.h>

#define PAGE_ENTRIES 1024u

typedef struct index_entry {
    uint32_t frame, ref;
} index_entry;

/* Never empty; every frame in a page is below every frame of the next page. */
typedef struct index_page {
    uint32_t len;
    index_entry entry[PAGE_ENTRIES];
} index_page;

struct tr_frame_index {
    index_page **pages;
    uint32_t *firsts;       /* each page's first frame, searched without reading the pages (a page
                               a cache miss each: issue 10) */
    size_t npages, capacity;
    size_t count;
    /* The entry the last lookup ended on (found, or the last one before the frame). */
    size_t hint_page;
    uint32_t hint_entry;
};

tr_frame_index *tr_frame_index_new(void)
{
    return g_new0(tr_frame_index, 1);
}

void tr_frame_index_free(tr_frame_index *ix)
{
    if (!ix)
        return;
    for (size_t p = 0; p < ix->npages; p++)
        g_free(ix->pages[p]);
    g_free(ix->pages);
    g_free(ix->firsts);
    g_free(ix);
}

/* A page holding one entry, put in the page list at position p. */
static void insert_page(tr_frame_index *ix, size_t p, index_page *page)
{
    if (ix->npages == ix->capacity) {
        ix->capacity = ix->capacity ? ix->capacity * 2 : 16;
        ix->pages = g_renew(index_page *, ix->pages, ix->capacity);
        ix->firsts = g_renew(uint32_t, ix->firsts, ix->capacity);
    }
    memmove(ix->pages + p + 1, ix->pages + p, (ix->npages - p) * sizeof ix->pages[0]);
    memmove(ix->firsts + p + 1, ix->firsts + p, (ix->npages - p) * sizeof ix->firsts[0]);
    ix->pages[p] = page;
    ix->firsts[p] = page->entry[0].frame;
    ix->npages++;
}

static index_page *page_with(uint32_t frame, uint32_t ref)
{
    index_page *page = g_malloc(sizeof *page);
    page->len = 1;
    page->entry[0] = (index_entry){frame, ref};
    return page;
}

/* The last page whose first frame is at most frame (the first page when none is). */
static size_t page_of(const tr_frame_index *ix, uint32_t frame)
{
    size_t lo = 0, hi = ix->npages;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->firsts[mid] <= frame)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The position of the first entry of the page at or after frame (len when there is none). */
static uint32_t entry_of(const index_page *page, uint32_t frame)
{
    uint32_t lo = 0, hi = page->len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (page->entry[mid].frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The hint's entry and the one after it, when frame lies in [hint, next]: then *found says
 * whether one of them is the frame's (and moves the hint onto it). */
static bool near_hint(tr_frame_index *ix, uint32_t frame, uint32_t *ref, bool *found)
{
    if (ix->hint_page >= ix->npages || ix->hint_entry >= ix->pages[ix->hint_page]->len)
        return false;  /* the pages changed since */
    const index_page *page = ix->pages[ix->hint_page];
    const index_entry *at = &page->entry[ix->hint_entry];
    if (at->frame == frame) {
        *ref = at->ref;
        *found = true;
        return true;
    }
    if (at->frame > frame)
        return false;
    size_t next_page = ix->hint_page;
    uint32_t next_entry = ix->hint_entry + 1;
    if (next_entry == page->len) {
        next_page++;
        next_entry = 0;
    }
    if (next_page == ix->npages) {
        *found = false;  /* after the last frame kept */
        return true;
    }
    const index_entry *next = &ix->pages[next_page]->entry[next_entry];
    if (next->frame < frame)
        return false;
    *found = next->frame == frame;
    if (*found) {
        *ref = next->ref;
        ix->hint_page = next_page;
        ix->hint_entry = next_entry;
    }
    return true;
}

bool tr_frame_index_find(tr_frame_index *ix, uint32_t frame, uint32_t *ref)
{
    if (ix->npages == 0)
        return false;
    /* The newest frame, or after it: the engine changing the finding it just kept (a SYN
     * learning its answer), the first pass showing the frame it just processed. */
    const index_page *last = ix->pages[ix->npages - 1];
    const index_entry *newest = &last->entry[last->len - 1];
    if (frame >= newest->frame) {
        if (frame == newest->frame)
            *ref = newest->ref;
        return frame == newest->frame;
    }
    /* Then the newest page: the engine's changes to recent frames (a SYN learning its answer
     * a few hundred frames later) land there, in entries written lately. */
    bool in_newest_page = frame >= ix->firsts[ix->npages - 1];
    bool found;
    if (!in_newest_page && near_hint(ix, frame, ref, &found))
        return found;
    size_t p = in_newest_page ? ix->npages - 1 : page_of(ix, frame);
    const index_page *page = ix->pages[p];
    uint32_t e = entry_of(page, frame);
    found = e < page->len && page->entry[e].frame == frame;
    if (found)
        *ref = page->entry[e].ref;
    /* The hint: this frame's entry, else the last one before it (none: the first entry). */
    ix->hint_page = p;
    ix->hint_entry = found || e == 0 ? e : e - 1;
    return found;
}

void tr_frame_index_set(tr_frame_index *ix, uint32_t frame, uint32_t ref)
{
    index_page *last = ix->npages ? ix->pages[ix->npages - 1] : NULL;
    if (!last || last->entry[last->len - 1].frame < frame) {
        /* The usual case: after every frame kept so far. */
        if (last && last->len < PAGE_ENTRIES)
            last->entry[last->len++] = (index_entry){frame, ref};
        else
            insert_page(ix, ix->npages, page_with(frame, ref));
        ix->count++;
        return;
    }
    size_t p = page_of(ix, frame);
    index_page *page = ix->pages[p];
    uint32_t e = entry_of(page, frame);
    if (e < page->len && page->entry[e].frame == frame) {
        page->entry[e].ref = ref;
        return;
    }
    ix->count++;
    if (e == 0)
        ix->firsts[p] = frame;  /* before every frame kept (page_of then gave the first page) */
    if (page->len < PAGE_ENTRIES) {
        memmove(page->entry + e + 1, page->entry + e, (page->len - e) * sizeof page->entry[0]);
        page->entry[e] = (index_entry){frame, ref};
        page->len++;
        return;
    }
    if (e == page->len) {
        /* Full, and the frame goes after its last entry (before the next page's first). */
        insert_page(ix, p + 1, page_with(frame, ref));
        return;
    }
    /* Full: the entries after the frame go to a new page, and the frame ends this one. */
    index_page *rest = g_malloc(sizeof *rest);
    rest->len = page->len - e;
    memcpy(rest->entry, page->entry + e, rest->len * sizeof page->entry[0]);
    page->entry[e] = (index_entry){frame, ref};
    page->len = e + 1;
    insert_page(ix, p + 1, rest);
}

size_t tr_frame_index_count(const tr_frame_index *ix)
{
    return ix->count;
}

size_t tr_frame_index_bytes(const tr_frame_index *ix)
{
    return sizeof *ix + ix->npages * sizeof(index_page) + ix->capacity * (sizeof ix->pages[0] + sizeof ix->firsts[0]);
}
