/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: why the first pass skipped a frame, kept for every later pass.
 *
 * The status hangs off the frame itself (p_add_proto_data with file scope, the value in the
 * pointer: nothing allocated; an unreadable frame's reason is a static text under a second
 * key), so it lives as long as the capture file and goes away on a redissection, when the
 * engine is rebuilt as well.
 */
#include "store.h"

#include <epan/proto_data.h>

enum { SKIPPED_KEY = 0, WHY_KEY = 1 };

tr_extract_status tr_store_put(int proto, packet_info *pinfo, tr_extract_status status, const char *why)
{
    if (status != TR_EXTRACT_TRUNCATED && status != TR_EXTRACT_MALFORMED && status != TR_EXTRACT_UNREADABLE)
        return TR_EXTRACT_NONE;
    p_add_proto_data(wmem_file_scope(), pinfo, proto, SKIPPED_KEY, GUINT_TO_POINTER(status));
    if (status == TR_EXTRACT_UNREADABLE)
        p_add_proto_data(wmem_file_scope(), pinfo, proto, WHY_KEY, (gpointer)why);
    return status;
}

tr_extract_status tr_store_skipped(int proto, packet_info *pinfo)
{
    return (tr_extract_status)GPOINTER_TO_UINT(p_get_proto_data(wmem_file_scope(), pinfo, proto, SKIPPED_KEY));
}

const char *tr_store_why(int proto, packet_info *pinfo)
{
    return p_get_proto_data(wmem_file_scope(), pinfo, proto, WHY_KEY);
}
