/* SPDX-License-Identifier: GPL-2.0-or-later
 * Why an RST was sent, and which frame it answers.
 */
#ifndef TCPREUSE_RST_CAUSE_H
#define TCPREUSE_RST_CAUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "pair_table.h"
#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* The RST `seg` sent by `side` of pair p: fills cause, trigger and outstanding of *out, from the
 * pair's attempt when one is waiting, else from its session (if any) and what the other end
 * showed (its traits). */
void tr_rst_classify(const tr_pair *p, uint8_t side, const tr_segment *seg, tr_rst_finding *out);

/* After the RST has been classified: `me`, the direction of its sender, has no socket any more;
 * `after` (its aftermath in the pair's rare part) remembers which RST to mark should the sender
 * contradict it. */
void tr_rst_note_sent(tr_direction *me, tr_reset_aftermath *after, const tr_segment *seg, tr_rst_finding *rst);

/* After classification and the injection check: the sender's role in its connection (the
 * connection's first frame), and whether this is that connection's first RST. reset_said is
 * the connection's own mark (in its attempt, then its session), so that each connection has
 * one first RST whatever other connections of the 4-tuple do in between: the mark after this
 * RST is returned. */
bool tr_rst_note_role(bool reset_said, uint32_t connection, tr_role role, tr_rst_finding *rst);

/* A segment (not an RST) from `side` of pair p: queued for the peer's next RST when the peer has
 * reset (a direction with reset_sent has its aftermath in the pair's rare part). */
static inline void tr_rst_note_arrival(tr_pair *p, uint8_t side, const tr_segment *seg)
{
    if (!p->session.dir[!side].reset_sent)
        return;
    tr_reset_aftermath *gone = &p->rare->after[!side];
    if (gone->unanswered_len == sizeof(gone->unanswered) / sizeof(gone->unanswered[0]))
        return;
    gone->unanswered[gone->unanswered_len++] = seg->frame;
}

#endif
