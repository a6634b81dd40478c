/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the protocol, its preferences and its post-dissector.
 */
#ifndef TCPREUSE_PROTO_H
#define TCPREUSE_PROTO_H

/* proto_plugin.register_protoinfo: protocol, fields, preferences, post-dissector, init/cleanup. */
void tr_proto_register(void);

#endif
