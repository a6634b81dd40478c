/* SPDX-License-Identifier: GPL-2.0-or-later
 * Texts for findings. Each names its evidence: the frames, the time, the numbers compared.
 */
#include "tcpreuse/describe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "seq.h"
#include "time_wait.h"

typedef struct text {
    char *buf;
    size_t len, used;
} text;

static text text_start(char *buf, size_t len)
{
    if (len)
        buf[0] = '\0';
    return (text){buf, len, 0};
}

/* The compiler checks put()'s format strings where it can (GCC, Clang; not MSVC). */
#if defined(__GNUC__) || defined(__clang__)
#define TR_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TR_PRINTF_LIKE(fmt, args)
#endif

TR_PRINTF_LIKE(2, 3) static void put(text *t, const char *fmt, ...)
{
    if (t->used + 1 >= t->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->used, t->len - t->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->used = t->used + (size_t)n < t->len ? t->used + (size_t)n : t->len - 1;
}

/* put(t, "%s", s) without printf: every flagged frame's Info tags are made of these (put()
 * cost ~470 instructions a tag, this a tenth). */
static void put_str(text *t, const char *s)
{
    if (t->used + 1 >= t->len)
        return;
    size_t n = strlen(s), room = t->len - 1 - t->used;
    if (n > room)
        n = room;
    memcpy(t->buf + t->used, s, n);
    t->used += n;
    t->buf[t->used] = '\0';
}

/* put(t, "%s%s%s", before, name, after) */
static void put_named(text *t, const char *before, const char *name, const char *after)
{
    put_str(t, before);
    put_str(t, name);
    put_str(t, after);
}

static double seconds(int64_t ns)
{
    return (double)ns / TR_NS_PER_S;
}

/* Texts must fit Wireshark's item labels (ITEM_LABEL_LENGTH, 240 bytes) with 10-digit
 * numbers: the details are fields of their own, the text names the decisive evidence. */
static void put_verdict(text *t, const tr_reuse_finding *r)
{
    switch (r->tw_verdict) {
    case TR_VERDICT_REJECT_PAWS:
        put(t, " and will reject it: PAWS, TSval %u < TS.Recent %u", r->syn_tsval, r->old_ts_recent);
        break;
    case TR_VERDICT_REJECT_SEQ:
        put(t, " and will reject it: ISN %u not after rcv_nxt %u", r->syn_seq, r->old_rcv_nxt);
        break;
    case TR_VERDICT_ACCEPT_SEQ:
        put(t, " and will accept it: ISN %u after rcv_nxt %u", r->syn_seq, r->old_rcv_nxt);
        break;
    case TR_VERDICT_ACCEPT_TS:
        put(t, " and will accept it: TSval %u > TS.Recent %u", r->syn_tsval, r->old_ts_recent);
        break;
    case TR_VERDICT_NONE:
        break;
    }
}

char *tr_describe_reuse(const tr_reuse_finding *r, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!r->present)
        return buf;
    const char *holder = tr_tw_holder_name(r->tw_holder);
    put(&t, "SYN reuses the 4-tuple of frame %u", r->prev_session);
    if (r->prev_close)
        put(&t, " (closed in frame %u, %.3f s ago)", r->prev_close, seconds(r->since_close_ns));
    if (r->syn_reuses_fin_wait2) {
        put(&t, "; the server's FIN (ACKed in frame %u) left it in FIN_WAIT2 (%.1f s left)", r->fw2_since,
            seconds(r->fw2_left_ns));
        if (r->fw2_verdict == TR_FW2_RESET)
            put(&t, " and it will reset it: ISN %u in its window (rcv_nxt %u)", r->syn_seq, r->old_rcv_nxt);
        else if (r->fw2_verdict == TR_FW2_ACK_SEQ)
            put(&t, " and will ACK it: ISN %u out of its window (rcv_nxt %u)", r->syn_seq, r->old_rcv_nxt);
        else if (r->fw2_verdict == TR_FW2_ACK_PAWS)
            put(&t, " and will ACK it: PAWS, TSval %u < TS.Recent %u", r->syn_tsval, r->old_ts_recent);
        else if (r->verdict_unknown)
            put(&t, "; no verdict: the snap length cut the TCP options (timestamps)");
        else
            put(&t, "; no verdict: its window scale was not seen");
    } else if (r->syn_reuses_open) {
        put(&t, ", never seen closing: half-open, a challenge ACK will answer (RFC 5961)");
    } else if (r->syn_reuses_tw) {
        put(&t, "; the %s holds TIME_WAIT (%.1f s left", holder, seconds(r->tw_left_ns));
        if (r->tw_restarted_by)
            put(&t, ", restarted by frame %u", r->tw_restarted_by);
        put(&t, ")");
        if (r->tw_holder == TR_HOLDER_CLIENT && r->server_fin_unacked)
            put(&t, ", the server none (its FIN never seen ACKed: LAST_ACK?)");
        else if (r->tw_holder == TR_HOLDER_CLIENT)
            put(&t, ", the server none");
        put_verdict(&t, r);
        if (r->verdict_unknown)
            put(&t, "; no verdict: the snap length cut the TCP options (timestamps)");
    } else if (r->tw_killed_by) {
        put(&t, "; the %s's TIME_WAIT was killed by the RST in frame %u", holder, r->tw_killed_by);
    } else if (r->tw_taken_by) {
        put(&t, "; the %s's TIME_WAIT gave way to the SYN in frame %u", holder, r->tw_taken_by);
    } else if (r->tw_may_linger) {
        put(&t, "; the %s's TIME_WAIT ran out, but Linux's timer may fire up to %.1f s late", holder,
            seconds(TR_TW_TIMER_SLACK_NS));
    } else if (r->tw_holder != TR_HOLDER_NONE) {
        put(&t, "; the %s's TIME_WAIT has expired", holder);
    }
    return buf;
}

char *tr_describe_answer(const tr_answer_finding *a, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (a->present)
        put(&t, "Answers the SYN in frame %u (%s, %.6f s later)", a->answers_syn, tr_answer_kind_name(a->kind),
            seconds(a->delay_ns));
    return buf;
}

char *tr_describe_stale_ack(const tr_stale_ack_finding *s, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!s->present)
        return buf;
    switch (s->kind) {
    case TR_STALE_TIME_WAIT:
        put(&t, "TIME_WAIT ACK of frame %u's session (closed in frame %u, %.3f s ago): seq %u ack %u are its final "
                "numbers, not an answer to ISN %u",
            s->old_session, s->old_close, seconds(s->since_close_ns), s->seq, s->ack, s->syn_isn);
        if (s->beyond_time_wait)
            put(&t, "; beyond tcpreuse.time_wait");
        break;
    case TR_STALE_CHALLENGE:
        put(&t, "Challenge ACK (RFC 5961) of frame %u's session, never seen closing: seq %u ack %u are its numbers, "
                "not an answer to ISN %u",
            s->old_session, s->seq, s->ack, s->syn_isn);
        break;
    case TR_STALE_LAST_ACK:
        put(&t, "Challenge ACK from LAST_ACK: frame %u's session closed in frame %u, but this end's FIN was never "
                "acknowledged; seq %u ack %u are its numbers, not an answer to ISN %u",
            s->old_session, s->old_close, s->seq, s->ack, s->syn_isn);
        break;
    case TR_STALE_FIN_WAIT2:
        put(&t, "FIN_WAIT2 ACK of frame %u's session (its FIN acknowledged, the peer's never seen): seq %u ack %u are its "
                "numbers, not an answer to ISN %u",
            s->old_session, s->seq, s->ack, s->syn_isn);
        break;
    case TR_STALE_MISSING_SYN_FLAG:
        put(&t, "ACK %u = ISN %u + 1 but no SYN flag: a SYN-ACK that lost its SYN (middlebox bug); the client drops it",
            s->ack, s->syn_isn);
        break;
    case TR_STALE_UNSEEN_STATE:
        put(&t, "Bare ACK (seq %u, ack %u) to ISN %u matches no session in the capture: state held out of sight "
                "(NAT, firewall, older session)",
            s->seq, s->ack, s->syn_isn);
        break;
    case TR_STALE_NONE:
        break;
    }
    return buf;
}

char *tr_describe_rst(const tr_rst_finding *r, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!r->present)
        return buf;
    switch (r->cause) {
    case TR_RST_STALE_ACK:
        put(&t, "RST seq %u = ack of the stale ACK in frame %u: the client in SYN-SENT refuses it (RFC 793)", r->seq,
            r->trigger);
        break;
    case TR_RST_REFUSED:
        put(&t, "RST answers the SYN in frame %u: connection refused", r->trigger);
        break;
    case TR_RST_FIN_WAIT2:
        put(&t, "RST from the orphaned FIN_WAIT2 of frame %u's session: the SYN in frame %u was in its window; that "
                "state is gone, the connect is refused",
            r->ends_session, r->trigger);
        break;
    case TR_RST_ABORT:
        if (r->trigger)
            put(&t, "RST instead of FIN after frame %u (abort), %u bytes unacknowledged", r->trigger, r->outstanding);
        else
            put(&t, "RST instead of FIN (abort), %u bytes unacknowledged", r->outstanding);
        break;
    case TR_RST_AFTER_CLOSE:
        put(&t, "RST answers frame %u after this end closed (data after its FIN or left unread by it)", r->trigger);
        break;
    case TR_RST_NO_SOCKET:
        put(&t, "RST seq %u answers frame %u from an end with no socket for it (RFC 9293 3.10.7.1)", r->seq,
            r->trigger);
        break;
    case TR_RST_INJECTED:
        put(&t, "Suspected injected RST (else %s):", tr_rst_cause_name(r->would_be));
        if (r->evidence & TR_INJECT_IP_ID)
            put(&t, " IP ID of frame %u;", r->ip_id_of);
        if (r->evidence & TR_INJECT_TSECR)
            put(&t, " TSecr %u never sent;", r->tsecr);
        if (r->evidence & TR_INJECT_TTL)
            put(&t, " TTL %u, sender's %u;", r->ttl, r->sender_ttl);
        if (r->evidence & TR_INJECT_CONTRADICTED)
            put(&t, " the sender goes on in frame %u;", r->contradicted_by);
        if (t.used && buf[t.used - 1] == ';')
            buf[--t.used] = '\0';
        break;
    case TR_RST_UNKNOWN:
    case TR_RST_NONE:
        if (r->ignored_in_syn_sent)
            put(&t, "RST seq %u does not acknowledge the SYN: the client in SYN-SENT drops it (RFC 793)", r->seq);
        else
            put(&t, "RST seq %u matches no known cause", r->seq);
        break;
    }
    if (r->kills_time_wait)
        put(&t, "; it ends the peer's TIME_WAIT (tcp_rfc1337 = 0)");
    if (r->ends_session && r->cause != TR_RST_FIN_WAIT2)
        put(&t, "; it ends what the peer held of frame %u's session", r->ends_session);
    return buf;
}

char *tr_describe_clock(const tr_clock_finding *c, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!c->present)
        return buf;
    if (c->random_offsets) {
        put(&t, "A new timestamp clock on every connection from this address (per-connection offsets, as Linux 4.10 "
                "and Linux since 2026): no NAT hints for it");
        return buf;
    }
    if (c->regress)
        put(&t, "SYN TSval %u is older than %u from this address in frame %u", c->tsval, c->newest_tsval,
            c->newest_frame);
    if (c->clocks > 1)
        put(&t, "%s%u timestamp clocks from this address: several hosts behind a NAT? (hint)", c->regress ? "; " : "",
            c->clocks);
    return buf;
}

char *tr_describe_pool(const tr_pool_finding *p, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!p->present)
        return buf;
    double rate = p->span_ns > 0 ? (p->syns - 1) / seconds(p->span_ns) : 0;
    put(&t, "This client address: %u SYNs from %u ports (%u-%u) in %.3f s, %.3g per s", p->syns, p->ports,
        p->port_min, p->port_max, seconds(p->span_ns), rate);
    if (p->cycle_ns)
        put(&t, ", a port back after %.1f s (median)", seconds(p->cycle_ns));
    put(&t, "; TIME_WAIT needs %u ports: %u address%s of this pool", p->ports_needed, p->addresses_needed,
        p->addresses_needed == 1 ? "" : "es");
    return buf;
}

char *tr_describe_loop(const tr_loop_finding *l, bool on_rst, bool show_open, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!l->cycles)
        return buf;
    if (on_rst)
        put(&t, "Reset loop cycle %u on this 4-tuple (SYN -> stale ACK -> RST since the SYN in frame %u)", l->cycles,
            l->began);
    else
        put(&t, "SYN after %u reset loop cycle%s on this 4-tuple (SYN -> stale ACK -> RST since frame %u)", l->cycles,
            l->cycles == 1 ? "" : "s", l->began);
    if (on_rst && l->open && show_open)
        put(&t, ": no SYN-ACK followed within the capture");
    return buf;
}

char *tr_describe_ecn(const tr_ecn_finding *e, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (e->refused_syn)
        put(&t, "RST refuses the ECN-setup SYN (ECE+CWR) in frame %u, on a path that never answered one but "
                "answers SYNs without ECN (a closed port would refuse both): some middleboxes reset ECN-setup "
                "SYNs (RFC 3360)", e->refused_syn);
    if (!e->failed_syn)
        return buf;
    if (e->failed_rst)
        put(&t, "ECN-setup SYN in frame %u was refused by the RST in frame %u", e->failed_syn, e->failed_rst);
    else
        put(&t, "ECN-setup SYN in frame %u got no answer", e->failed_syn);
    put(&t, "; this SYN-ACK answers the retry without ECN in frame %u: the path may drop or reset ECN-setup SYNs "
            "(RFC 3168 6.1.1.1, RFC 3360)", e->retry_syn);
    return buf;
}

char *tr_describe_not_analysed(const tr_finding *f, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (f->duplicate_of)
        put(&t, "Copy of frame %u (the same segment captured again): analysed there", f->duplicate_of);
    else if (f->implausible != TR_PLAUSIBLE)
        put(&t, "No TCP stack sends this segment (%s): not analysed", tr_implausible_name(f->implausible));
    return buf;
}

char *tr_describe_info_tags(const tr_finding *f, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!f)
        return buf;
    if (f->duplicate_of)
        put(&t, "[Copy of %u] ", f->duplicate_of);
    if (f->implausible != TR_PLAUSIBLE)
        put_named(&t, "[Implausible: ", tr_implausible_name(f->implausible), "] ");
    const tr_reuse_finding *r = &f->reuse;
    if (r->present) {
        if (r->syn_reuses_fin_wait2)
            put_str(&t, "[SYN in FIN_WAIT2] ");
        else if (r->syn_reuses_open)
            put_str(&t, "[SYN on open session] ");
        else if (r->syn_reuses_tw)
            put_str(&t, "[SYN in TIME_WAIT] ");
        else
            put_str(&t, "[4-tuple reused] ");
        if (r->tw_verdict == TR_VERDICT_REJECT_PAWS)
            put_str(&t, "[PAWS reject] ");
        else if (r->tw_verdict == TR_VERDICT_REJECT_SEQ)
            put_str(&t, "[Seq reject] ");
    }
    if (f->stale_ack.present)
        put_named(&t, "[Stale ACK: ", tr_stale_kind_name(f->stale_ack.kind), "] ");
    if (f->rst.present && f->rst.cause == TR_RST_STALE_ACK)
        put_str(&t, "[RST: stale ACK] ");
    else if (f->rst.present)
        put_named(&t, "[RST: ", tr_rst_cause_name(f->rst.cause), "] ");
    if (f->clock.present && f->clock.regress)
        put_str(&t, "[TSval regress] ");
    /* One cycle is story 000's usual PAWS reject and retry; from two on it is a loop. */
    if (!f->rst.present && f->loop.cycles >= 2)
        put(&t, "[Reset loop: %u cycles] ", f->loop.cycles);
    if (f->ecn.refused_syn)
        put_str(&t, "[RST to ECN-setup SYN] ");
    if (f->ecn.failed_syn)
        put_str(&t, "[ECN-setup SYN failed] ");
    if (t.used && buf[t.used - 1] == ' ')
        buf[--t.used] = '\0';
    return buf;
}
