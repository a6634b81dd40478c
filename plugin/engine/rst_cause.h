/* SPDX-License-Identifier: GPL-2.0-or-later
 * Why an RST was sent, and which frame it answers.
 */
#ifndef TCPREUSE_RST_CAUSE_H
#define TCPREUSE_RST_CAUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "attempt.h"
#include "injection.h"
#include "session.h"
#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* `session` may be NULL; `a` is the pair's attempt (maybe inactive); `side` sent the RST and
 * `peer` is what the other end showed. Fills cause, trigger and outstanding of *out. */
void tr_rst_classify(const tr_session *session, const tr_attempt *a, uint8_t side, const tr_traits *peer,
                     const tr_segment *seg, tr_rst_finding *out);

/* After the RST has been classified: the session remembers that `side` has no socket any more,
 * and which RST to mark should `side` contradict it. */
void tr_rst_note_sent(tr_session *s, uint8_t side, const tr_segment *seg, tr_rst_finding *rst);

/* After classification and the injection check: the sender's role in its connection (the
 * connection's first frame), and whether this is that connection's first RST. reset_said is
 * the connection's own mark (in its attempt, then its session), so that each connection has
 * one first RST whatever other connections of the 4-tuple do in between: the mark after this
 * RST is returned. */
bool tr_rst_note_role(bool reset_said, uint32_t connection, tr_role role, tr_rst_finding *rst);

/* A segment (not an RST) from `side`: queued for the peer's next RST when the peer has reset. */
static inline void tr_rst_note_arrival(tr_session *s, uint8_t side, const tr_segment *seg)
{
    tr_direction *gone = &s->dir[!side];
    if (!gone->reset_sent || gone->unanswered_len == sizeof(gone->unanswered) / sizeof(gone->unanswered[0]))
        return;
    gone->unanswered[gone->unanswered_len++] = seg->frame;
}

#endif
