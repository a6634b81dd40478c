/* SPDX-License-Identifier: GPL-2.0-or-later
 * The benchmarks' capture reader (pcap_segments.h).
 */
#include "pcap_segments.h"

#include <stdio.h>
#include <stdlib.h>

#include "frame_walk.h"

static uint32_t swap32(uint32_t v)
{
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

long tr_bench_load_pcap(const char *path, tr_segment **out, size_t *frames, size_t *skipped)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    uint32_t gh[6];
    if (fread(gh, 4, 6, f) != 6) {
        fprintf(stderr, "%s: not a pcap file\n", path);
        fclose(f);
        return -1;
    }
    int swapped = 0;
    int64_t frac_ns;
    switch (gh[0]) {
    case 0xa1b2c3d4u: frac_ns = 1000; break;
    case 0xa1b23c4du: frac_ns = 1; break;
    case 0xd4c3b2a1u: frac_ns = 1000; swapped = 1; break;
    case 0x4d3cb2a1u: frac_ns = 1; swapped = 1; break;
    default:
        fprintf(stderr, "%s: not a classic pcap file (pcapng: convert with editcap -F pcap)\n", path);
        fclose(f);
        return -1;
    }
    tr_link link = tr_link_from_pcap((swapped ? swap32(gh[5]) : gh[5]) & 0xffff);
    size_t cap = 1 << 16, n = 0;
    tr_segment *segs = malloc(cap * sizeof *segs);
    uint8_t *buf = malloc(1 << 18);
    uint32_t rh[4];
    *frames = *skipped = 0;
    while (segs && buf && fread(rh, 4, 4, f) == 4) {
        for (int i = 0; swapped && i < 4; i++)
            rh[i] = swap32(rh[i]);
        uint32_t caplen = rh[2];
        if (caplen > (1u << 18) || fread(buf, 1, caplen, f) != caplen)
            break;
        ++*frames;
        tr_segment s;
        if (tr_walk_frame_on_wire(link, buf, caplen, rh[3], &s).status != TR_WALK_SEGMENT) {
            ++*skipped;
            continue;
        }
        s.frame = (uint32_t)*frames;
        s.time_ns = (int64_t)rh[0] * 1000000000 + (int64_t)rh[1] * frac_ns;
        if (n == cap) {
            cap *= 2;
            tr_segment *bigger = realloc(segs, cap * sizeof *segs);
            if (!bigger)
                break;
            segs = bigger;
        }
        segs[n++] = s;
    }
    free(buf);
    fclose(f);
    *out = segs;
    return segs ? (long)n : -1;
}
