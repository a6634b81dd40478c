/* SPDX-License-Identifier: GPL-2.0-or-later
 * Why an RST was sent, and which frame it answers.
 */
#ifndef TCPREUSE_RST_CAUSE_H
#define TCPREUSE_RST_CAUSE_H

#include "attempt.h"
#include "session.h"
#include "tcpreuse/finding.h"

/* `session` may be NULL; `a` is the pair's attempt (maybe inactive); `side` sent the RST.
 * Fills cause, trigger and outstanding of *out. */
void tr_rst_classify(const tr_session *session, const tr_attempt *a, uint8_t side, const tr_segment *seg,
                     tr_rst_finding *out);

#endif
