/* SPDX-License-Identifier: GPL-2.0-or-later
 * Finding helpers: the enumeration names of the field contract (display-filter values).
 */
#include "tcpreuse/finding.h"

const char *tr_tw_holder_name(tr_tw_holder h)
{
    switch (h) {
    case TR_HOLDER_CLIENT: return "client";
    case TR_HOLDER_SERVER: return "server";
    case TR_HOLDER_BOTH: return "both";
    case TR_HOLDER_NONE: break;
    }
    return "none";
}

const char *tr_tw_verdict_name(tr_tw_verdict v)
{
    switch (v) {
    case TR_VERDICT_ACCEPT_SEQ: return "accept-seq";
    case TR_VERDICT_ACCEPT_TS: return "accept-ts";
    case TR_VERDICT_REJECT_PAWS: return "reject-paws";
    case TR_VERDICT_REJECT_SEQ: return "reject-seq";
    case TR_VERDICT_NONE: break;
    }
    return "none";
}

const char *tr_fw2_verdict_name(tr_fw2_verdict v)
{
    switch (v) {
    case TR_FW2_RESET: return "reset";
    case TR_FW2_ACK_SEQ: return "ack-seq";
    case TR_FW2_ACK_PAWS: return "ack-paws";
    case TR_FW2_NONE: break;
    }
    return "none";
}

const char *tr_stale_kind_name(tr_stale_kind k)
{
    switch (k) {
    case TR_STALE_TIME_WAIT: return "time-wait";
    case TR_STALE_CHALLENGE: return "challenge";
    case TR_STALE_MISSING_SYN_FLAG: return "missing-syn-flag";
    case TR_STALE_UNSEEN_STATE: return "unseen-state";
    case TR_STALE_LAST_ACK: return "last-ack";
    case TR_STALE_FIN_WAIT2: return "fin-wait-2";
    case TR_STALE_NONE: break;
    }
    return "none";
}

const char *tr_rst_cause_name(tr_rst_cause c)
{
    switch (c) {
    case TR_RST_STALE_ACK: return "stale-ack";
    case TR_RST_REFUSED: return "refused";
    case TR_RST_ABORT: return "abort";
    case TR_RST_AFTER_CLOSE: return "after-close";
    case TR_RST_NO_SOCKET: return "no-socket";
    case TR_RST_INJECTED: return "injected";
    case TR_RST_FIN_WAIT2: return "fin-wait-2";
    case TR_RST_UNKNOWN: return "unknown";
    case TR_RST_NONE: break;
    }
    return "none";
}

const char *tr_answer_kind_name(tr_answer_kind k)
{
    switch (k) {
    case TR_ANSWER_SYN_ACK: return "syn-ack";
    case TR_ANSWER_BARE_ACK: return "bare-ack";
    case TR_ANSWER_RST: return "rst";
    case TR_ANSWER_NONE: break;
    }
    return "none";
}

const char *tr_role_name(tr_role r)
{
    switch (r) {
    case TR_ROLE_CLIENT: return "client";
    case TR_ROLE_SERVER: return "server";
    case TR_ROLE_UNKNOWN: break;
    }
    return "unknown";
}

const char *tr_implausible_name(tr_implausible i)
{
    switch (i) {
    case TR_IMPLAUSIBLE_RESERVED_BITS: return "reserved-bits";
    case TR_IMPLAUSIBLE_SYN_FIN: return "syn-fin";
    case TR_IMPLAUSIBLE_SYN_RST: return "syn-rst";
    case TR_IMPLAUSIBLE_SYN_ACK_FIELD: return "syn-ack-number";
    case TR_IMPLAUSIBLE_RST_FLAGS: return "rst-flags";
    case TR_PLAUSIBLE: break;
    }
    return "none";
}

bool tr_finding_has_any(const tr_finding *f)
{
    return f && (f->duplicate_of || f->implausible != TR_PLAUSIBLE || f->syn.retransmit_of || f->syn.answered_by ||
                 f->reuse.present || f->answer.present || f->stale_ack.present || f->rst.present ||
                 f->clock.present || f->pool.present || f->loop.cycles || f->ecn.failed_syn || f->table_full ||
                 f->clock_table_full || f->pool_table_full || f->ecn_table_full);
}
