/* SPDX-License-Identifier: GPL-2.0-or-later
 * Suspected RST injection: an RST that does not fit the other segments of the end it claims
 * to come from (TTL, IPv4 ID, timestamps), or that this end contradicts afterwards by going
 * on as if it had not reset. Off-path attackers and middleboxes forge RSTs (RFC 5961 1,
 * Weaver et al. "Detecting Forged TCP Reset Packets", NDSS 2009); they cannot copy what they
 * never saw of the real sender.
 */
#ifndef TCPREUSE_INJECTION_H
#define TCPREUSE_INJECTION_H

#include <stdbool.h>
#include <stdint.h>

#include "finding_store.h"
#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* What one end has shown on the current connection (RSTs excluded: they are what is judged). */
typedef struct tr_traits {
    uint32_t frame;           /* its latest segment, with its flags and ack */
    uint32_t ack;
    uint32_t first_tsval, last_tsval;
    uint16_t ip_id;           /* of its latest segment */
    uint8_t ttl;
    uint8_t flags;
    bool has_ip_id;
    bool seen, ttl_varies, ts_seen;
} tr_traits;

void tr_traits_note(tr_traits *t, const tr_segment *seg);

/* Immediate evidence on an RST sent by the end with `sender` traits: two independent signs
 * make the cause `injected` (one alone has innocent explanations: a route change, a stack
 * with constant IDs); the cause it would have had stays in would_be. */
void tr_injection_examine(const tr_traits *sender, const tr_traits *receiver, const tr_segment *rst,
                          tr_rst_finding *out);

/* The claimed sender of the RST in frame rst_frame (sent with TTL rst_ttl) sends `seg` after
 * it, as if it had not reset: that RST's finding says it was injected. */
void tr_injection_contradict(tr_findings *findings, uint32_t rst_frame, uint8_t rst_ttl, const tr_segment *seg);

#endif
