/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "copies.h"

static tr_seen_segment seen_as(uint8_t side, const tr_segment *seg)
{
    uint16_t ip_id = seg->has_ip_id ? seg->ip_id : 0;
    return (tr_seen_segment){
        .sizes = seg->payload_len | (uint64_t)seg->window << 32 | (uint64_t)ip_id << 48,
        .stamps = seg->has_ts ? seg->tsval | (uint64_t)seg->tsecr << 32 : 0,
        .shape = seg->flags | (uint32_t)side << 8 | (uint32_t)seg->has_ts << 16 | (uint32_t)seg->has_ip_id << 24,
        .frame = seg->frame,
        .time_ns = seg->time_ns,
    };
}

/* An earlier segment s, with the seq and ack of `now`, has its other fields, and `now` came at
 * most the window after it. */
static bool same_segment(const tr_seen_segment *s, const tr_seen_segment *now)
{
    return s->frame && ((s->sizes ^ now->sizes) | (s->stamps ^ now->stamps) | (s->shape ^ now->shape)) == 0 &&
           now->time_ns - s->time_ns <= TR_COPY_WINDOW_NS && now->time_ns >= s->time_ns;
}

uint32_t tr_copies_see(tr_recent_segments *r, uint8_t side, const tr_segment *seg)
{
    uint64_t numbers = seg->seq | (uint64_t)seg->ack << 32;
    tr_seen_segment now = seen_as(side, seg);
    /* Without proof from this pair or this segment, nothing it matches makes it a copy. */
    bool proves = seg->has_ip_id && seg->ip_id != 0 && !r->ids_repeat[side];
    if (r->proven || proves) {
        for (int i = 0; i < TR_COPIES_KEPT; i++) {
            if (r->numbers[i] == numbers && same_segment(&r->seen[i], &now)) {
                r->proven = true;
                return r->seen[i].frame;
            }
        }
    }
    if (seg->has_ip_id && seg->ip_id != 0 && seg->ip_id == r->last_ip_id[side])
        r->ids_repeat[side] = true;
    r->last_ip_id[side] = seg->has_ip_id ? seg->ip_id : 0;
    r->numbers[r->next] = numbers;
    r->seen[r->next] = now;
    r->next = (uint8_t)((r->next + 1) % TR_COPIES_KEPT);
    return 0;
}
