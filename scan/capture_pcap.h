/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: captures read through libpcap: classic pcap files (libpcap reads a record in
 * a fraction of what wiretap's reader costs: a tenth of the scan of a busy NAT went into
 * wiretap's per-record option blocks, callgrind) and live interfaces (-i). Every other format,
 * compressed files and the standard input go through wiretap (capture.c).
 */
#ifndef TCPREUSE_SCAN_CAPTURE_PCAP_H
#define TCPREUSE_SCAN_CAPTURE_PCAP_H

#include <stdbool.h>

#include "capture.h"

typedef struct tr_pcap_source tr_pcap_source;

/* Whether `path` is a classic pcap file (its magic number, either byte order, micro- or
 * nanosecond), which libpcap reads frame for frame as wiretap does. */
bool tr_pcap_file_is_classic(const char *path);

tr_pcap_source *tr_pcap_open_file(const char *path, char **error);

/* A live capture on `interface` with the capture filter `filter` (BPF syntax; NULL or "" for
 * none), snap length `snaplen`. */
tr_pcap_source *tr_pcap_open_live(const char *interface, const char *filter, int snaplen, char **error);

/* The next frame (numbered by the caller): 1; 0 at the end of a file or when stopped; -1 on an
 * error, with *error a text to free. */
int tr_pcap_next(tr_pcap_source *s, tr_frame *frame, char **error);

/* Makes the current or next tr_pcap_next() return 0: safe in a signal handler. */
void tr_pcap_stop(tr_pcap_source *s);

/* A file's position and size (capture.h: tr_capture_position). */
bool tr_pcap_position(tr_pcap_source *s, int64_t *done, int64_t *total);

/* Frames the kernel or the interface dropped during a live capture (0 for a file). */
unsigned tr_pcap_dropped(tr_pcap_source *s);

void tr_pcap_close(tr_pcap_source *s);

#endif
