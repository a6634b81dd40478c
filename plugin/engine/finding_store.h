/* SPDX-License-Identifier: GPL-2.0-or-later
 * Every flagged frame's finding, for the life of the engine: packed (finding_pack.h: a 4-byte
 * block mask and only the blocks the frame uses) into a bump arena of fixed chunks, and found
 * by frame number (frame_index.h). Nothing is allocated per finding, and chunks never move, so
 * a record's 32-bit reference (its offset in 4-byte units: 16 GB of records) stays valid.
 *
 * A record is written once, when its frame has been processed. A later frame that changes it
 * (tr_findings_update) writes in place when the record has the blocks the change needs; else
 * the record is packed again, with them, at the arena's end, and its old copy is left unused.
 * The engine keeps room for the one common change (a SYN's answer) when it adds the SYN.
 */
#ifndef TCPREUSE_FINDING_STORE_H
#define TCPREUSE_FINDING_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding_pack.h"
#include "tcpreuse/finding.h"

typedef struct tr_findings tr_findings;

tr_findings *tr_findings_new(void);
void tr_findings_free(tr_findings *s);

/* Keeps f as the finding of frame f->frame; `keep`: blocks to keep even while empty, for what
 * later frames will write there (TR_PART_* sets). False when it could not be kept (the
 * references ran out; counted by tr_findings_dropped). */
bool tr_findings_put(tr_findings *s, const tr_finding *f, uint32_t keep);

/* The finding of a frame, decoded into *out; false (*out untouched) when it has none. */
bool tr_findings_get(tr_findings *s, uint32_t frame, tr_finding *out);

/* A later frame changes an earlier one's finding: the members of `part` (a TR_PART_* set) in
 * frame f->frame's finding become f's (the frame gets a finding if it had none). */
void tr_findings_update(tr_findings *s, const tr_finding *f, uint32_t part);

size_t tr_findings_count(const tr_findings *s);
/* Findings not kept (put or moved by an update) since the records reached what 32-bit
 * references address (16 GB): the frames' findings are then lost, and the user must be told. */
size_t tr_findings_dropped(const tr_findings *s);
/* For tests: no more than `bytes` of records (whole 64 kB chunks; default 16 GB). */
void tr_findings_limit(tr_findings *s, size_t bytes);
/* The heap it holds: the chunks (their unused tails included) and the index. */
size_t tr_findings_bytes(const tr_findings *s);

#endif
