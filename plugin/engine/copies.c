/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "copies.h"

/* A segment's words but seq and ack (copies.h). */
typedef struct seen_segment {
    uint64_t sizes, stamps;
    uint16_t shape;
} seen_segment;

static seen_segment seen_as(uint8_t side, const tr_segment *seg)
{
    uint16_t ip_id = seg->has_ip_id ? seg->ip_id : 0;
    return (seen_segment){
        .sizes = seg->payload_len | (uint64_t)seg->window << 32 | (uint64_t)ip_id << 48,
        .stamps = seg->has_ts ? seg->tsval | (uint64_t)seg->tsecr << 32 : 0,
        .shape = (uint16_t)(seg->flags | side << 8 | seg->has_ts << 9 | seg->has_ip_id << 10),
    };
}

/* The earlier segment i, with the seq and ack of `now`, has its other fields, and `now` came at
 * most the window after it. */
static bool same_segment(const tr_recent_segments *r, int i, const seen_segment *now, int64_t now_ns)
{
    return r->frames[i] &&
           ((r->sizes[i] ^ now->sizes) | (r->stamps[i] ^ now->stamps) | (uint64_t)(r->shapes[i] ^ now->shape)) == 0 &&
           now_ns - r->times[i] <= TR_COPY_WINDOW_NS && now_ns >= r->times[i];
}

uint32_t tr_copies_see(tr_recent_segments *r, uint8_t side, const tr_segment *seg)
{
    uint64_t numbers = seg->seq | (uint64_t)seg->ack << 32;
    seen_segment now = seen_as(side, seg);
    /* Without proof from this pair or this segment, nothing it matches makes it a copy. */
    bool proves = seg->has_ip_id && seg->ip_id != 0 && !(r->ids_repeat >> side & 1);
    if (r->proven || proves) {
        for (int i = 0; i < TR_COPIES_KEPT; i++) {
            if (r->numbers[i] == numbers && same_segment(r, i, &now, seg->time_ns)) {
                r->proven = true;
                return r->frames[i];
            }
        }
    }
    if (seg->has_ip_id && seg->ip_id != 0 && seg->ip_id == r->last_ip_id[side])
        r->ids_repeat |= 1u << side;
    r->last_ip_id[side] = seg->has_ip_id ? seg->ip_id : 0;
    uint8_t n = r->next;
    r->numbers[n] = numbers;
    r->sizes[n] = now.sizes;
    r->stamps[n] = now.stamps;
    r->shapes[n] = now.shape;
    r->frames[n] = seg->frame;
    r->times[n] = seg->time_ns;
    r->next = (uint8_t)((n + 1) % TR_COPIES_KEPT);
    return 0;
}
