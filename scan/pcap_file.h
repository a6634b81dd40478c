/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: classic pcap files read in place. The file is mapped and each record read
 * where it lies, checked against the file's end: libpcap's reader (two fread() calls a record)
 * was a fifth of the scan's instructions on a busy NAT, wiretap's more (callgrind). Pages
 * already read are given back, so that the resident size does not grow with the file. Every
 * other format, compressed files and the standard input go through wiretap (capture.c).
 */
#ifndef TCPREUSE_SCAN_PCAP_FILE_H
#define TCPREUSE_SCAN_PCAP_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture.h"

typedef struct tr_pcap_file tr_pcap_file;

/* Whether `path` is a classic pcap file (its magic number, either byte order, micro- or
 * nanosecond timestamps): every record a packet, numbered as wiretap numbers them. */
bool tr_pcap_file_is_classic(const char *path);

/* NULL on failure, with *error a text to free. */
tr_pcap_file *tr_pcap_file_open(const char *path, char **error);

/* The next frame (numbered by the caller): 1; 0 at the end; -1 when the file ends inside a
 * record or a record cannot be one, with *error a text to free. */
int tr_pcap_file_next(tr_pcap_file *f, tr_frame *frame, char **error);

/* Bytes read so far and the file's size. */
void tr_pcap_file_position(const tr_pcap_file *f, int64_t *done, int64_t *total);

void tr_pcap_file_close(tr_pcap_file *f);

#endif
