/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: a binary min-heap of frames keyed on (time, queue order).
 */
#include "frame_queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct frame_queue {
    queued_frame *heap;
    size_t len, cap;
    uint64_t next_order;
};

static void *checked(void *p)
{
    if (!p) {
        fputs("tcpreuse-pcapgen: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static bool earlier(const queued_frame *a, const queued_frame *b)
{
    return a->time_ns != b->time_ns ? a->time_ns < b->time_ns : a->order < b->order;
}

static void swap(queued_frame *a, queued_frame *b)
{
    queued_frame t = *a;
    *a = *b;
    *b = t;
}

frame_queue *frame_queue_new(void)
{
    return checked(calloc(1, sizeof(frame_queue)));
}

void frame_queue_free(frame_queue *q)
{
    for (size_t i = 0; i < q->len; i++)
        free(q->heap[i].bytes);
    free(q->heap);
    free(q);
}

void frame_queue_push(frame_queue *q, int64_t time_ns, const uint8_t *frame, uint32_t frame_len,
                      uint32_t captured_len)
{
    if (q->len == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 64;
        q->heap = checked(realloc(q->heap, q->cap * sizeof *q->heap));
    }
    if (captured_len > frame_len)
        captured_len = frame_len;
    queued_frame f = {
        .time_ns = time_ns,
        .order = q->next_order++,
        .frame_len = frame_len,
        .captured_len = captured_len,
        .bytes = checked(malloc(captured_len ? captured_len : 1)),
    };
    memcpy(f.bytes, frame, captured_len);
    size_t i = q->len++;
    q->heap[i] = f;
    while (i > 0 && earlier(&q->heap[i], &q->heap[(i - 1) / 2])) {
        swap(&q->heap[i], &q->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
}

bool frame_queue_pop_before(frame_queue *q, int64_t limit_ns, queued_frame *out)
{
    if (q->len == 0 || q->heap[0].time_ns >= limit_ns)
        return false;
    *out = q->heap[0];
    q->heap[0] = q->heap[--q->len];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < q->len && earlier(&q->heap[l], &q->heap[m]))
            m = l;
        if (r < q->len && earlier(&q->heap[r], &q->heap[m]))
            m = r;
        if (m == i)
            break;
        swap(&q->heap[i], &q->heap[m]);
        i = m;
    }
    return true;
}
