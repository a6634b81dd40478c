/* SPDX-License-Identifier: GPL-2.0-or-later
 * Engine benchmark: the engine alone, without Wireshark. Prints throughput and memory;
 * asserts nothing.
 *
 *   tcpreuse-engine-bench [connections] [port-pool] [max-pairs]
 *       A synthetic busy NAT in the spirit of seed 000 (clients behind one address cycling
 *       a port pool, the server closing first, PAWS rejects, stale ACKs, client RSTs), made
 *       and fed to the engine segment by segment (8 segments a connection).
 *   tcpreuse-engine-bench --pcap FILE [max-pairs]
 *       Replays a capture's TCP segments: the whole file is read and parsed first (with the
 *       plugin's frame walker, plugin/wire/frame_walk.h), then only the engine is timed
 *       (its thread's CPU time, as for the synthetic load: see now_s()).
 *       Fragments are not reassembled: frames without a segment of their own the walker
 *       reads are counted as skipped, not guessed.
 *
 * Memory is measured, not estimated: the heap the process holds (glibc mallinfo2, GLib's
 * slice allocator sent to malloc) after the run minus before the engine was made. The
 * engine's own estimate (tr_engine_get_stats) is printed beside it.
 *
 * The last line, "RESULT key=value ...", is for scripts (tests/bench/bench.sh).
 */
#define _GNU_SOURCE
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpreuse/engine.h"
#include "pcap_segments.h"

/* The engine's time is this thread's CPU time: on a shared VM the wall clock also runs while the
 * hypervisor gives the core to another guest (steal time, /proc/stat), which is not the engine's. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

static size_t heap_bytes(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* ---- the synthetic busy NAT ---- */

/* Segments are made a batch at a time and the engine is timed on each batch alone: making
 * them (a random number, a 100-byte copy) would otherwise count as the engine's time. */
#define BATCH 1024

typedef struct bench {
    tr_engine *engine;
    tr_segment seg;
    size_t segments, findings;
    tr_segment batch[BATCH];
    size_t batched;
    double engine_s;         /* time spent in tr_engine_process */
} bench;

static uint32_t rng_state = 0x9e3779b9u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void process_batch(bench *b)
{
    double start = now_s();
    for (size_t i = 0; i < b->batched; i++)
        b->findings += tr_engine_process(b->engine, &b->batch[i]) != NULL;
    b->engine_s += now_s() - start;
    b->batched = 0;
}

static void send(bench *b, int64_t t_ns, int from_client, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len,
                 uint32_t tsval)
{
    tr_segment s = b->seg;
    if (!from_client) {
        s.src = b->seg.dst;
        s.dst = b->seg.src;
        s.sport = b->seg.dport;
        s.dport = b->seg.sport;
    }
    s.frame = (uint32_t)++b->segments;
    s.time_ns = t_ns;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.payload_len = len;
    s.has_ts = !(flags & TR_TCP_RST);
    s.tsval = tsval;
    b->batch[b->batched++] = s;
    if (b->batched == BATCH)
        process_batch(b);
}

static void run_synthetic(bench *b, long connections, long pool)
{
    b->seg.src.family = b->seg.dst.family = 4;
    memcpy(b->seg.src.bytes, (uint8_t[]){198, 51, 100, 7}, 4);
    memcpy(b->seg.dst.bytes, (uint8_t[]){192, 0, 2, 80}, 4);
    b->seg.dport = 443;

    /* 8 hosts behind the NAT, each with its own 1 kHz clock; the pool cycles fast. */
    uint32_t host_offset[8];
    for (int h = 0; h < 8; h++)
        host_offset[h] = rng();
    const int64_t gap_ns = 25000000000LL / pool; /* the whole pool every 25 s */
    for (long c = 0; c < connections; c++) {
        int64_t t = c * gap_ns;
        uint32_t ts = host_offset[rng() & 7] + (uint32_t)(t / 1000000);
        uint32_t ci = rng(), si = rng();
        b->seg.sport = (uint16_t)(32768 + c % pool);
        send(b, t, 1, TR_TCP_SYN, ci, 0, 0, ts);
        send(b, t + 100000, 0, TR_TCP_SYN | TR_TCP_ACK, si, ci + 1, 0, ts);
        send(b, t + 200000, 1, TR_TCP_ACK, ci + 1, si + 1, 0, ts);
        send(b, t + 300000, 1, TR_TCP_ACK | TR_TCP_PSH, ci + 1, si + 1, 300, ts);
        send(b, t + 400000, 0, TR_TCP_ACK | TR_TCP_PSH, si + 1, ci + 301, 1200, ts);
        send(b, t + 500000, 0, TR_TCP_FIN | TR_TCP_ACK, si + 1201, ci + 301, 0, ts);
        send(b, t + 600000, 1, TR_TCP_FIN | TR_TCP_ACK, ci + 301, si + 1202, 0, ts);
        send(b, t + 700000, 0, TR_TCP_ACK, si + 1202, ci + 302, 0, ts);
    }
    process_batch(b);
}

static void usage(const char *me)
{
    fprintf(stderr, "usage: %s [connections] [port-pool] [max-pairs]\n       %s --pcap FILE [max-pairs]\n", me, me);
    exit(2);
}

int main(int argc, char **argv)
{
    /* Every engine allocation through malloc, so that mallinfo2() sees it (GLib < 2.76). */
    setenv("G_SLICE", "always-malloc", 1);
    const char *pcap = NULL;
    long connections = 1000000, pool = 20000;
    tr_config cfg;
    tr_config_default(&cfg);
    if (argc > 1 && strcmp(argv[1], "--pcap") == 0) {
        if (argc < 3 || argc > 4)
            usage(argv[0]);
        pcap = argv[2];
        if (argc > 3)
            cfg.max_pairs = (uint32_t)atol(argv[3]);
    } else {
        if (argc > 4 || (argc > 1 && argv[1][0] == '-'))
            usage(argv[0]);
        connections = argc > 1 ? atol(argv[1]) : connections;
        pool = argc > 2 ? atol(argv[2]) : pool;
        if (argc > 3)
            cfg.max_pairs = (uint32_t)atol(argv[3]);
        if (connections <= 0 || pool <= 0)
            usage(argv[0]);
    }

    tr_segment *segs = NULL;
    size_t frames = 0, skipped = 0;
    long loaded = 0;
    if (pcap && (loaded = tr_bench_load_pcap(pcap, &segs, &frames, &skipped)) < 0)
        return 1;

    bench *b = calloc(1, sizeof *b);
    if (!b)
        return 1;
    size_t heap_before = heap_bytes();
    b->engine = tr_engine_new(&cfg);
    if (pcap) {
        double start = now_s();
        for (long i = 0; i < loaded; i++)
            b->findings += tr_engine_process(b->engine, &segs[i]) != NULL;
        b->engine_s = now_s() - start;
        b->segments = (size_t)loaded;
    } else {
        run_synthetic(b, connections, pool);
    }
    double elapsed = b->engine_s;
    size_t heap = heap_bytes() - heap_before;
    tr_engine_stats st;
    tr_engine_get_stats(b->engine, &st);

    if (pcap)
        printf("capture %s: %zu frames, %ld TCP segments replayed, %zu frames skipped (no readable TCP/IP)\n", pcap,
               frames, loaded, skipped);
    else
        printf("synthetic busy NAT: connections %ld, port pool %ld, segments %zu\n", connections, pool, b->segments);
    printf("frames with findings %zu (engine: %zu)\n", b->findings, st.findings);
    printf("time %.3f s, %.1f ns/segment, %.2f M segments/s\n", elapsed, elapsed * 1e9 / b->segments,
           b->segments / elapsed / 1e6);
    printf("pairs %zu (evicted %zu), heap held by the engine %.1f MB (engine's estimate %.1f MB), process RSS %.1f "
           "MB\n",
           st.pairs, st.evicted, heap / 1e6, st.bytes / 1e6, rss_kb() / 1e3);
    printf("RESULT segments=%zu seconds=%.6f ns_per_segment=%.2f msegs_per_s=%.3f pairs=%zu evicted=%zu "
           "findings=%zu heap_bytes=%zu estimate_bytes=%zu\n",
           b->segments, elapsed, elapsed * 1e9 / b->segments, b->segments / elapsed / 1e6, st.pairs, st.evicted,
           b->findings, heap, st.bytes);
    tr_engine_free(b->engine);
    free(b);
    free(segs);
    return 0;
}
