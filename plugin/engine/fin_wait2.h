/* SPDX-License-Identifier: GPL-2.0-or-later
 * FIN_WAIT2 after a single FIN: the end that closed first got the ACK of its FIN, the peer
 * has not closed. When its application closed the socket (close(), the usual case), Linux
 * keeps it as a timewait socket with substate TCP_FIN_WAIT2 for tcp_fin_timeout (60 s, like
 * TCP_TIMEWAIT_LEN: the model uses tcpreuse.time_wait), and tcp_timewait_state_process()
 * answers a SYN on the 4-tuple with an RST when it is in the window, else with an ACK.
 */
#ifndef TCPREUSE_FIN_WAIT2_H
#define TCPREUSE_FIN_WAIT2_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"
#include "tcpreuse/finding.h"

/* The end of an open session that holds FIN_WAIT2 (it sent the only FIN, and the peer
 * acknowledged it): true and *holder, or false. */
bool tr_fin_wait2_holder(const tr_session *s, uint8_t *holder);

/* Is the holder's orphaned FIN_WAIT2 still there at `now` (timeout_ns after the ACK of its FIN)? */
bool tr_fin_wait2_held(const tr_session *s, uint8_t holder, int64_t now, int64_t timeout_ns);

/* A SYN reaches the holder's FIN_WAIT2: fills the verdict and the numbers compared into *r. */
void tr_fin_wait2_judge_syn(const tr_session *s, uint8_t holder, const tr_segment *seg, int64_t timeout_ns,
                            tr_reuse_finding *r);

#endif
