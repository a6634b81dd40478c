/* SPDX-License-Identifier: GPL-2.0-or-later
 * Segments no real TCP stack sends (crafted, corrupted): they are noted, never analysed, so
 * that a broken frame is not judged as a reuse.
 */
#ifndef TCPREUSE_PLAUSIBLE_H
#define TCPREUSE_PLAUSIBLE_H

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

/* Inline: every segment is asked, and most answer at the first tests. */
static inline tr_implausible tr_segment_plausibility(const tr_segment *seg)
{
    /* RFC 9293 3.1: the reserved bits must be zero (the former NS bit, now AccECN's AE,
     * RFC 9768, is not among them). */
    if (seg->reserved)
        return TR_IMPLAUSIBLE_RESERVED_BITS;
    /* Stacks build an RST with RST and ACK alone (Linux tcp_v4_send_reset(), FreeBSD
     * tcp_respond()): urgent data or ECN signals (RFC 3168 6.1) on it are corruption. */
    if ((seg->flags & TR_TCP_RST) && (seg->flags & (TR_TCP_URG | TR_TCP_ECE | TR_TCP_CWR)))
        return TR_IMPLAUSIBLE_RST_FLAGS;
    if (!(seg->flags & TR_TCP_SYN))
        return TR_PLAUSIBLE;
    /* A SYN opens a connection: with FIN it would close it in the same segment, with RST
     * abort it (RFC 9293 3.10.7: no state accepts either); scanners and fuzzers send them. */
    if (seg->flags & TR_TCP_FIN)
        return TR_IMPLAUSIBLE_SYN_FIN;
    if (seg->flags & TR_TCP_RST)
        return TR_IMPLAUSIBLE_SYN_RST;
    /* A SYN-SENT end has received nothing to acknowledge; stacks send 0 (Linux rcv_nxt is 0
     * until the SYN-ACK, tcp_connect_init()). */
    if (!(seg->flags & TR_TCP_ACK) && seg->ack != 0)
        return TR_IMPLAUSIBLE_SYN_ACK_FIELD;
    return TR_PLAUSIBLE;
}

#endif
