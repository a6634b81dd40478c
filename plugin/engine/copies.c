/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "copies.h"

static bool same_segment(const tr_seen_segment *s, uint8_t side, const tr_segment *seg)
{
    return s->frame && s->side == side && s->seq == seg->seq && s->ack == seg->ack && s->flags == seg->flags &&
           s->payload_len == seg->payload_len && s->window == seg->window && s->has_ts == seg->has_ts &&
           (!s->has_ts || (s->tsval == seg->tsval && s->tsecr == seg->tsecr)) && s->has_ip_id == seg->has_ip_id &&
           (!s->has_ip_id || s->ip_id == seg->ip_id) && seg->time_ns - s->time_ns <= TR_COPY_WINDOW_NS &&
           seg->time_ns >= s->time_ns;
}

uint32_t tr_copies_find(tr_recent_segments *r, uint8_t side, const tr_segment *seg)
{
    for (int i = 0; i < TR_COPIES_KEPT; i++) {
        const tr_seen_segment *s = &r->seen[i];
        if (!same_segment(s, side, seg))
            continue;
        r->proven |= seg->has_ip_id && seg->ip_id != 0 && !r->ids_repeat[side];
        if (r->proven)
            return s->frame;
    }
    return 0;
}

void tr_copies_remember(tr_recent_segments *r, uint8_t side, const tr_segment *seg)
{
    if (seg->has_ip_id && seg->ip_id != 0 && seg->ip_id == r->last_ip_id[side])
        r->ids_repeat[side] = true;
    r->last_ip_id[side] = seg->has_ip_id ? seg->ip_id : 0;
    r->seen[r->next] = (tr_seen_segment){
        .frame = seg->frame,
        .time_ns = seg->time_ns,
        .seq = seg->seq,
        .ack = seg->ack,
        .payload_len = seg->payload_len,
        .tsval = seg->tsval,
        .tsecr = seg->tsecr,
        .window = seg->window,
        .ip_id = seg->ip_id,
        .flags = seg->flags,
        .side = side,
        .has_ts = seg->has_ts,
        .has_ip_id = seg->has_ip_id,
    };
    r->next = (uint8_t)((r->next + 1) % TR_COPIES_KEPT);
}
