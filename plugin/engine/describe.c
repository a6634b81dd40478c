/* SPDX-License-Identifier: GPL-2.0-or-later
 * Texts for findings. Each names its evidence: the frames, the time, the numbers compared.
 */
#include "tcpreuse/describe.h"

#include <stdarg.h>
#include <stdio.h>

#include "seq.h"

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

__attribute__((format(printf, 2, 3))) static void put(text *t, const char *fmt, ...)
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

static double seconds(int64_t ns)
{
    return (double)ns / TR_NS_PER_S;
}

static void put_verdict(text *t, const tr_reuse_finding *r)
{
    switch (r->tw_verdict) {
    case TR_VERDICT_REJECT_PAWS:
        put(t, "; the server will reject it on PAWS: TSval %u is older than TS.Recent %u (RFC 7323 5.3)"
               "%s, and answer with its TIME_WAIT ACK",
            r->syn_tsval, r->old_ts_recent,
            tr_seq_after(r->syn_seq, r->old_rcv_nxt) ? " although the ISN is after rcv_nxt" : "");
        break;
    case TR_VERDICT_REJECT_SEQ:
        put(t, "; the server will reject it: ISN %u is not after rcv_nxt %u%s, and answer with its TIME_WAIT ACK",
            r->syn_seq, r->old_rcv_nxt,
            r->syn_has_ts && r->old_has_ts ? " and the TSval is not newer" : " and no timestamps to help");
        break;
    case TR_VERDICT_ACCEPT_SEQ:
        put(t, "; the server will accept it: ISN %u is after rcv_nxt %u (RFC 1122 4.2.2.13)", r->syn_seq,
            r->old_rcv_nxt);
        break;
    case TR_VERDICT_ACCEPT_TS:
        put(t, "; the server will accept it: TSval %u is newer than TS.Recent %u (RFC 6191) although ISN %u is "
               "not after rcv_nxt %u",
            r->syn_tsval, r->old_ts_recent, r->syn_seq, r->old_rcv_nxt);
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
    if (r->retransmit_of)
        put(&t, "Retransmission of the SYN in frame %u; ", r->retransmit_of);
    put(&t, "SYN reuses the 4-tuple of the session in frame %u", r->prev_session);
    if (r->prev_close)
        put(&t, ", closed in frame %u %.3f s ago", r->prev_close, seconds(r->since_close_ns));
    if (r->syn_reuses_open)
        put(&t, " that was never seen closing: a half-open socket answers with a challenge ACK (RFC 5961 4)");
    else if (r->syn_reuses_tw)
        put(&t, "; TIME_WAIT still held by the %s (%.3f s left)", tr_tw_holder_name(r->tw_holder),
            seconds(r->tw_left_ns));
    else if (r->tw_killed_by)
        put(&t, "; the %s's TIME_WAIT was ended by the RST in frame %u", tr_tw_holder_name(r->tw_holder),
            r->tw_killed_by);
    else if (r->tw_taken_by)
        put(&t, "; the %s's TIME_WAIT gave way to the SYN in frame %u", tr_tw_holder_name(r->tw_holder),
            r->tw_taken_by);
    else if (r->tw_holder != TR_HOLDER_NONE)
        put(&t, "; the %s's TIME_WAIT has expired", tr_tw_holder_name(r->tw_holder));
    if (r->tw_restarted_by && r->syn_reuses_tw)
        put(&t, " (timer restarted by frame %u)", r->tw_restarted_by);
    if (r->syn_reuses_tw && r->tw_holder == TR_HOLDER_CLIENT)
        put(&t, "; the server keeps no state, so it should answer normally");
    put_verdict(&t, r);
    if (r->syn_answered_by)
        put(&t, "; answered by frame %u (%s)", r->syn_answered_by, tr_answer_kind_name(r->answer_kind));
    return buf;
}

char *tr_describe_answer(const tr_answer_finding *a, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (a->present)
        put(&t, "Answers the SYN in frame %u (%s after %.6f s)", a->answers_syn, tr_answer_kind_name(a->kind),
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
        put(&t, "TIME_WAIT ACK of the session in frame %u (closed in frame %u %.3f s ago): seq %u ack %u are its "
                "final numbers (snd_nxt %u, rcv_nxt %u), not an answer to ISN %u",
            s->old_session, s->old_close, seconds(s->since_close_ns), s->seq, s->ack, s->old_snd_nxt,
            s->old_rcv_nxt, s->syn_isn);
        if (s->beyond_time_wait)
            put(&t, "; TIME_WAIT outlived the configured tcpreuse.time_wait");
        break;
    case TR_STALE_CHALLENGE:
        put(&t, "Challenge ACK (RFC 5961 4) of the session in frame %u, never seen closing: seq %u ack %u are its "
                "numbers (snd_nxt %u, rcv_nxt %u), not an answer to ISN %u",
            s->old_session, s->seq, s->ack, s->old_snd_nxt, s->old_rcv_nxt, s->syn_isn);
        break;
    case TR_STALE_MISSING_SYN_FLAG:
        put(&t, "ACK %u = ISN %u + 1 without the SYN flag: a SYN-ACK that lost its SYN (middlebox bug); the client "
                "cannot synchronize and drops it",
            s->ack, s->syn_isn);
        break;
    case TR_STALE_UNSEEN_STATE:
        put(&t, "Bare ACK (seq %u ack %u) to ISN %u matches no session in the capture: state held by something "
                "not captured (an earlier session, a NAT or firewall)",
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
        put(&t, "RST seq %u = the ack of the stale ACK in frame %u: the client in SYN-SENT refuses it (RFC 793)",
            r->seq, r->trigger);
        break;
    case TR_RST_REFUSED:
        put(&t, "RST answers the SYN in frame %u: connection refused", r->trigger);
        break;
    case TR_RST_ABORT:
        put(&t, "RST instead of FIN (abort) after frame %u, %u bytes unacknowledged", r->trigger, r->outstanding);
        break;
    case TR_RST_AFTER_CLOSE:
        put(&t, "RST answers data in frame %u that arrived after this end's FIN (socket closed)", r->trigger);
        break;
    case TR_RST_UNKNOWN:
    case TR_RST_NONE:
        put(&t, "RST seq %u matches no known cause", r->seq);
        break;
    }
    if (r->kills_time_wait)
        put(&t, "; it ends the peer's TIME_WAIT (tcp_rfc1337 = 0), so the next SYN can succeed");
    if (r->ends_session)
        put(&t, "; it ends the half-open session of frame %u at the peer", r->ends_session);
    return buf;
}

char *tr_describe_clock(const tr_clock_finding *c, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!c->present)
        return buf;
    if (c->random_offsets) {
        put(&t, "This address starts a new timestamp clock on every connection (random per-connection offsets, "
                "as Linux 4.10 and Linux since 2026): timestamp regressions across its connections mean nothing");
        return buf;
    }
    if (c->regress)
        put(&t, "SYN TSval %u is older than %u seen from this address in frame %u", c->tsval, c->newest_tsval,
            c->newest_frame);
    if (c->clocks > 1)
        put(&t, "%s%u timestamp clocks from this address: several hosts behind one NAT? (a hint)",
            c->regress ? "; " : "", c->clocks);
    return buf;
}

char *tr_describe_info_tags(const tr_finding *f, char *buf, size_t len)
{
    text t = text_start(buf, len);
    if (!f)
        return buf;
    const tr_reuse_finding *r = &f->reuse;
    if (r->present) {
        if (r->syn_reuses_open)
            put(&t, "[SYN on open session] ");
        else if (r->syn_reuses_tw)
            put(&t, "[SYN in TIME_WAIT] ");
        else
            put(&t, "[4-tuple reused] ");
        if (r->tw_verdict == TR_VERDICT_REJECT_PAWS)
            put(&t, "[PAWS reject] ");
        else if (r->tw_verdict == TR_VERDICT_REJECT_SEQ)
            put(&t, "[Seq reject] ");
    }
    if (f->stale_ack.present)
        put(&t, "[Stale ACK: %s] ", tr_stale_kind_name(f->stale_ack.kind));
    if (f->rst.present && f->rst.cause == TR_RST_STALE_ACK)
        put(&t, "[RST: stale ACK] ");
    else if (f->rst.present)
        put(&t, "[RST: %s] ", tr_rst_cause_name(f->rst.cause));
    if (f->clock.present && f->clock.regress)
        put(&t, "[TSval regress] ");
    if (t.used && buf[t.used - 1] == ' ')
        buf[--t.used] = '\0';
    return buf;
}
