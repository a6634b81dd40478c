/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the few Wireshark API differences between 4.0 and 4.6 that the glue meets.
 * Include after <wireshark.h> (which provides ws_version.h).
 */
#ifndef TCPREUSE_WS_COMPAT_H
#define TCPREUSE_WS_COMPAT_H

#include <epan/packet.h>

#define TR_WS_AT_LEAST(major, minor)                                         \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                    \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* prefs_register_bool_preference() stores through gboolean* (an int) before 4.4 and
 * through bool* from 4.4 on; the storage must match or the pref writes the wrong width. */
#if TR_WS_AT_LEAST(4, 4)
typedef bool tr_pref_bool;
#else
typedef gboolean tr_pref_bool;
#endif

/* The tvb of the frame's data source named `name`, or NULL: 4.6 replaced
 * get_data_source_tvb_by_name() with get_data_source_by_name() and get_data_source_tvb(). */
static inline tvbuff_t *tr_data_source_tvb(packet_info *pinfo, const char *name)
{
#if TR_WS_AT_LEAST(4, 6)
    struct data_source *source = get_data_source_by_name(pinfo, name);
    return source ? get_data_source_tvb(source) : NULL;
#else
    return get_data_source_tvb_by_name(pinfo, name);
#endif
}

#endif
