/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: a capture file read frame by frame through libwiretap, Wireshark's own
 * capture library: every format Wireshark reads, compressed or not, or the standard input.
 */
#ifndef TCPREUSE_SCAN_CAPTURE_H
#define TCPREUSE_SCAN_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "frame_walk.h"

typedef struct tr_capture tr_capture;

/* One record of the file. Every record counts as a frame, as Wireshark numbers them. */
typedef struct tr_frame {
    uint32_t number;        /* 1-based */
    bool is_packet;         /* a packet (not an event, a log line or a custom block) */
    int encap;              /* its wiretap encapsulation (WTAP_ENCAP_*) */
    tr_link link;           /* the walker's link type for it, TR_LINK_UNKNOWN if it has none */
    const uint8_t *bytes;   /* valid until the next read */
    uint32_t captured, on_wire;
    int64_t time_ns;        /* since the epoch */
} tr_frame;

/* Once, before anything else. */
void tr_capture_library_init(void);

/* Opens `path` ("-": the standard input). NULL on failure, with *error a text to free. */
tr_capture *tr_capture_open(const char *path, char **error);

/* The same, always through wiretap: its records can be copied (capture_wtap.h). */
tr_capture *tr_capture_open_wiretap(const char *path, char **error);

/* A live capture through libpcap (capture_pcap.h, live_filter.h), read until tr_capture_stop(). */
tr_capture *tr_capture_open_live(const char *interface, bool control_only, char **error);

/* Ends a live capture: the next tr_capture_next() returns false, without an error. Safe in a
 * signal handler. Nothing for a file. */
void tr_capture_stop(tr_capture *cap);

/* How far into the file the reading is, in bytes (of the file as stored: compressed, for a
 * compressed one); false for a live capture or the standard input. */
bool tr_capture_position(tr_capture *cap, int64_t *done, int64_t *total);

/* Frames the kernel or the interface dropped during a live capture. */
unsigned tr_capture_dropped(tr_capture *cap);

/* The next frame; false at the end of the file or at an error (see tr_capture_error). */
bool tr_capture_next(tr_capture *cap, tr_frame *frame);

/* After tr_capture_next() returned false: NULL when the file was read to its end, else why
 * it could not be (cut short, damaged, an I/O error), a text owned by the capture. */
const char *tr_capture_error(const tr_capture *cap);

/* The frames read so far. */
uint32_t tr_capture_frames(const tr_capture *cap);

void tr_capture_close(tr_capture *cap);

/* A wiretap encapsulation's name for messages, e.g. "IEEE 802.11 Wireless LAN (ieee-802-11)";
 * a text to free. */
char *tr_capture_encap_text(int encap);

#endif
