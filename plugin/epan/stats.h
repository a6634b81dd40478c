/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the statistics tree (Statistics > TCP Socket-Pair Reuse; tshark -z tcpreuse,tree).
 */
#ifndef TCPREUSE_STATS_H
#define TCPREUSE_STATS_H

#include <wireshark.h>
#include <epan/packet.h>

#include "tcpreuse/finding.h"

/* The tap the post-dissector feeds; call from the protocol's registration. */
void tr_stats_register_tap(void);

/* Hand one frame's finding (NULL or empty: none) to the tap, when one listens (on every pass:
 * taps only run on some); it is copied. */
void tr_stats_queue(packet_info *pinfo, const tr_finding *finding);

/* The stats tree; called by Wireshark through the tap plugin registration. */
void tr_stats_register_tree(void);

#endif
