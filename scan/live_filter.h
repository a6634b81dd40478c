/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan -i: the capture filter and snap length of a live capture, and what they keep.
 *
 * By default every TCP segment is kept but cut to its headers (TR_LIVE_SNAPLEN bytes: the
 * engine reads the payload's length from the IP header, never the payload): a busy server's
 * capture shrinks by the data it carries, and the findings are those of the full capture
 * (tests/scan/check_live_filter.sh, every committed capture and the lab's).
 *
 * --control-only keeps only SYN, FIN and RST segments and the ACKs without payload, which
 * also leaves out the data segments' frames: fewer frames to analyse, but what rests on data
 * segments is lost (README.md, tcpreuse-scan -i, lists it as measured).
 *
 * Both keep whole what the filter does not look into: IPv6 with extension headers, IP-in-IP,
 * 6in4 and GRE tunnels, and on Ethernet PPPoE and MPLS. On Ethernet, one and two VLAN tags are
 * looked through; other link types get the filter without them (libpcap has no VLAN there).
 */
#ifndef TCPREUSE_SCAN_LIVE_FILTER_H
#define TCPREUSE_SCAN_LIVE_FILTER_H

#include <stdbool.h>

/* Ethernet 14 + two VLAN tags 8 + outer IPv6 40 + GRE 16 or IPv6 extension headers, inner
 * IPv6 40, TCP 60: the deepest header stack the walker reads fits. */
#define TR_LIVE_SNAPLEN 256

/* The filter, a text to free. ethernet: the form with VLAN, QinQ, PPPoE and MPLS. */
char *tr_live_filter(bool control_only, bool ethernet);

#endif
