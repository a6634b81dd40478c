/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: human-readable texts for findings, each naming its evidence
 * (frames, times, the numbers compared). Shared by the Wireshark glue and the tests.
 * Every function writes a NUL-terminated string (truncated to fit) and returns buf.
 */
#ifndef TCPREUSE_DESCRIBE_H
#define TCPREUSE_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>

#include "tcpreuse/finding.h"

char *tr_describe_reuse(const tr_reuse_finding *r, char *buf, size_t len);
char *tr_describe_answer(const tr_answer_finding *a, char *buf, size_t len);
char *tr_describe_stale_ack(const tr_stale_ack_finding *s, char *buf, size_t len);
char *tr_describe_rst(const tr_rst_finding *r, char *buf, size_t len);
char *tr_describe_clock(const tr_clock_finding *c, char *buf, size_t len);
char *tr_describe_pool(const tr_pool_finding *p, char *buf, size_t len);

/* A reset loop, on a cycle's RST (on_rst) or on a SYN after cycles; show_open: say that the
 * loop was left open (known once the whole capture has been read). */
char *tr_describe_loop(const tr_loop_finding *l, bool on_rst, bool show_open, char *buf, size_t len);
char *tr_describe_ecn(const tr_ecn_finding *e, char *buf, size_t len);
/* A copy (duplicate_of) or an implausible segment: what the frame is instead of a segment to analyse. */
char *tr_describe_not_analysed(const tr_finding *f, char *buf, size_t len);

/* The Info column tags for this frame, e.g. "[SYN in TIME_WAIT] [PAWS reject]"; "" when none. */
char *tr_describe_info_tags(const tr_finding *f, char *buf, size_t len);

#endif
