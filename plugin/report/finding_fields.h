/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: what a finding shows, as named fields in groups, for every output that shows it:
 * the plugin's tree (render.c) and tcpreuse-scan's JSON and CSV. No Wireshark types here.
 *
 * A field's name is its display filter name without "tcpreuse." (tests/integration/
 * contract_fields.txt); the plugin registers each field under "tcpreuse." and that name.
 * A group is one block of the finding (a reuse, an RST, ...), shown under its describe text.
 */
#ifndef TCPREUSE_FINDING_FIELDS_H
#define TCPREUSE_FINDING_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "tcpreuse/finding.h"

typedef enum tr_field_type {
    TR_FIELD_FRAME,   /* a frame number (never 0: absent instead) */
    TR_FIELD_UINT,
    TR_FIELD_TIME,    /* a time span, nanoseconds */
    TR_FIELD_STRING,
    TR_FIELD_FLAG,    /* present only where it holds: always true */
} tr_field_type;

/* In the order the plugin's tree shows them (and tcpreuse-scan's CSV columns), except the
 * numbers a verdict compared (syn_seq, old_rcv_nxt), which the tree shows after the verdict,
 * FIN_WAIT2's or TIME_WAIT's. */
typedef enum tr_field_id {
    TR_FIELD_TAGS,
    TR_FIELD_DUPLICATE_OF,
    TR_FIELD_IMPLAUSIBLE,
    TR_FIELD_RETRANSMIT_OF,
    TR_FIELD_SYN_ANSWERED_BY,
    TR_FIELD_SYN_ANSWER_KIND,
    /* reuse */
    TR_FIELD_PREV_SESSION,
    TR_FIELD_PREV_CLOSE,
    TR_FIELD_SINCE_CLOSE,
    TR_FIELD_PORT_REUSE_INTERVAL,
    TR_FIELD_TW_HOLDER,
    TR_FIELD_SYN_REUSES_TW,
    TR_FIELD_SYN_REUSES_OPEN,
    TR_FIELD_SYN_REUSES_FIN_WAIT2,
    TR_FIELD_FIN_WAIT2_SINCE,
    TR_FIELD_FIN_WAIT2_LEFT,
    TR_FIELD_FIN_WAIT2_VERDICT,
    TR_FIELD_SYN_SEQ,
    TR_FIELD_OLD_RCV_NXT,
    TR_FIELD_OLD_RCV_WND,
    TR_FIELD_TW_MAY_LINGER,
    TR_FIELD_TW_LEFT,
    TR_FIELD_TW_RESTARTED_BY,
    TR_FIELD_TW_KILLED_BY,
    TR_FIELD_TW_TAKEN_BY,
    TR_FIELD_TW_VERDICT_UNKNOWN,
    TR_FIELD_TW_VERDICT,
    TR_FIELD_SYN_TSVAL,
    TR_FIELD_OLD_TS_RECENT,
    /* answer */
    TR_FIELD_ANSWERS_SYN,
    TR_FIELD_ANSWER_KIND,
    TR_FIELD_ANSWER_DELAY,
    /* stale ACK */
    TR_FIELD_STALE_ACK,
    TR_FIELD_STALE_ACK_KIND,
    TR_FIELD_STALE_ACK_SEQ,
    TR_FIELD_STALE_ACK_ACK,
    TR_FIELD_STALE_ACK_SYN_ISN,
    TR_FIELD_STALE_ACK_SESSION,
    TR_FIELD_STALE_ACK_CLOSE,
    TR_FIELD_STALE_ACK_OLD_SND_NXT,
    TR_FIELD_STALE_ACK_OLD_RCV_NXT,
    TR_FIELD_STALE_ACK_SINCE_CLOSE,
    TR_FIELD_STALE_ACK_BEYOND_TIME_WAIT,
    /* RST */
    TR_FIELD_RST_CAUSE,
    TR_FIELD_RST_TRIGGER,
    TR_FIELD_RST_SEQ,
    TR_FIELD_RST_OUTSTANDING,
    TR_FIELD_RST_KILLS_TIME_WAIT,
    TR_FIELD_RST_ENDS_SESSION,
    TR_FIELD_RST_IGNORED_IN_SYN_SENT,
    TR_FIELD_RST_WOULD_BE,
    TR_FIELD_RST_INJECTION_TTL,
    TR_FIELD_RST_INJECTION_SENDER_TTL,
    TR_FIELD_RST_INJECTION_IP_ID_OF,
    TR_FIELD_RST_INJECTION_TSECR,
    TR_FIELD_RST_INJECTION_CONTRADICTED_BY,
    TR_FIELD_RST_SENDER_ROLE,
    TR_FIELD_RST_CONNECTION,
    TR_FIELD_RST_FIRST,
    /* timestamp clocks */
    TR_FIELD_TS_REGRESS,
    TR_FIELD_TS_NEWEST_TSVAL,
    TR_FIELD_TS_NEWEST_FRAME,
    TR_FIELD_TS_CLOCKS,
    TR_FIELD_TS_RANDOM_OFFSETS,
    /* port pool */
    TR_FIELD_POOL_SYNS,
    TR_FIELD_POOL_PORTS,
    TR_FIELD_POOL_PORT_MIN,
    TR_FIELD_POOL_PORT_MAX,
    TR_FIELD_POOL_SPAN,
    TR_FIELD_POOL_CYCLE,
    TR_FIELD_POOL_PER_SECOND,
    TR_FIELD_POOL_PORTS_NEEDED,
    TR_FIELD_POOL_ADDRESSES_NEEDED,
    /* reset loop, ECN-setup SYNs */
    TR_FIELD_LOOP_CYCLES,
    TR_FIELD_LOOP_BEGAN,
    TR_FIELD_LOOP_OPEN,
    TR_FIELD_ECN_REFUSED_SYN,
    TR_FIELD_ECN_FAILED_SYN,
    TR_FIELD_ECN_FAILED_RST,
    TR_FIELD_ECN_RETRY_SYN,
    /* memory bounds */
    TR_FIELD_TABLE_FULL,
    TR_FIELD_CLOCK_TABLE_FULL,
    TR_FIELD_POOL_TABLE_FULL,
    TR_FIELD_ECN_TABLE_FULL,
    TR_FIELD_COUNT
} tr_field_id;

/* The field's name without "tcpreuse." (e.g. "rst.cause") and its type. */
const char *tr_field_name(tr_field_id id);
tr_field_type tr_field_type_of(tr_field_id id);

typedef struct tr_field_value {
    tr_field_id id;
    union {
        uint32_t number;      /* TR_FIELD_FRAME, TR_FIELD_UINT */
        int64_t ns;           /* TR_FIELD_TIME */
        const char *string;   /* TR_FIELD_STRING: static or the caller's tags */
    } as;
} tr_field_value;

/* The blocks of a finding, each shown under its text. */
typedef enum tr_group {
    TR_GROUP_NOT_ANALYSED, /* a copy or an implausible segment: its fields belong to the top, not a subtree */
    TR_GROUP_REUSE,
    TR_GROUP_ANSWER,
    TR_GROUP_STALE_ACK,
    TR_GROUP_RST,
    TR_GROUP_CLOCK,
    TR_GROUP_POOL,
    TR_GROUP_LOOP,
    TR_GROUP_ECN,
} tr_group;
#define TR_GROUP_COUNT (TR_GROUP_ECN + 1) /* not a member: switches over the groups stay exhaustive */

#define TR_GROUP_BIT(group) (1u << (group))

/* The groups the finding has, as TR_GROUP_BIT()s (groups are visited in their enum order). */
uint32_t tr_finding_groups(const tr_finding *f);

typedef struct tr_finding_visitor {
    /* A group starts; text is its describe text. */
    void (*group_begins)(void *ctx, tr_group group, const char *text);
    /* A field of the current group, or of the top when no group is open. */
    void (*field)(void *ctx, const tr_field_value *value);
    void (*group_ends)(void *ctx, tr_group group, const char *text);
} tr_finding_visitor;

typedef struct tr_visit_options {
    /* The whole capture has been read: a reset loop left open is known (see tr_loop_shown_open). */
    bool capture_read;
    /* The frame's Info tags (tr_describe_info_tags), shown as the field "tags" when not empty. */
    const char *tags;
} tr_visit_options;

/* Visit the finding's groups and fields in the order the plugin's tree shows them. Fields
 * outside any group (tags, the SYN's answer, the memory bounds) come between groups. */
void tr_visit_finding(const tr_finding *f, const tr_visit_options *opt, const tr_finding_visitor *v, void *ctx);

/* What a frame skipped because its TCP/IP headers could not be read says, in the plugin's
 * expert info and in tcpreuse-scan's reports. */
extern const char tr_text_truncated[];
extern const char tr_text_malformed[];

/* Whether the loop group says that the loop was left open: on the loop's latest RST, and
 * only once the whole capture has been read (before, a later SYN-ACK may still close it). */
bool tr_loop_shown_open(const tr_finding *f, bool capture_read);

#endif
