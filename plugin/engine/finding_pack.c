/* SPDX-License-Identifier: GPL-2.0-or-later
 * Packing and unpacking a finding. Each block's members are listed once, below; packing,
 * unpacking, copying and the block sizes are all generated from those lists, so the two
 * directions cannot drift apart.
 */
#include "finding_pack.h"

#include <string.h>

#include "tcpreuse/hints.h"

/* Member kinds: BOOL one bit; ENUM2, ENUM3, ENUM4 an enumeration in that many bits (its
 * largest value checked below); U8, U16, U32, I64 a number at its member's own width. */
#define BLOCK_FLAGS(X)                                                                               \
    X(ENUM3, implausible) X(BOOL, table_full) X(BOOL, clock_table_full) X(BOOL, pool_table_full)     \
    X(BOOL, ecn_table_full)
#define BLOCK_DUPLICATE(X) X(U32, duplicate_of)
#define BLOCK_SYN_RETRANSMIT(X) X(U32, syn.retransmit_of)
#define BLOCK_SYN_ANSWER(X) X(ENUM2, syn.answer_kind) X(U32, syn.answered_by)
#define BLOCK_REUSE(X)                                                                               \
    X(BOOL, reuse.present) X(ENUM2, reuse.tw_holder) X(BOOL, reuse.syn_reuses_tw)                    \
    X(BOOL, reuse.tw_may_linger) X(BOOL, reuse.syn_reuses_open) X(BOOL, reuse.server_fin_unacked)    \
    X(BOOL, reuse.syn_reuses_fin_wait2) X(ENUM3, reuse.tw_verdict) X(BOOL, reuse.verdict_unknown)    \
    X(U32, reuse.prev_session) X(U32, reuse.prev_close) X(I64, reuse.since_close_ns)                 \
    X(I64, reuse.port_reuse_interval_ns) X(I64, reuse.tw_left_ns)
#define BLOCK_REUSE_FIN_WAIT2(X)                                                                     \
    X(ENUM2, reuse.fw2_verdict) X(U32, reuse.fw2_since) X(I64, reuse.fw2_left_ns) X(U32, reuse.old_rcv_wnd)
#define BLOCK_REUSE_TW_FRAMES(X) X(U32, reuse.tw_restarted_by) X(U32, reuse.tw_killed_by) X(U32, reuse.tw_taken_by)
#define BLOCK_REUSE_VERDICT(X)                                                                       \
    X(BOOL, reuse.syn_has_ts) X(BOOL, reuse.old_has_ts) X(U32, reuse.syn_seq) X(U32, reuse.old_rcv_nxt) \
    X(U32, reuse.syn_tsval) X(U32, reuse.old_ts_recent)
#define BLOCK_ANSWER(X) X(BOOL, answer.present) X(ENUM2, answer.kind) X(U32, answer.answers_syn) X(I64, answer.delay_ns)
#define BLOCK_STALE_ACK(X)                                                                           \
    X(BOOL, stale_ack.present) X(ENUM3, stale_ack.kind) X(BOOL, stale_ack.beyond_time_wait)          \
    X(U32, stale_ack.seq) X(U32, stale_ack.ack) X(U32, stale_ack.syn_isn)
#define BLOCK_STALE_ACK_OLD(X)                                                                       \
    X(U32, stale_ack.old_session) X(U32, stale_ack.old_close) X(U32, stale_ack.old_snd_nxt)          \
    X(U32, stale_ack.old_rcv_nxt) X(I64, stale_ack.since_close_ns)
#define BLOCK_RST(X)                                                                                 \
    X(BOOL, rst.present) X(ENUM4, rst.cause) X(ENUM2, rst.sender_role) X(BOOL, rst.first)            \
    X(BOOL, rst.kills_time_wait) X(BOOL, rst.ignored_in_syn_sent) X(U8, rst.ttl) X(U32, rst.trigger) \
    X(U32, rst.seq) X(U32, rst.connection)
#define BLOCK_RST_OUTSTANDING(X) X(U32, rst.outstanding)
#define BLOCK_RST_ENDS_SESSION(X) X(U32, rst.ends_session)
#define BLOCK_RST_INJECTION(X)                                                                       \
    X(ENUM4, rst.would_be) X(U8, rst.evidence) X(U8, rst.sender_ttl) X(U32, rst.ip_id_of)            \
    X(U32, rst.tsecr) X(U32, rst.contradicted_by)
#define BLOCK_CLOCK(X)                                                                               \
    X(BOOL, clock.present) X(BOOL, clock.regress) X(BOOL, clock.random_offsets) X(U32, clock.tsval)  \
    X(U32, clock.clocks)
#define BLOCK_CLOCK_REGRESS(X) X(U32, clock.newest_tsval) X(U32, clock.newest_frame)
#define BLOCK_POOL(X)                                                                                \
    X(BOOL, pool.present) X(U32, pool.syns) X(U32, pool.ports) X(U16, pool.port_min)                 \
    X(U16, pool.port_max) X(I64, pool.span_ns) X(I64, pool.cycle_ns) X(U32, pool.per_second)         \
    X(U32, pool.ports_needed) X(U32, pool.addresses_needed)
#define BLOCK_LOOP(X) X(BOOL, loop.open) X(U32, loop.cycles) X(U32, loop.began)
#define BLOCK_ECN_REFUSED(X) X(U32, ecn.refused_syn)
#define BLOCK_ECN_FALLBACK(X) X(U32, ecn.failed_syn) X(U32, ecn.failed_rst) X(U32, ecn.retry_syn)

/* A block is kept when one of its members is not zero and its part is present: the part's
 * `present` flag where it has one (finding.h: the part's members mean nothing without it). */
#define ANY_MEMBER(kind, m) | (uint64_t)f->m
#define HOLDS_SOMETHING(name) ((0 BLOCK_##name(ANY_MEMBER)) != 0)
#define PART_FLAGS 1
#define PART_DUPLICATE 1
#define PART_SYN_RETRANSMIT 1
#define PART_SYN_ANSWER 1
#define PART_REUSE f->reuse.present
#define PART_REUSE_FIN_WAIT2 f->reuse.present
#define PART_REUSE_TW_FRAMES f->reuse.present
#define PART_REUSE_VERDICT f->reuse.present
#define PART_ANSWER f->answer.present
#define PART_STALE_ACK f->stale_ack.present
#define PART_STALE_ACK_OLD f->stale_ack.present
#define PART_RST f->rst.present
#define PART_RST_OUTSTANDING f->rst.present
#define PART_RST_ENDS_SESSION f->rst.present
#define PART_RST_INJECTION f->rst.present
#define PART_CLOCK 1 /* a held-back clock mark has present = false (clock_tracker.h) */
#define PART_CLOCK_REGRESS 1
#define PART_POOL f->pool.present
#define PART_LOOP 1
#define PART_ECN_REFUSED 1
#define PART_ECN_FALLBACK 1
#define KEPT(name) ((PART_##name) && HOLDS_SOMETHING(name))

/* Each enumeration fits the bits it is packed in. */
_Static_assert(TR_IMPLAUSIBLE_RST_FLAGS < 8, "tr_implausible in 3 bits");
_Static_assert(TR_ANSWER_RST < 4, "tr_answer_kind in 2 bits");
_Static_assert(TR_HOLDER_BOTH < 4, "tr_tw_holder in 2 bits");
_Static_assert(TR_VERDICT_REJECT_SEQ < 8, "tr_tw_verdict in 3 bits");
_Static_assert(TR_FW2_ACK_PAWS < 4, "tr_fw2_verdict in 2 bits");
_Static_assert(TR_STALE_FIN_WAIT2 < 8, "tr_stale_kind in 3 bits");
_Static_assert(TR_RST_UNKNOWN < 16, "tr_rst_cause in 4 bits");
_Static_assert(TR_ROLE_SERVER < 4, "tr_role in 2 bits");

#define BITS_BOOL 1
#define BITS_ENUM2 2
#define BITS_ENUM3 3
#define BITS_ENUM4 4
#define BITS_U8 0
#define BITS_U16 0
#define BITS_U32 0
#define BITS_I64 0
#define BYTES_BOOL 0
#define BYTES_ENUM2 0
#define BYTES_ENUM3 0
#define BYTES_ENUM4 0
#define BYTES_U8 1
#define BYTES_U16 2
#define BYTES_U32 4
#define BYTES_I64 8

#define ADD_BITS(kind, m) +BITS_##kind
#define ADD_BYTES(kind, m) +BYTES_##kind
#define BITS_BYTES(name) ((0 BLOCK_##name(ADD_BITS) + 7) / 8)
#define BLOCK_SIZE(name) (BITS_BYTES(name) + (0 BLOCK_##name(ADD_BYTES)))

/* A number is packed at its member's own width; a block's bits fit the 32-bit accumulator. */
#define MEMBER_SIZE(m) sizeof(((tr_finding *)0)->m)
#define CHECK(kind, m) _Static_assert(!BYTES_##kind || MEMBER_SIZE(m) == BYTES_##kind, "width of " #m);
#define CHECK_BLOCK(name)                                                                            \
    BLOCK_##name(CHECK) _Static_assert((0 BLOCK_##name(ADD_BITS)) <= 32, "bits of " #name);
TR_BLOCK_NAMES(CHECK_BLOCK)

#define ADD_SIZE(name) +BLOCK_SIZE(name)
const size_t tr_packed_max = sizeof(uint32_t) + (0 TR_BLOCK_NAMES(ADD_SIZE));

/* ---- one member ---- */

typedef struct packer {
    uint8_t *bytes;
    uint32_t bits;
    unsigned nbits;
} packer;

typedef struct unpacker {
    const uint8_t *bytes;
    uint32_t bits;
    unsigned nbits;
} unpacker;

static inline void put_bits(packer *w, uint32_t v, unsigned n)
{
    w->bits |= v << w->nbits;
    w->nbits += n;
}

static inline void put_number(packer *w, const void *member, size_t n)
{
    memcpy(w->bytes, member, n);
    w->bytes += n;
}

static inline uint32_t get_bits(unpacker *r, unsigned n)
{
    uint32_t v = (r->bits >> r->nbits) & ((1u << n) - 1);
    r->nbits += n;
    return v;
}

static inline void get_number(unpacker *r, void *member, size_t n)
{
    memcpy(member, r->bytes, n);
    r->bytes += n;
}

#define PUT_BOOL(m) put_bits(&w, f->m, 1);
#define PUT_ENUM2(m) put_bits(&w, (uint32_t)f->m, 2);
#define PUT_ENUM3(m) put_bits(&w, (uint32_t)f->m, 3);
#define PUT_ENUM4(m) put_bits(&w, (uint32_t)f->m, 4);
#define PUT_U8(m) put_number(&w, &f->m, 1);
#define PUT_U16(m) put_number(&w, &f->m, 2);
#define PUT_U32(m) put_number(&w, &f->m, 4);
#define PUT_I64(m) put_number(&w, &f->m, 8);
#define PUT(kind, m) PUT_##kind(m)

#define GET_BOOL(m) f->m = get_bits(&r, 1);
#define GET_ENUM2(m) f->m = get_bits(&r, 2);
#define GET_ENUM3(m) f->m = get_bits(&r, 3);
#define GET_ENUM4(m) f->m = get_bits(&r, 4);
#define GET_U8(m) get_number(&r, &f->m, 1);
#define GET_U16(m) get_number(&r, &f->m, 2);
#define GET_U32(m) get_number(&r, &f->m, 4);
#define GET_I64(m) get_number(&r, &f->m, 8);
#define GET(kind, m) GET_##kind(m)

#define COPY(kind, m) dst->m = src->m;

static void put_bit_bytes(uint8_t *out, uint32_t bits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(bits >> (8 * i));
}

static uint32_t get_bit_bytes(const uint8_t *in, size_t n)
{
    uint32_t bits = 0;
    for (size_t i = 0; i < n; i++)
        bits |= (uint32_t)in[i] << (8 * i);
    return bits;
}

/* ---- one block: pack_X writes it when it is kept (true), unpack_X reads it, copy_X copies
 * its members ---- */

#define DEFINE_BLOCK(name)                                                                           \
    static inline bool pack_##name(const tr_finding *f, uint8_t *out)                                \
    {                                                                                                \
        if (!TR_UNLIKELY(KEPT(name)))  /* a frame has few blocks: their tests run in a row */        \
            return false;                                                                            \
        packer w = {.bytes = out + BITS_BYTES(name)};                                                \
        BLOCK_##name(PUT)                                                                            \
        put_bit_bytes(out, w.bits, BITS_BYTES(name));                                                \
        return true;                                                                                 \
    }                                                                                                \
    static inline void unpack_##name(const uint8_t *in, tr_finding *f)                               \
    {                                                                                                \
        unpacker r = {.bytes = in + BITS_BYTES(name), .bits = get_bit_bytes(in, BITS_BYTES(name))};  \
        BLOCK_##name(GET)                                                                            \
    }                                                                                                \
    static inline void copy_##name(tr_finding *dst, const tr_finding *src)                           \
    {                                                                                                \
        BLOCK_##name(COPY)                                                                           \
    }
TR_BLOCK_NAMES(DEFINE_BLOCK)

/* ---- whole records ---- */

static uint32_t read_blocks(const uint8_t *in)
{
    uint32_t blocks;
    memcpy(&blocks, in, sizeof blocks);
    return blocks;
}

uint32_t tr_packed_blocks(const uint8_t *in)
{
    return read_blocks(in);
}

/* A block kept while it holds nothing: zeros. */
static bool empty_block(uint8_t *p, size_t size)
{
    memset(p, 0, size);
    return true;
}

size_t tr_finding_pack(const tr_finding *f, uint32_t keep, uint8_t *out)
{
    uint32_t blocks = 0;
    uint8_t *p = out + sizeof blocks;
#define PACK(name)                                                                                   \
    if (pack_##name(f, p) || ((keep & TR_BLOCK_BIT(name)) && empty_block(p, BLOCK_SIZE(name)))) {   \
        blocks |= TR_BLOCK_BIT(name);                                                                \
        p += BLOCK_SIZE(name);                                                                       \
    }
    TR_BLOCK_NAMES(PACK)
#undef PACK
    memcpy(out, &blocks, sizeof blocks);
    return (size_t)(p - out);
}

void tr_finding_unpack(const uint8_t *in, tr_finding *f)
{
    uint32_t blocks = read_blocks(in);
    const uint8_t *p = in + sizeof blocks;
    memset(f, 0, sizeof *f);
#define UNPACK(name)                                                                                 \
    if (blocks & TR_BLOCK_BIT(name)) {                                                               \
        unpack_##name(p, f);                                                                         \
        p += BLOCK_SIZE(name);                                                                       \
    }
    TR_BLOCK_NAMES(UNPACK)
#undef UNPACK
}

/* The blocks of f that hold something, among `blocks`. */
static uint32_t blocks_used(const tr_finding *f, uint32_t blocks)
{
    uint32_t used = 0;
    if (!blocks)
        return 0;
#define USED(name)                                                                                   \
    if ((blocks & TR_BLOCK_BIT(name)) && KEPT(name))                                                 \
        used |= TR_BLOCK_BIT(name);
    TR_BLOCK_NAMES(USED)
#undef USED
    return used;
}

bool tr_finding_repack(uint8_t *in, uint32_t blocks, const tr_finding *f)
{
    uint32_t held = read_blocks(in);
    if (blocks_used(f, blocks & ~held))
        return false;
    uint8_t *p = in + sizeof held;
#define REPACK(name)                                                                                 \
    if (held & TR_BLOCK_BIT(name)) {                                                                 \
        if ((blocks & TR_BLOCK_BIT(name)) && !pack_##name(f, p))                                     \
            empty_block(p, BLOCK_SIZE(name));                                                        \
        p += BLOCK_SIZE(name);                                                                       \
    }
    TR_BLOCK_NAMES(REPACK)
#undef REPACK
    return true;
}

void tr_finding_copy_blocks(tr_finding *dst, const tr_finding *src, uint32_t blocks)
{
#define COPY_BLOCK(name)                                                                             \
    if (blocks & TR_BLOCK_BIT(name))                                                                 \
        copy_##name(dst, src);
    TR_BLOCK_NAMES(COPY_BLOCK)
#undef COPY_BLOCK
}
