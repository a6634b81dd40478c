/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the ids of the display-filter fields, subtrees and expert infos.
 * Names are part of the user contract (doc: filters such as tcpreuse.rst.cause == "stale-ack").
 */
#ifndef TCPREUSE_FIELDS_H
#define TCPREUSE_FIELDS_H

#include <wireshark.h>
#include <epan/expert.h>

#include "finding_fields.h"

/* The display-filter field of each report field (finding_fields.h), by its id. */
extern int tr_hf[TR_FIELD_COUNT];

typedef struct tr_ett_ids {
    gint top, reuse, answer, stale_ack, rst, clock, pool, loop, ecn;
} tr_ett_ids;

typedef struct tr_ei_ids {
    expert_field syn_in_time_wait, tw_reject_paws, tw_reject_seq, tw_accept;
    expert_field syn_reuses_open, syn_reuses_fin_wait2, reuse, stale_ack, rst_fin_wait2;
    expert_field rst_stale_ack, rst_refused, rst_abort, rst_after_close, rst_no_socket, rst_injected, rst_unknown;
    expert_field implausible;
    expert_field ts_regress, ts_random_offsets, pool_too_small, table_full, clock_table_full, pool_table_full;
    expert_field ecn_table_full, loop_open, ecn_refused, ecn_fallback;
    expert_field truncated, malformed, unreadable;
} tr_ei_ids;  /* expert_field members only: render.c walks them as an array */
_Static_assert(sizeof(tr_ei_ids) % sizeof(expert_field) == 0, "tr_ei_ids holds expert_field members only");

extern tr_ett_ids tr_ett;
extern tr_ei_ids tr_ei;

/* Register every field, subtree and expert info of the protocol `proto`. */
void tr_fields_register(int proto);

/* An expert info's registered group and severity (PI_*), for one of tr_ei's. */
void tr_expert_class(const expert_field *ei, int *group, int *severity);

#endif
