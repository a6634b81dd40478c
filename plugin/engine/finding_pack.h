/* SPDX-License-Identifier: GPL-2.0-or-later
 * The compact form of a finding (finding_store.h keeps one per flagged frame): a 32-bit mask
 * of the blocks present, then those blocks in the order below. Each block has a fixed size:
 * its bools and enums as bits first, then its numbers at their exact width, unaligned, no
 * padding. A block is kept only when one of its members is not zero, so a frame pays only for
 * what it says; rare parts (FIN_WAIT2 numbers, the TIME_WAIT's restarting, killing and taking
 * frames, injection evidence, ...) are blocks of their own. A block whose finding part has a
 * `present` flag that is false is not kept (finding.h: its members mean nothing then).
 */
#ifndef TCPREUSE_FINDING_PACK_H
#define TCPREUSE_FINDING_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/finding.h"

/* The blocks, in their order in a record (finding_pack.c lists each one's members). */
#define TR_BLOCK_NAMES(B)                                                                            \
    B(FLAGS)              /* implausible, the four table-full flags */                               \
    B(DUPLICATE)                                                                                     \
    B(SYN_RETRANSMIT)                                                                                \
    B(SYN_ANSWER)         /* syn.answered_by and syn.answer_kind */                                  \
    B(REUSE)                                                                                         \
    B(REUSE_FIN_WAIT2)                                                                               \
    B(REUSE_TW_FRAMES)    /* the frames that restarted, killed or took the TIME_WAIT */              \
    B(REUSE_VERDICT)      /* the numbers the TIME_WAIT verdict compared */                           \
    B(ANSWER)                                                                                        \
    B(STALE_ACK)                                                                                     \
    B(STALE_ACK_OLD)      /* the old session whose numbers it carries */                             \
    B(RST)                                                                                           \
    B(RST_OUTSTANDING)                                                                               \
    B(RST_ENDS_SESSION)                                                                              \
    B(RST_INJECTION)                                                                                 \
    B(CLOCK)                                                                                         \
    B(CLOCK_REGRESS)                                                                                 \
    B(POOL)                                                                                          \
    B(LOOP)                                                                                          \
    B(ECN_REFUSED)                                                                                   \
    B(ECN_FALLBACK)

#define TR_BLOCK_ENUM(name) TR_BLOCK_##name,
typedef enum tr_block { TR_BLOCK_NAMES(TR_BLOCK_ENUM) TR_BLOCK_COUNT } tr_block;
#undef TR_BLOCK_ENUM

#define TR_BLOCK_BIT(b) (1u << TR_BLOCK_##b)
#define TR_BLOCKS_ALL ((1u << TR_BLOCK_COUNT) - 1)

/* The parts that later frames change in an earlier frame's finding, as block sets: each holds
 * every member of its part (tr_findings_update() writes whole blocks). */
#define TR_PART_SYN_ANSWER TR_BLOCK_BIT(SYN_ANSWER)
#define TR_PART_RST                                                                                  \
    (TR_BLOCK_BIT(RST) | TR_BLOCK_BIT(RST_OUTSTANDING) | TR_BLOCK_BIT(RST_ENDS_SESSION) |              \
     TR_BLOCK_BIT(RST_INJECTION))
#define TR_PART_CLOCK (TR_BLOCK_BIT(CLOCK) | TR_BLOCK_BIT(CLOCK_REGRESS))
#define TR_PART_LOOP TR_BLOCK_BIT(LOOP)
#define TR_PART_ECN_REFUSED TR_BLOCK_BIT(ECN_REFUSED)

/* The largest packed record (every block present). */
extern const size_t tr_packed_max;

/* Packs f's blocks that hold something, and those in `keep` even when empty (room for what a
 * later frame will write), into out (tr_packed_max bytes); returns the bytes used. */
size_t tr_finding_pack(const tr_finding *f, uint32_t keep, uint8_t *out);

/* Reads a packed record into *f (every member not in it zero; f->frame is left to the caller). */
void tr_finding_unpack(const uint8_t *in, tr_finding *f);

/* The blocks a packed record holds. */
uint32_t tr_packed_blocks(const uint8_t *in);

/* Packs f's `blocks` into the record `in`, in place, when the record has each of them that
 * holds something (true); else changes nothing (false). */
bool tr_finding_repack(uint8_t *in, uint32_t blocks, const tr_finding *f);

/* Copies the members of `blocks` from src to dst. */
void tr_finding_copy_blocks(tr_finding *dst, const tr_finding *src, uint32_t blocks);

#endif
