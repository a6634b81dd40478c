/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "reset_loop.h"

#include "seq.h"

#define TR_LOOP_GIVE_UP_NS (127 * TR_NS_PER_S)

/* The loop's last RST is its open end no more. */
static void close_last_rst(const tr_reset_loop *l, tr_findings *findings)
{
    tr_finding rst;
    if (!l->last_rst || !tr_findings_get(findings, l->last_rst, &rst) || !rst.loop.open)
        return;
    rst.loop.open = false;
    tr_findings_update(findings, &rst, TR_PART_LOOP);
}

void tr_reset_loop_cycle(tr_reset_loop *l, tr_findings *findings, uint32_t syn_frame, int64_t time_ns,
                         tr_finding *rst)
{
    if (l->cycles && l->last_syn == syn_frame)
        return;  /* a second RST for the same SYN is no new cycle */
    if (l->cycles == 0)
        l->began = syn_frame;
    l->cycles++;
    close_last_rst(l, findings);
    /* One cycle is story 000's usual PAWS reject, RST and retry; a loop repeats it. */
    rst->loop = (tr_loop_finding){.cycles = l->cycles, .began = l->began, .open = l->cycles >= 2};
    l->last_rst = rst->frame;
    l->last_time = time_ns;
    l->last_syn = syn_frame;
}

void tr_reset_loop_new_attempt(tr_reset_loop *l, int64_t time_ns)
{
    if (l->cycles && time_ns - l->last_time > TR_LOOP_GIVE_UP_NS)
        *l = (tr_reset_loop){0};
}

void tr_reset_loop_syn(const tr_reset_loop *l, tr_finding *syn)
{
    syn->loop = (tr_loop_finding){.cycles = l->cycles, .began = l->began};
}

void tr_reset_loop_answered(tr_reset_loop *l, tr_findings *findings)
{
    close_last_rst(l, findings);
    *l = (tr_reset_loop){0};
}
