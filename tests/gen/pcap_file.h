/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: writes the classic pcap format (little-endian, nanosecond
 * timestamps, link type Ethernet), with no dependency on libpcap.
 */
#ifndef PCAPGEN_PCAP_FILE_H
#define PCAPGEN_PCAP_FILE_H

#include <stdint.h>

typedef struct pcap_file pcap_file;

/* Creates path and writes the file header; NULL (errno set) on failure. */
pcap_file *pcap_file_create(const char *path, uint32_t snaplen);

/* Appends one record: the first captured_len bytes of a frame of frame_len bytes. */
int pcap_file_write(pcap_file *f, int64_t time_ns, const uint8_t *frame, uint32_t frame_len,
                    uint32_t captured_len);

/* Flushes and closes; returns 0, or -1 when any write failed. */
int pcap_file_close(pcap_file *f);

#endif
