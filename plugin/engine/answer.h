/* SPDX-License-Identifier: GPL-2.0-or-later
 * What a bare ACK answering a SYN is: whose numbers it carries.
 */
#ifndef TCPREUSE_ANSWER_H
#define TCPREUSE_ANSWER_H

#include "attempt.h"
#include "session.h"
#include "tcpreuse/finding.h"

/* `previous` is the pair's earlier session (NULL when none); `server` is the side answering. */
tr_stale_kind tr_answer_classify_bare_ack(const tr_session *previous, const tr_attempt *a, uint8_t server,
                                          const tr_segment *seg);

#endif
