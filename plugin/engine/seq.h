/* SPDX-License-Identifier: GPL-2.0-or-later
 * Sequence-space and timestamp arithmetic modulo 2^32 (RFC 9293 3.4, RFC 7323 5.2),
 * written as the kernel's before()/after() so rules read like the code they model.
 */
#ifndef TCPREUSE_SEQ_H
#define TCPREUSE_SEQ_H

#include <stdbool.h>
#include <stdint.h>

static inline int32_t tr_seq_diff(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b);
}

/* a comes after b in sequence space */
static inline bool tr_seq_after(uint32_t a, uint32_t b)
{
    return tr_seq_diff(a, b) > 0;
}

static inline bool tr_seq_before(uint32_t a, uint32_t b)
{
    return tr_seq_diff(a, b) < 0;
}

#define TR_NS_PER_S 1000000000LL

#endif
