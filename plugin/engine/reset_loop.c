/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "reset_loop.h"

void tr_reset_loop_cycle(tr_reset_loop *l, uint32_t syn_frame, tr_finding *rst)
{
    if (l->cycles == 0)
        l->began = syn_frame;
    l->cycles++;
    if (l->last_rst)
        l->last_rst->loop.open = false;
    /* One cycle is story 000's usual PAWS reject, RST and retry; a loop repeats it. */
    rst->loop = (tr_loop_finding){.cycles = l->cycles, .began = l->began, .open = l->cycles >= 2};
    l->last_rst = rst;
}

void tr_reset_loop_syn(const tr_reset_loop *l, tr_finding *syn)
{
    syn->loop = (tr_loop_finding){.cycles = l->cycles, .began = l->began};
}

void tr_reset_loop_answered(tr_reset_loop *l)
{
    if (l->last_rst)
        l->last_rst->loop.open = false;
    *l = (tr_reset_loop){0};
}
