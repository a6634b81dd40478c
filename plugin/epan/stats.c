/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the statistics tree, counted from the stored findings the tap hands over:
 * reusing SYNs by what they met, stale ACKs by kind, RSTs by cause, timestamp NAT hints,
 * and per client address and server the port pool and what TIME_WAIT asks of it.
 */
#include "stats.h"

#include <epan/stats_tree.h>
#include <epan/tap.h>
#include <epan/to_str.h>

static int tap_id = -1;

static const char *const node_reuse = "SYNs reusing a 4-tuple, by what they meet";
static const char *const node_stale = "Stale ACKs answering a SYN, by kind";
static const char *const node_rst = "RSTs, by cause";
static const char *const node_clock = "SYNs whose TSval went back (NAT hint)";
static const char *const node_pool = "Port pools: client address -> server (values as of the last reusing SYN)";

static int id_reuse, id_stale, id_rst, id_pool;

void tr_stats_register_tap(void)
{
    tap_id = register_tap("tcpreuse");
}

void tr_stats_queue(packet_info *pinfo, const tr_finding *finding)
{
    tap_queue_packet(tap_id, pinfo, finding);
}

static void stats_init(stats_tree *st)
{
    id_reuse = stats_tree_create_node(st, node_reuse, 0, STAT_DT_INT, TRUE);
    id_stale = stats_tree_create_node(st, node_stale, 0, STAT_DT_INT, TRUE);
    id_rst = stats_tree_create_node(st, node_rst, 0, STAT_DT_INT, TRUE);
    stats_tree_create_node(st, node_clock, 0, STAT_DT_INT, FALSE);
    id_pool = stats_tree_create_node(st, node_pool, 0, STAT_DT_INT, TRUE);
}

static const char *reuse_met(const tr_reuse_finding *r)
{
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

static void count_pool(stats_tree *st, packet_info *pinfo, const tr_pool_finding *p)
{
    char *name = wmem_strdup_printf(pinfo->pool, "%s -> %s:%u", address_to_str(pinfo->pool, &pinfo->src),
                                    address_to_str(pinfo->pool, &pinfo->dst), pinfo->destport);
    int id = tick_stat_node(st, name, id_pool, TRUE);
    set_stat_node(st, "connection attempts", id, FALSE, (int)MIN(p->syns, G_MAXINT));
    set_stat_node(st, "client ports seen", id, FALSE, (int)p->ports);
    set_stat_node(st, "attempts per second", id, FALSE, (int)MIN(p->per_second, G_MAXINT));
    set_stat_node(st, "port comes back after (ms, median)", id, FALSE, (int)MIN(p->cycle_ns / 1000000, G_MAXINT));
    set_stat_node(st, "ports needed for TIME_WAIT", id, FALSE, (int)MIN(p->ports_needed, G_MAXINT));
    set_stat_node(st, "addresses needed with this pool", id, FALSE, (int)MIN(p->addresses_needed, G_MAXINT));
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const tr_finding *f = data;
    if (f->reuse.present) {
        tick_stat_node(st, node_reuse, 0, FALSE);
        tick_stat_node(st, reuse_met(&f->reuse), id_reuse, FALSE);
    }
    if (f->stale_ack.present) {
        tick_stat_node(st, node_stale, 0, FALSE);
        tick_stat_node(st, tr_stale_kind_name(f->stale_ack.kind), id_stale, FALSE);
    }
    if (f->rst.present) {
        tick_stat_node(st, node_rst, 0, FALSE);
        tick_stat_node(st, tr_rst_cause_name(f->rst.cause), id_rst, FALSE);
    }
    if (f->clock.present && f->clock.regress)
        tick_stat_node(st, node_clock, 0, FALSE);
    if (f->pool.present)
        count_pool(st, pinfo, &f->pool);
    return TAP_PACKET_REDRAW;
}

void tr_stats_register_tree(void)
{
    stats_tree_register_plugin("tcpreuse", "tcpreuse", "TCP Socket-Pair Reuse", 0, stats_packet, stats_init, NULL);
}
