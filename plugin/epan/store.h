/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: what the first pass learned about each frame, kept for every later pass.
 */
#ifndef TCPREUSE_STORE_H
#define TCPREUSE_STORE_H

#include <wireshark.h>
#include <epan/packet.h>

#include "extract.h"
#include "tcpreuse/finding.h"

/* Kept only for frames with something to show. */
typedef struct tr_frame_note {
    const tr_finding *finding;  /* owned by the engine; NULL when the frame was skipped */
    tr_extract_status skipped;  /* TR_EXTRACT_TRUNCATED, _MALFORMED or _UNREADABLE when skipped */
    const char *why;            /* TR_EXTRACT_UNREADABLE: where the walker stopped (a static text) */
} tr_frame_note;

/* First pass: remember this frame's finding (may be NULL) or why it was skipped (`why` for
 * TR_EXTRACT_UNREADABLE). Frames with neither are not stored at all. */
void tr_store_put(int proto, packet_info *pinfo, const tr_finding *finding, tr_extract_status status,
                  const char *why);

/* Any pass: what the first pass stored for this frame, or NULL. */
const tr_frame_note *tr_store_get(int proto, packet_info *pinfo);

#endif
