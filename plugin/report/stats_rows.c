/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the statistics tree's rows per finding: reusing SYNs by what they met, the answers
 * to SYNs and their delay, stale ACKs by kind, RSTs by cause (suspected injections by sender
 * and server), by sender address and role, who reset each connection first per server, reset
 * loops, ECN-setup SYNs that failed, timestamp NAT hints, and per client address and server
 * the port pool and what TIME_WAIT asks of it. Each family of rows has its own small
 * function; add a family the same way.
 */
#include "stats_rows.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "finding_fields.h"

#define NS_PER_MS 1e6
#define NS_PER_S 1e9
#define NAME_LEN 160 /* two IPv6 addresses, a port and the words around them */

/* A row's name put together piece by piece, cut at its buffer's end: a snprintf() for each
 * finding's named rows was a tenth of tcpreuse-scan --summary's instructions (callgrind). */
typedef struct name_text {
    char *buf;
    size_t len, used;
} name_text;

static name_text name_start(char *buf, size_t len)
{
    buf[0] = '\0';
    return (name_text){ .buf = buf, .len = len };
}

static void put_text(name_text *n, const char *s)
{
    size_t room = n->len - 1 - n->used, add = strlen(s);
    if (add > room)
        add = room;
    memcpy(n->buf + n->used, s, add);
    n->used += add;
    n->buf[n->used] = '\0';
}

static void put_uint(name_text *n, unsigned v)
{
    char digits[12];
    size_t i = sizeof digits;
    digits[--i] = '\0';
    do
        digits[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    put_text(n, digits + i);
}

static const char *const node_injected_sender = "sent from address";
static const char *const node_injected_server = "in a session with server";
static const char *const node_loop_tuples = "loops (4-tuples that looped)";
static const char *const node_loop_cycles = "the cycle each reached: Max Val is the longest loop (cycles)";
static const char *const node_loop_open = "loops left open: no SYN-ACK within the capture (two passes)";

static const tr_stats_heading_info headings[TR_HEADING_COUNT] = {
    [TR_HEADING_REUSE] = { "SYNs reusing a 4-tuple, by what they meet", false, true },
    [TR_HEADING_ANSWER] = { "Answers to those SYNs, by kind: delay (ms)", true, true },
    [TR_HEADING_STALE] = { "Stale ACKs answering a SYN, by kind", false, true },
    [TR_HEADING_RST] = { "RSTs, by cause", false, true },
    [TR_HEADING_RST_SENDER] = { "RSTs, by sender address and its role: cause", false, true },
    [TR_HEADING_RST_FIRST] = { "Connections reset, per server: who reset first", false, true },
    [TR_HEADING_LOOP] = { "Reset loops: RSTs ending a 2nd or later SYN -> stale ACK -> RST cycle", false, true },
    [TR_HEADING_ECN] = { "ECN-setup SYNs (RFC 3168) a path may drop or reset (RFC 3360)", false, true },
    [TR_HEADING_CLOCK] = { "SYNs whose TSval went back (NAT hint)", false, false },
    [TR_HEADING_POOL] = { "Port pools: reusing SYNs by client address -> server, and the pool at each", false, true },
};

const tr_stats_heading_info *tr_stats_heading_of(tr_stats_heading h)
{
    return &headings[h];
}

/* One counting: the sink and the frame. */
typedef struct counting {
    const tr_stats_sink *sink;
    void *ctx;
    const int *ids;
    const tr_frame_ends *ends;
} counting;

static int tick(const counting *c, const char *name, int parent, bool has_children)
{
    return c->sink->tick(c->ctx, name, parent, has_children);
}

static void add_figure(const counting *c, const char *name, int parent, double value)
{
    c->sink->figure(c->ctx, name, parent, value);
}

/* One event under a heading: the heading counts every event of its children. */
static int count_under(const counting *c, tr_stats_heading h, const char *child, bool has_children)
{
    tick(c, headings[h].name, 0, false);
    return tick(c, child, c->ids[h], has_children);
}

/* A dotted quad by hand: glibc's inet_ntop() writes IPv4 with sprintf(), which was a tenth of
 * tcpreuse-scan --summary's instructions on a busy NAT (callgrind). */
static void dotted_quad(const uint8_t bytes[4], char *buf)
{
    char *p = buf;
    for (int i = 0; i < 4; i++) {
        unsigned v = bytes[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        *p++ = i < 3 ? '.' : '\0';
    }
}

char *tr_address_text(const tr_address *a, char *buf, size_t len)
{
    if (a->family == 4 && len >= sizeof "255.255.255.255")
        dotted_quad(a->bytes, buf);
    else if (a->family != 6 || !inet_ntop(AF_INET6, a->bytes, buf, (socklen_t)len))
        snprintf(buf, len, "?");
    return buf;
}

static const char *reuse_met(const tr_reuse_finding *r)
{
    if (r->syn_reuses_fin_wait2) {
        switch (r->fw2_verdict) {
        case TR_FW2_RESET:
            return "the server's FIN_WAIT2: reset";
        case TR_FW2_ACK_SEQ:
            return "the server's FIN_WAIT2: ack-seq";
        case TR_FW2_ACK_PAWS:
            return "the server's FIN_WAIT2: ack-paws";
        case TR_FW2_NONE:
            break;
        }
        return "the server's FIN_WAIT2, verdict unknown";
    }
    if (r->syn_reuses_open)
        return "an open session (challenge ACK)";
    if (!r->syn_reuses_tw)
        return "no state (TIME_WAIT over or never held)";
    if (r->verdict_unknown)
        return "the server's TIME_WAIT, verdict unknown (snap length)";
    switch (r->tw_verdict) {
    case TR_VERDICT_REJECT_PAWS:
        return "the server's TIME_WAIT: reject-paws";
    case TR_VERDICT_REJECT_SEQ:
        return "the server's TIME_WAIT: reject-seq";
    case TR_VERDICT_ACCEPT_SEQ:
        return "the server's TIME_WAIT: accept-seq";
    case TR_VERDICT_ACCEPT_TS:
        return "the server's TIME_WAIT: accept-ts";
    case TR_VERDICT_NONE:
        break;
    }
    return "the client's TIME_WAIT only";
}

/* The frame that answers a SYN (SYN-ACK, stale bare ACK, RST) and how long after the SYN:
 * the heading's figures are over all answers, each kind's over its own. */
static void count_answer(const counting *c, const tr_answer_finding *a)
{
    double ms = (double)a->delay_ns / NS_PER_MS;
    add_figure(c, headings[TR_HEADING_ANSWER].name, 0, ms);
    add_figure(c, tr_answer_kind_name(a->kind), c->ids[TR_HEADING_ANSWER], ms);
}

/* The server end of the RST's connection: the sender when it is the server, else its peer.
 * False when the roles are unknown (the connection was seen midstream). */
static bool server_of(const counting *c, const tr_rst_finding *r, char *buf, size_t len)
{
    if (r->sender_role != TR_ROLE_SERVER && r->sender_role != TR_ROLE_CLIENT)
        return false;
    bool sender = r->sender_role == TR_ROLE_SERVER;
    char address[TR_ADDRESS_TEXT_LEN];
    name_text name = name_start(buf, len);
    put_text(&name, tr_address_text(sender ? &c->ends->src : &c->ends->dst, address, sizeof address));
    put_text(&name, ":");
    put_uint(&name, sender ? c->ends->sport : c->ends->dport);
    return true;
}

/* A suspected injection, by the address it claims to come from and by the server end of the
 * session it would reset (the sender's peer when the sender is the client). */
static void count_injected(const counting *c, int injected_id, const tr_rst_finding *r)
{
    char name[NAME_LEN];
    int by_sender = tick(c, node_injected_sender, injected_id, true);
    tick(c, tr_address_text(&c->ends->src, name, sizeof name), by_sender, false);
    int by_server = tick(c, node_injected_server, injected_id, true);
    if (!server_of(c, r, name, sizeof name)) {
        name_text unknown = name_start(name, sizeof name);
        put_text(&unknown, "unknown (the session's start was not captured)");
    }
    tick(c, name, by_server, false);
}

/* Who resets (story 002): each RST under its sender address and role, then its cause; the
 * first RST of each connection under its server end, by the role of who sent it. */
static void count_rst_sender(const counting *c, const tr_rst_finding *r)
{
    char address[TR_ADDRESS_TEXT_LEN], name[NAME_LEN];
    name_text sender = name_start(name, sizeof name);
    put_text(&sender, tr_address_text(&c->ends->src, address, sizeof address));
    put_text(&sender, " (");
    put_text(&sender, tr_role_name(r->sender_role));
    put_text(&sender, ")");
    int id = count_under(c, TR_HEADING_RST_SENDER, name, true);
    tick(c, tr_rst_cause_name(r->cause), id, false);
    if (!r->first || !server_of(c, r, name, sizeof name))
        return;
    id = count_under(c, TR_HEADING_RST_FIRST, name, true);
    tick(c, r->sender_role == TR_ROLE_SERVER ? "the server reset first" : "the client reset first", id, false);
}

static void count_rst(const counting *c, const tr_rst_finding *r)
{
    bool injected = r->cause == TR_RST_INJECTED;
    int id = count_under(c, TR_HEADING_RST, tr_rst_cause_name(r->cause), injected);
    if (injected)
        count_injected(c, id, r);
    count_rst_sender(c, r);
}

/* Each RST from a loop's second cycle on samples the cycle it reached, so that Max Val is the
 * longest loop; a loop counts once, at its second cycle. Left open is known once the whole
 * capture is read. */
static void count_loop(const counting *c, const tr_finding *f, bool capture_read)
{
    const tr_loop_finding *l = &f->loop;
    if (l->cycles < 2)
        return;
    int loop_id = c->ids[TR_HEADING_LOOP];
    tick(c, headings[TR_HEADING_LOOP].name, 0, false);
    add_figure(c, node_loop_cycles, loop_id, l->cycles);
    if (l->cycles == 2)
        tick(c, node_loop_tuples, loop_id, false);
    if (tr_loop_shown_open(f, capture_read))
        tick(c, node_loop_open, loop_id, false);
}

static void count_ecn(const counting *c, const tr_ecn_finding *e)
{
    if (e->refused_syn)
        count_under(c, TR_HEADING_ECN, "refused by an RST, on a path that never answered one", false);
    if (e->failed_syn)
        count_under(c, TR_HEADING_ECN, "failed, then a retry without ECN answered", false);
}

/* Attempts per second from the pool's first attempt to this one: the engine's rate
 * (port_pool.c summarise()) before it is rounded for the field tcpreuse.pool.per_second. */
static double pool_rate(const tr_pool_finding *p)
{
    return p->span_ns > 0 ? (p->syns - 1) / ((double)p->span_ns / NS_PER_S) : 0;
}

/* A reusing SYN's pool, as the engine sees it at that SYN: its rows' figures are over the
 * pool's reusing SYNs. The port range is the row's name, so a pool whose range grew shows one
 * row per range, each counting the reusing SYNs that saw it. */
static void count_pool(const counting *c, const tr_reuse_finding *r, const tr_pool_finding *p)
{
    char client[TR_ADDRESS_TEXT_LEN], server[TR_ADDRESS_TEXT_LEN], name[NAME_LEN];
    name_text pool = name_start(name, sizeof name);
    put_text(&pool, tr_address_text(&c->ends->src, client, sizeof client));
    put_text(&pool, " -> ");
    put_text(&pool, tr_address_text(&c->ends->dst, server, sizeof server));
    put_text(&pool, ":");
    put_uint(&pool, c->ends->dport);
    int id = count_under(c, TR_HEADING_POOL, name, true);
    name_text ports = name_start(name, sizeof name);
    put_text(&ports, "client ports ");
    put_uint(&ports, p->port_min);
    put_text(&ports, "-");
    put_uint(&ports, p->port_max);
    tick(c, name, id, false);
    add_figure(c, "client ports seen (ports)", id, p->ports);
    add_figure(c, "attempts per second since the first (1/s)", id, pool_rate(p));
    if (r->port_reuse_interval_ns >= 0)
        add_figure(c, "this port came back after (s)", id, (double)r->port_reuse_interval_ns / NS_PER_S);
    add_figure(c, "ports needed for TIME_WAIT (ports)", id, p->ports_needed);
    add_figure(c, "addresses needed with this pool (addresses)", id, p->addresses_needed);
}

void tr_stats_count(const tr_stats_sink *sink, void *ctx, const int heading_ids[TR_HEADING_COUNT],
                    const tr_finding *f, const tr_frame_ends *ends, bool capture_read)
{
    counting c = { .sink = sink, .ctx = ctx, .ids = heading_ids, .ends = ends };
    if (f->reuse.present)
        count_under(&c, TR_HEADING_REUSE, reuse_met(&f->reuse), false);
    if (f->answer.present)
        count_answer(&c, &f->answer);
    if (f->stale_ack.present)
        count_under(&c, TR_HEADING_STALE, tr_stale_kind_name(f->stale_ack.kind), false);
    if (f->rst.present) {
        count_rst(&c, &f->rst);
        count_loop(&c, f, capture_read);
    }
    count_ecn(&c, &f->ecn);
    if (f->clock.present && f->clock.regress)
        tick(&c, headings[TR_HEADING_CLOCK].name, 0, false);
    if (f->pool.present)
        count_pool(&c, &f->reuse, &f->pool);
}
