/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the statistics tree, counted from the stored findings the tap hands over:
 * reusing SYNs by what they met, the answers to SYNs and their delay, stale ACKs by kind,
 * RSTs by cause (suspected injections by sender and server), by sender address and role,
 * who reset each connection first per server, reset loops, ECN-setup SYNs that failed,
 * timestamp NAT hints, and per client address and server the port pool and what TIME_WAIT
 * asks of it.
 *
 * How it reads: Count always counts events (frames with that finding), so that Percent is a
 * share of the row above. A measured value goes into Average / Min Val / Max Val (one sample
 * per event, stats_tree's MN_AVERAGE), and its row names its unit in parentheses. Each
 * family of rows has its own small function; add a family the same way.
 */
#include "stats.h"

#include <epan/stats_tree.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#define NS_PER_MS 1e6
#define NS_PER_S 1e9

static int tap_id = -1;

static const char *const node_reuse = "SYNs reusing a 4-tuple, by what they meet";
static const char *const node_answer = "Answers to those SYNs, by kind: delay (ms)";
static const char *const node_stale = "Stale ACKs answering a SYN, by kind";
static const char *const node_rst = "RSTs, by cause";
static const char *const node_injected_sender = "sent from address";
static const char *const node_injected_server = "in a session with server";
static const char *const node_rst_sender = "RSTs, by sender address and its role: cause";
static const char *const node_rst_first = "Connections reset, per server: who reset first";
static const char *const node_loop = "Reset loops: RSTs ending a 2nd or later SYN -> stale ACK -> RST cycle";
static const char *const node_loop_tuples = "loops (4-tuples that looped)";
static const char *const node_loop_cycles = "the cycle each reached: Max Val is the longest loop (cycles)";
static const char *const node_loop_open = "loops left open: no SYN-ACK within the capture (two passes)";
static const char *const node_ecn = "ECN-setup SYNs (RFC 3168) a path may drop or reset (RFC 3360)";
static const char *const node_clock = "SYNs whose TSval went back (NAT hint)";
static const char *const node_pool = "Port pools: reusing SYNs by client address -> server, and the pool at each";

/* The headings, created in this order so that the tree always shows them in it. */
static int id_reuse, id_answer, id_stale, id_rst, id_rst_sender, id_rst_first, id_loop, id_ecn, id_pool;

void tr_stats_register_tap(void)
{
    tap_id = register_tap("tcpreuse");
}

void tr_stats_queue(packet_info *pinfo, const tr_finding *finding)
{
    /* The tap reads it after the frame's dissection: a copy that lives as long as the packet. */
    if (have_tap_listener(tap_id))
        tap_queue_packet(tap_id, pinfo, wmem_memdup(pinfo->pool, finding, sizeof *finding));
}

static void stats_init(stats_tree *st)
{
    id_reuse = stats_tree_create_node(st, node_reuse, 0, STAT_DT_INT, TRUE);
    id_answer = stats_tree_create_node(st, node_answer, 0, STAT_DT_FLOAT, TRUE);
    id_stale = stats_tree_create_node(st, node_stale, 0, STAT_DT_INT, TRUE);
    id_rst = stats_tree_create_node(st, node_rst, 0, STAT_DT_INT, TRUE);
    id_rst_sender = stats_tree_create_node(st, node_rst_sender, 0, STAT_DT_INT, TRUE);
    id_rst_first = stats_tree_create_node(st, node_rst_first, 0, STAT_DT_INT, TRUE);
    id_loop = stats_tree_create_node(st, node_loop, 0, STAT_DT_INT, TRUE);
    id_ecn = stats_tree_create_node(st, node_ecn, 0, STAT_DT_INT, TRUE);
    stats_tree_create_node(st, node_clock, 0, STAT_DT_INT, FALSE);
    id_pool = stats_tree_create_node(st, node_pool, 0, STAT_DT_INT, TRUE);
}

/* One event under a heading: the heading counts every event of its children. */
static int count_under(stats_tree *st, const char *heading, int heading_id, const char *child, gboolean with_children)
{
    tick_stat_node(st, heading, 0, FALSE);
    return tick_stat_node(st, child, heading_id, with_children);
}

/* One sample of a measured value: Count counts the samples, the value goes into the
 * Average / Min Val / Max Val columns (float, so that rates and times keep their decimals). */
static void add_figure(stats_tree *st, const char *name, int parent_id, double value)
{
    avg_stat_node_add_value_float(st, name, parent_id, FALSE, (float)value);
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
static void count_answer(stats_tree *st, const tr_answer_finding *a)
{
    double ms = (double)a->delay_ns / NS_PER_MS;
    add_figure(st, node_answer, 0, ms);
    add_figure(st, tr_answer_kind_name(a->kind), id_answer, ms);
}

/* The server end of the RST's connection: the sender when it is the server, else its peer. */
static const char *server_of(packet_info *pinfo, const tr_rst_finding *r)
{
    if (r->sender_role == TR_ROLE_SERVER)
        return wmem_strdup_printf(pinfo->pool, "%s:%u", address_to_str(pinfo->pool, &pinfo->src), pinfo->srcport);
    if (r->sender_role == TR_ROLE_CLIENT)
        return wmem_strdup_printf(pinfo->pool, "%s:%u", address_to_str(pinfo->pool, &pinfo->dst), pinfo->destport);
    return NULL;
}

/* A suspected injection, by the address it claims to come from and by the server end of the
 * session it would reset (the sender's peer when the sender is the client). */
static void count_injected(stats_tree *st, packet_info *pinfo, int injected_id, const tr_rst_finding *r)
{
    int by_sender = tick_stat_node(st, node_injected_sender, injected_id, TRUE);
    tick_stat_node(st, address_to_str(pinfo->pool, &pinfo->src), by_sender, FALSE);
    int by_server = tick_stat_node(st, node_injected_server, injected_id, TRUE);
    const char *server = server_of(pinfo, r);
    tick_stat_node(st, server ? server : "unknown (the session's start was not captured)", by_server, FALSE);
}

/* Who resets (story 002): each RST under its sender address and role, then its cause; the
 * first RST of each connection under its server end, by the role of who sent it. */
static void count_rst_sender(stats_tree *st, packet_info *pinfo, const tr_rst_finding *r)
{
    char *sender = wmem_strdup_printf(pinfo->pool, "%s (%s)", address_to_str(pinfo->pool, &pinfo->src),
                                      tr_role_name(r->sender_role));
    int id = count_under(st, node_rst_sender, id_rst_sender, sender, TRUE);
    tick_stat_node(st, tr_rst_cause_name(r->cause), id, FALSE);
    const char *server = server_of(pinfo, r);
    if (!r->first || !server)
        return;
    id = count_under(st, node_rst_first, id_rst_first, server, TRUE);
    tick_stat_node(st, r->sender_role == TR_ROLE_SERVER ? "the server reset first" : "the client reset first", id,
                   FALSE);
}

static void count_rst(stats_tree *st, packet_info *pinfo, const tr_rst_finding *r)
{
    bool injected = r->cause == TR_RST_INJECTED;
    int id = count_under(st, node_rst, id_rst, tr_rst_cause_name(r->cause), injected);
    if (injected)
        count_injected(st, pinfo, id, r);
    count_rst_sender(st, pinfo, r);
}

/* Each RST from a loop's second cycle on samples the cycle it reached, so that Max Val is the
 * longest loop; a loop counts once, at its second cycle. Left open is known in a second pass. */
static void count_loop(stats_tree *st, packet_info *pinfo, const tr_loop_finding *l)
{
    if (l->cycles < 2)
        return;
    tick_stat_node(st, node_loop, 0, FALSE);
    add_figure(st, node_loop_cycles, id_loop, l->cycles);
    if (l->cycles == 2)
        tick_stat_node(st, node_loop_tuples, id_loop, FALSE);
    if (l->open && PINFO_FD_VISITED(pinfo))
        tick_stat_node(st, node_loop_open, id_loop, FALSE);
}

static void count_ecn(stats_tree *st, const tr_ecn_finding *e)
{
    if (e->refused_syn)
        count_under(st, node_ecn, id_ecn, "refused by an RST, on a path that never answered one", FALSE);
    if (e->failed_syn)
        count_under(st, node_ecn, id_ecn, "failed, then a retry without ECN answered", FALSE);
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
static void count_pool(stats_tree *st, packet_info *pinfo, const tr_reuse_finding *r, const tr_pool_finding *p)
{
    char *name = wmem_strdup_printf(pinfo->pool, "%s -> %s:%u", address_to_str(pinfo->pool, &pinfo->src),
                                    address_to_str(pinfo->pool, &pinfo->dst), pinfo->destport);
    int id = count_under(st, node_pool, id_pool, name, TRUE);
    tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "client ports %u-%u", p->port_min, p->port_max), id, FALSE);
    add_figure(st, "client ports seen (ports)", id, p->ports);
    add_figure(st, "attempts per second since the first (1/s)", id, pool_rate(p));
    if (r->port_reuse_interval_ns >= 0)
        add_figure(st, "this port came back after (s)", id, (double)r->port_reuse_interval_ns / NS_PER_S);
    add_figure(st, "ports needed for TIME_WAIT (ports)", id, p->ports_needed);
    add_figure(st, "addresses needed with this pool (addresses)", id, p->addresses_needed);
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const tr_finding *f = data;
    if (f->reuse.present)
        count_under(st, node_reuse, id_reuse, reuse_met(&f->reuse), FALSE);
    if (f->answer.present)
        count_answer(st, &f->answer);
    if (f->stale_ack.present)
        count_under(st, node_stale, id_stale, tr_stale_kind_name(f->stale_ack.kind), FALSE);
    if (f->rst.present)
        count_rst(st, pinfo, &f->rst);
    if (f->rst.present)
        count_loop(st, pinfo, &f->loop);
    count_ecn(st, &f->ecn);
    if (f->clock.present && f->clock.regress)
        tick_stat_node(st, node_clock, 0, FALSE);
    if (f->pool.present)
        count_pool(st, pinfo, &f->reuse, &f->pool);
    return TAP_PACKET_REDRAW;
}

void tr_stats_register_tree(void)
{
    stats_tree_register_plugin("tcpreuse", "tcpreuse", "TCP Socket-Pair Reuse", 0, stats_packet, stats_init, NULL);
}
