/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: what the first pass learned about each frame, kept for every later pass: the
 * engine keeps the findings (tr_engine_finding_of); this keeps why a frame was skipped.
 */
#ifndef TCPREUSE_STORE_H
#define TCPREUSE_STORE_H

#include <wireshark.h>
#include <epan/packet.h>

#include "extract.h"
#include "tcpreuse/finding.h"

/* What tcpreuse has to show for a frame, on one dissection. */
typedef struct tr_frame_note {
    const tr_finding *finding;  /* the engine's for this dissection; NULL when none */
    tr_extract_status skipped;  /* TR_EXTRACT_TRUNCATED, _MALFORMED or _UNREADABLE when skipped */
    const char *why;            /* TR_EXTRACT_UNREADABLE: where the walker stopped (a static text) */
} tr_frame_note;

/* First pass: remember that this frame was skipped (status TR_EXTRACT_TRUNCATED, _MALFORMED,
 * or _UNREADABLE with `why`, a static text); other frames store nothing. Returns what
 * tr_store_skipped() will say for the frame. */
tr_extract_status tr_store_put(int proto, packet_info *pinfo, tr_extract_status status, const char *why);

/* Any pass: TR_EXTRACT_TRUNCATED, _MALFORMED or _UNREADABLE when the first pass skipped this
 * frame, else TR_EXTRACT_NONE. */
tr_extract_status tr_store_skipped(int proto, packet_info *pinfo);

/* Any pass, for a frame skipped as TR_EXTRACT_UNREADABLE: where the walker stopped. */
const char *tr_store_why(int proto, packet_info *pinfo);

#endif
