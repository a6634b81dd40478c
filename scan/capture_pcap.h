/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan -i: a live capture through libpcap, with live_filter.h's filter and snap length.
 */
#ifndef TCPREUSE_SCAN_CAPTURE_PCAP_H
#define TCPREUSE_SCAN_CAPTURE_PCAP_H

#include <stdbool.h>

#include "capture.h"

typedef struct tr_pcap_source tr_pcap_source;

/* A live capture on `interface` with live_filter.h's snap length and filter. */
tr_pcap_source *tr_pcap_open_live(const char *interface, bool control_only, char **error);

/* The next frame (numbered by the caller): 1; 0 once stopped; -1 on an error, with *error a
 * text to free. */
int tr_pcap_next(tr_pcap_source *s, tr_frame *frame, char **error);

/* Makes the current or next tr_pcap_next() return 0: safe in a signal handler. */
void tr_pcap_stop(tr_pcap_source *s);

/* Frames the kernel or the interface dropped so far. */
unsigned tr_pcap_dropped(tr_pcap_source *s);

void tr_pcap_close(tr_pcap_source *s);

#endif
