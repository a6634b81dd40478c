/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: what the first pass learned about each frame, kept for every later pass.
 *
 * The note hangs off the frame itself (p_add_proto_data with file scope), so it lives as long
 * as the capture file and goes away on a redissection, when the engine is rebuilt as well.
 */
#include "store.h"

#include <epan/proto_data.h>

enum { NOTE_KEY = 0 };

void tr_store_put(int proto, packet_info *pinfo, const tr_finding *finding, tr_extract_status status,
                  const char *why)
{
    bool skipped = status == TR_EXTRACT_TRUNCATED || status == TR_EXTRACT_MALFORMED ||
                   status == TR_EXTRACT_UNREADABLE;
    if (!finding && !skipped)
        return;
    tr_frame_note *note = wmem_new(wmem_file_scope(), tr_frame_note);
    note->finding = finding;
    note->skipped = skipped ? status : TR_EXTRACT_NONE;
    note->why = status == TR_EXTRACT_UNREADABLE ? why : NULL;
    p_add_proto_data(wmem_file_scope(), pinfo, proto, NOTE_KEY, note);
}

const tr_frame_note *tr_store_get(int proto, packet_info *pinfo)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, proto, NOTE_KEY);
}
