/* SPDX-License-Identifier: GPL-2.0-or-later
 * libFuzzer target: the frame walker (plugin/wire/frame_walk.h). The first input byte picks the
 * link type, the second how much of the rest is the frame (the remainder then stands for the
 * reassembled payload of a fragment); the walk must stay within the bytes it is given.
 *
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DTCPREUSE_FUZZ=ON -DTCPREUSE_BUILD_PLUGIN=OFF
 *   cmake --build build-fuzz --target tcpreuse-fuzz-walk
 *   build-fuzz/tests/fuzz/tcpreuse-fuzz-walk -max_total_time=60
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frame_walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    tr_link link = (tr_link)(data[0] % (TR_LINK_LOOP + 1));
    size_t rest = size - 2;
    size_t frame_len = rest * data[1] / 255;
    /* Exact-size copies: a read past either buffer is a heap overflow ASan reports. */
    uint8_t *frame = malloc(frame_len ? frame_len : 1);
    uint8_t *payload = malloc(rest - frame_len ? rest - frame_len : 1);
    if (!frame || !payload)
        abort();
    memcpy(frame, data + 2, frame_len);
    memcpy(payload, data + 2 + frame_len, rest - frame_len);
    tr_segment seg;
    tr_walk w = tr_walk_frame(link, frame, frame_len, &seg);
    if (w.status == TR_WALK_SEGMENT && w.tcp_offset + 20 > frame_len)
        abort();
    if (w.status == TR_WALK_FRAGMENT)
        tr_walk_reassembled(link, frame, frame_len, payload, rest - frame_len, rest - frame_len + data[1], &seg);
    free(frame);
    free(payload);
    return 0;
}
