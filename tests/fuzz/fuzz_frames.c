/* SPDX-License-Identifier: GPL-2.0-or-later
 * libFuzzer target: the input is a run of frames, each a length byte, a time step byte and
 * that many IP+TCP header bytes. Each goes through the glue's header parser and, when it
 * parses, into the engine, and every finding through every text. Addresses and ports are
 * folded into a handful of socket pairs so the engine's states (reuse, TIME_WAIT, answers,
 * RSTs, clocks, pools) are reached, not just first SYNs.
 *
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTCPREUSE_FUZZ=ON -DTCPREUSE_BUILD_PLUGIN=OFF
 *   cmake --build build-fuzz --target tcpreuse-fuzz-frames
 *   build-fuzz/tests/fuzz/tcpreuse-fuzz-frames -max_total_time=60
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "headers.h"
#include "tcpreuse/describe.h"
#include "tcpreuse/engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all_texts(const tr_finding *f)
{
    char buf[256];
    tr_describe_reuse(&f->reuse, buf, sizeof buf);
    tr_describe_answer(&f->answer, buf, sizeof buf);
    tr_describe_stale_ack(&f->stale_ack, buf, sizeof buf);
    tr_describe_rst(&f->rst, buf, sizeof buf);
    tr_describe_clock(&f->clock, buf, sizeof buf);
    tr_describe_pool(&f->pool, buf, sizeof buf);
    tr_describe_info_tags(f, buf, sizeof buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.max_pairs = 8;
    cfg.time_wait_s = 2;
    tr_engine *engine = tr_engine_new(&cfg);
    uint32_t kept[64] = {0}; /* frames with a finding */
    uint32_t frame = 0;
    int64_t now = 0;
    size_t at = 0;
    while (at + 2 <= size) {
        size_t len = data[at];
        now += (int64_t)data[at + 1] * 10000000; /* up to 2.55 s a step */
        at += 2;
        if (len > size - at)
            len = size - at;
        const uint8_t *p = data + at;
        at += len;

        tr_segment seg;
        memset(&seg, 0, sizeof seg);
        tr_ip_header ip;
        if (tr_parse_ip(p, len, &seg, &ip) != TR_HEADER_OK || ip.header_len > len)
            continue;
        uint32_t tcp_len;
        if (tr_parse_tcp(p + ip.header_len, len - ip.header_len, &seg, &tcp_len) != TR_HEADER_OK)
            continue;
        seg.src.bytes[seg.src.family == 4 ? 3 : 15] &= 3;
        seg.dst.bytes[seg.dst.family == 4 ? 3 : 15] &= 3;
        memset(seg.src.bytes, 0, seg.src.family == 4 ? 3 : 15);
        memset(seg.dst.bytes, 0, seg.dst.family == 4 ? 3 : 15);
        seg.sport &= 3;
        seg.dport &= 3;
        seg.payload_len = ip.datagram_len > ip.header_len + tcp_len ? ip.datagram_len - ip.header_len - tcp_len : 0;
        seg.frame = ++frame;
        seg.time_ns = now;
        const tr_finding *f = tr_engine_process(engine, &seg);
        if (f) {
            read_all_texts(f);
            kept[frame % 64] = frame;
        }
    }
    /* back-references may have changed earlier findings: read them again */
    tr_finding later;
    for (size_t i = 0; i < 64; i++)
        if (kept[i] && tr_engine_finding_of(engine, kept[i], &later))
            read_all_texts(&later);
    tr_engine_free(engine);
    return 0;
}
