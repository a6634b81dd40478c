/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-cold-ab CAPTURE LINES MB: two builds of the engine, A and B (their symbols renamed
 * A_... and B_..., tests/bench/cold_ab.sh), fed the same segments with cold caches, as in
 * tshark; prints the engine cycles a segment of each, by kind of segment.
 *
 * Why: in tshark the engine costs ~450 ns a segment, in the engine bench (warm caches) ~130:
 * between two segments of one pair, Wireshark's own work on hundreds of frames pushes the
 * pair out of the first- and second-level caches. Here, before each call, LINES random cache
 * lines of an MB-megabyte buffer are read and written, and only the call is timed (rdtscp: a
 * few tens of cycles of its own, the same for A and B). A and B take each segment in turn,
 * A first on even segments and B first on odd ones, so that both meet the same machine at the
 * same moment: two runs of one process disagree by up to 10 % on a shared VM, the ratio B/A of
 * one run by about 2 % (A against itself: 0.97 to 1.03, as the two engines' tables fall in the
 * heap; cold_ab.sh runs both ways round, several times, and takes medians).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <x86intrin.h>

#include "pcap_segments.h"
#include "tcpreuse/engine.h"

#define ENGINE_API(P)                                                                                                \
    tr_engine *P##tr_engine_new(const tr_config *cfg);                                                               \
    const tr_finding *P##tr_engine_process(tr_engine *e, const tr_segment *seg);                                    \
    void P##tr_engine_free(tr_engine *e);                                                                            \
    void P##tr_config_default(tr_config *cfg);
ENGINE_API(A_)
ENGINE_API(B_)

/* The eviction: xorshift64 picks the lines, the same sequence for every run. */
typedef struct churn {
    uint8_t *buf;
    size_t lines;
    uint64_t state, sum;
} churn;

static void churn_lines(churn *c, long n)
{
    for (long k = 0; k < n; k++) {
        c->state ^= c->state << 13;
        c->state ^= c->state >> 7;
        c->state ^= c->state << 17;
        uint64_t *word = (uint64_t *)(c->buf + (c->state % c->lines) * 64);
        c->sum += *word;
        *word = c->sum;
    }
}

enum { SYN, SYN_ACK, ACK, RST, FIN, DATA, KINDS };
static const char *const kind_name[KINDS] = {"syn", "synack", "ack", "rst", "fin", "data"};

static int kind_of(const tr_segment *s)
{
    if (s->flags & TR_TCP_RST)
        return RST;
    if (s->flags & TR_TCP_SYN)
        return (s->flags & TR_TCP_ACK) ? SYN_ACK : SYN;
    if (s->flags & TR_TCP_FIN)
        return FIN;
    return s->payload_len ? DATA : ACK;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CAPTURE LINES MB\n", argv[0]);
        return 2;
    }
    long lines = atol(argv[2]);
    size_t bytes = (size_t)atol(argv[3]) << 20;
    tr_segment *segs;
    size_t frames, skipped;
    long n = tr_bench_load_pcap(argv[1], &segs, &frames, &skipped);
    if (n <= 0 || bytes < 64)
        return 1;
    churn c = {.state = 88172645463325252ull, .lines = bytes / 64};
    c.buf = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c.buf == MAP_FAILED)
        return 1;
    memset(c.buf, 1, bytes);

    tr_config cfg;
    A_tr_config_default(&cfg);
    tr_engine *engine[2] = {A_tr_engine_new(&cfg), B_tr_engine_new(&cfg)};
    uint64_t cycles[2][KINDS] = {{0}}, count[KINDS] = {0}, findings = 0;
    for (long i = 0; i < n; i++) {
        tr_segment seg = segs[i]; /* on the stack, as in the plugin */
        int kind = kind_of(&seg);
        count[kind]++;
        for (int turn = 0; turn < 2; turn++) {
            int which = (int)(i & 1) ^ turn; /* 0 = A */
            churn_lines(&c, lines);
            unsigned aux;
            uint64_t start = __rdtscp(&aux);
            const tr_finding *f = which ? B_tr_engine_process(engine[1], &seg) : A_tr_engine_process(engine[0], &seg);
            cycles[which][kind] += __rdtscp(&aux) - start;
            findings += f != NULL;
        }
    }
    uint64_t total[2] = {0, 0};
    for (int k = 0; k < KINDS; k++) {
        total[0] += cycles[0][k];
        total[1] += cycles[1][k];
        if (count[k])
            printf("%-7s %8llu segments: A %6.0f B %6.0f cycles  B/A %.3f\n", kind_name[k], (unsigned long long)count[k],
                   (double)cycles[0][k] / count[k], (double)cycles[1][k] / count[k],
                   (double)cycles[1][k] / cycles[0][k]);
    }
    printf("all     %8ld segments: A %6.1f B %6.1f cycles  B/A %.4f  (%llu findings; eviction %ld lines of %zu MB, "
           "checksum %llu)\n",
           n, (double)total[0] / n, (double)total[1] / n, (double)total[1] / total[0],
           (unsigned long long)findings / 2, lines, bytes >> 20, (unsigned long long)(c.sum & 0xff));
    A_tr_engine_free(engine[0]);
    B_tr_engine_free(engine[1]);
    free(segs);
    return 0;
}
