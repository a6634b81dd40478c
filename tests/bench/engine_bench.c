/* SPDX-License-Identifier: GPL-2.0-or-later
 * Engine benchmark: a busy NAT in the spirit of seed 000 (clients behind one address
 * cycling a port pool, the server closing first, PAWS rejects, stale ACKs, client RSTs),
 * fed straight into the engine. Prints throughput and memory; asserts nothing.
 *
 *   tcpreuse-engine-bench [connections] [port-pool] [max-pairs]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcpreuse/engine.h"

typedef struct bench {
    tr_engine *engine;
    tr_segment seg;
    size_t segments, findings;
} bench;

static uint32_t rng_state = 0x9e3779b9u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
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
    b->findings += tr_engine_process(b->engine, &s) != NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
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

int main(int argc, char **argv)
{
    long connections = argc > 1 ? atol(argv[1]) : 1000000;
    long pool = argc > 2 ? atol(argv[2]) : 20000;
    tr_config cfg;
    tr_config_default(&cfg);
    if (argc > 3)
        cfg.max_pairs = (uint32_t)atol(argv[3]);
    bench b = {.engine = tr_engine_new(&cfg)};
    b.seg.src.family = b.seg.dst.family = 4;
    memcpy(b.seg.src.bytes, (uint8_t[]){198, 51, 100, 7}, 4);
    memcpy(b.seg.dst.bytes, (uint8_t[]){192, 0, 2, 80}, 4);
    b.seg.dport = 443;

    /* 8 hosts behind the NAT, each with its own 1 kHz clock; the pool cycles fast. */
    uint32_t host_offset[8];
    for (int h = 0; h < 8; h++)
        host_offset[h] = rng();
    const int64_t gap_ns = 25000000000LL / pool; /* the whole pool every 25 s */
    double start = now_s();
    for (long c = 0; c < connections; c++) {
        int64_t t = c * gap_ns;
        uint32_t ts = host_offset[rng() & 7] + (uint32_t)(t / 1000000);
        uint32_t ci = rng(), si = rng();
        b.seg.sport = (uint16_t)(32768 + c % pool);
        send(&b, t, 1, TR_TCP_SYN, ci, 0, 0, ts);
        send(&b, t + 100000, 0, TR_TCP_SYN | TR_TCP_ACK, si, ci + 1, 0, ts);
        send(&b, t + 200000, 1, TR_TCP_ACK, ci + 1, si + 1, 0, ts);
        send(&b, t + 300000, 1, TR_TCP_ACK | TR_TCP_PSH, ci + 1, si + 1, 300, ts);
        send(&b, t + 400000, 0, TR_TCP_ACK | TR_TCP_PSH, si + 1, ci + 301, 1200, ts);
        send(&b, t + 500000, 0, TR_TCP_FIN | TR_TCP_ACK, si + 1201, ci + 301, 0, ts);
        send(&b, t + 600000, 1, TR_TCP_FIN | TR_TCP_ACK, ci + 301, si + 1202, 0, ts);
        send(&b, t + 700000, 0, TR_TCP_ACK, si + 1202, ci + 302, 0, ts);
    }
    double elapsed = now_s() - start;
    tr_engine_stats st;
    tr_engine_get_stats(b.engine, &st);
    printf("connections %ld, port pool %ld, segments %zu, frames with findings %zu\n", connections, pool,
           b.segments, b.findings);
    printf("time %.3f s, %.1f ns/segment, %.2f M segments/s\n", elapsed, elapsed * 1e9 / b.segments,
           b.segments / elapsed / 1e6);
    printf("pairs %zu (evicted %zu), engine estimate %.1f MB, %.0f bytes/pair, process RSS %.1f MB\n", st.pairs,
           st.evicted, st.bytes / 1e6, st.pairs ? (double)(st.bytes - st.findings * sizeof(tr_finding)) / st.pairs : 0,
           rss_kb() / 1e3);
    tr_engine_free(b.engine);
    return 0;
}
