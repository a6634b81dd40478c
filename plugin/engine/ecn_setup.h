/* SPDX-License-Identifier: GPL-2.0-or-later
 * ECN-setup SYNs per path (client address -> server address and port): some middleboxes drop
 * or reset a SYN that carries ECE and CWR (RFC 3360 2.1); the sign in a capture is an
 * ECN-setup SYN that fails and a retry without ECN that is answered (RFC 3168 6.1.1.1: the
 * client may then send SYNs without ECN, as Linux does on its SYN retransmissions,
 * tcp_ecn_clear_syn()). A path that answered an ECN-setup SYN before passes them: a later
 * failure there is loss or a closed port, not ECN. A refusal is blamed on ECN only on a path
 * that answers SYNs without ECN: a closed port refuses every SYN, with ECN or without.
 */
#ifndef TCPREUSE_ECN_SETUP_H
#define TCPREUSE_ECN_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding_store.h"
#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

typedef struct tr_ecn_paths tr_ecn_paths;

tr_ecn_paths *tr_ecn_paths_new(size_t max_paths);
void tr_ecn_paths_free(tr_ecn_paths *p);

/* An ECN-setup SYN: both ECE and CWR set on a SYN without ACK (RFC 3168 6.1.1). */
static inline bool tr_ecn_setup_syn(const tr_segment *seg)
{
    return (seg->flags & (TR_TCP_ECE | TR_TCP_CWR)) == (TR_TCP_ECE | TR_TCP_CWR);
}

/* A SYN (no ACK) from seg->src to seg->dst:dport. */
void tr_ecn_paths_syn(tr_ecn_paths *p, const tr_segment *syn);

/* An RST from the server refusing the attempt whose latest SYN, `syn_frame`, was ECN-setup, on
 * a path that never answered an ECN-setup SYN: fills out->refused_syn when the path answered a
 * SYN without ECN before; else the RST's finding gets it later, if the retry without ECN is
 * answered (tr_ecn_paths_answered). */
void tr_ecn_paths_refused(tr_ecn_paths *p, const tr_segment *rst, uint32_t syn_frame, tr_ecn_finding *out);

/* A SYN-ACK from the server for the attempt whose latest SYN was `syn_frame`, sent at
 * syn_time (ECN-setup or not): fills *out when it answers a retry without ECN of a failed
 * ECN-setup SYN: its own retransmission, or another connection after an RST refused it or
 * after an initial RTO without answer; that RST's finding in `findings` then gets its
 * refused_syn. */
void tr_ecn_paths_answered(tr_ecn_paths *p, tr_findings *findings, const tr_segment *synack, uint32_t syn_frame,
                           int64_t syn_time, bool ecn_setup, tr_ecn_finding *out);

/* A bare ACK from the server answers the attempt with ISN isn (a stale ACK: state the server
 * or a middlebox holds): if that attempt's SYN is the pending ECN-setup SYN, it crossed the
 * path, which passes ECN-setup SYNs. */
void tr_ecn_paths_crossed(tr_ecn_paths *p, const tr_segment *answer, uint32_t isn);

/* True once: right after the SYN for which the table first refused a new path (max_paths). */
bool tr_ecn_paths_take_full(tr_ecn_paths *p);

size_t tr_ecn_paths_bytes(const tr_ecn_paths *p);

#endif
