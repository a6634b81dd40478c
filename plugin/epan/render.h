/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: draw a frame note as tree items, expert infos and Info column tags.
 */
#ifndef TCPREUSE_RENDER_H
#define TCPREUSE_RENDER_H

#include <wireshark.h>
#include <epan/packet.h>

#include "store.h"

/* Draw on any pass (tree may be NULL: expert infos and the Info column still get their text).
 * Adds nothing at all when the note holds nothing worth showing. */
void tr_render(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto, const tr_frame_note *note);

#endif
