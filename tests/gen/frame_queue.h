/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: frames waiting to be written, ordered by time (then by the
 * order they were queued), so concurrent connections can be scripted one at a time.
 */
#ifndef PCAPGEN_FRAME_QUEUE_H
#define PCAPGEN_FRAME_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct queued_frame {
    int64_t time_ns;
    uint64_t order;
    uint32_t frame_len;     /* length on the wire */
    uint32_t captured_len;  /* bytes kept (the snap length) */
    uint8_t *bytes;         /* captured_len bytes, owned by whoever pops the frame */
} queued_frame;

typedef struct frame_queue frame_queue;

frame_queue *frame_queue_new(void);
void frame_queue_free(frame_queue *q);

/* Copies the first captured_len bytes of the frame. */
void frame_queue_push(frame_queue *q, int64_t time_ns, const uint8_t *frame, uint32_t frame_len,
                      uint32_t captured_len);

/* Pops the earliest frame if it is earlier than limit_ns. */
bool frame_queue_pop_before(frame_queue *q, int64_t limit_ns, queued_frame *out);

#endif
