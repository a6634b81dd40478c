/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the symbols Wireshark's plugin loader looks for (the only ones this module exports).
 *
 * 4.0 to 4.6 load plugins through plugin_version, plugin_want_major/minor and
 * plugin_register; 4.4 added the optional plugin_describe.
 */
#define WS_BUILD_DLL /* WS_DLL_PUBLIC now means "exported from this module" */
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/tap.h>

#include "proto.h"
#include "stats.h"
#include "ws_compat.h"

#if TR_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h> /* not installed before 4.4 */
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = TCPREUSE_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plugin = { .register_protoinfo = tr_proto_register, .register_handoff = NULL };
    static tap_plugin stats = { .register_tap_listener = tr_stats_register_tree };
    proto_register_plugin(&plugin);
    tap_register_plugin(&stats);
}

#if TR_WS_AT_LEAST(4, 4)
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
