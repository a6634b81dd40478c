/* SPDX-License-Identifier: GPL-2.0-or-later
 * The benchmarks' capture reader: a classic pcap file's TCP segments, read with the plugin's
 * frame walker (plugin/wire/frame_walk.h) before anything is timed. Fragments are not
 * reassembled: frames without a segment of their own the walker reads are counted as skipped,
 * not guessed.
 */
#ifndef TCPREUSE_BENCH_PCAP_SEGMENTS_H
#define TCPREUSE_BENCH_PCAP_SEGMENTS_H

#include <stddef.h>

#include "tcpreuse/segment.h"

/* Reads FILE's TCP segments into a new array (free() it); returns their count, or -1 if the
 * file cannot be read. *frames gets the number of frames, *skipped those without a segment. */
long tr_bench_load_pcap(const char *path, tr_segment **out, size_t *frames, size_t *skipped);

#endif
