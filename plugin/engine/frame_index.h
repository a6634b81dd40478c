/* SPDX-License-Identifier: GPL-2.0-or-later
 * Frame number -> 32-bit reference, for the frames that have a finding (finding_store.h).
 *
 * Findings come in frame order, except late ones (an earlier SYN learning what answered it),
 * so the index is one sorted array cut in pages: adding after the last frame is an append;
 * a late frame is inserted into its page, moving at most one page's entries (a full page is
 * split where the frame goes). A lookup searches the pages' first frames (an array of their
 * own), then the page; frames in the newest page (the engine's changes to recent frames) go
 * straight to it, and frames looked up in order (tshark's second pass, scrolling) are checked
 * next to the previous one first.
 */
#ifndef TCPREUSE_FRAME_INDEX_H
#define TCPREUSE_FRAME_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tr_frame_index tr_frame_index;

tr_frame_index *tr_frame_index_new(void);
void tr_frame_index_free(tr_frame_index *ix);

/* The reference kept for frame; false when it has none. (Not const: it remembers where it
 * looked, for the next lookup.) */
bool tr_frame_index_find(tr_frame_index *ix, uint32_t frame, uint32_t *ref);

/* Keeps ref for frame, replacing the one it had. */
void tr_frame_index_set(tr_frame_index *ix, uint32_t frame, uint32_t ref);

size_t tr_frame_index_count(const tr_frame_index *ix);
size_t tr_frame_index_bytes(const tr_frame_index *ix);

#endif
