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
    const tr_finding *finding;  /* decoded from the engine for this dissection; NULL when none */
    tr_extract_status skipped;  /* TR_EXTRACT_TRUNCATED or _MALFORMED when skipped */
} tr_frame_note;

/* First pass: remember that this frame was skipped (status TR_EXTRACT_TRUNCATED or
 * _MALFORMED); other frames store nothing. */
void tr_store_put(int proto, packet_info *pinfo, tr_extract_status status);

/* Any pass: TR_EXTRACT_TRUNCATED or _MALFORMED when the first pass skipped this frame, else
 * TR_EXTRACT_NONE. */
tr_extract_status tr_store_skipped(int proto, packet_info *pinfo);

#endif
