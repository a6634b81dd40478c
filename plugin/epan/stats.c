/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the statistics tree, counted from the stored findings the tap hands over. Which
 * rows each finding counts in is the report's (plugin/report/stats_rows.c), shared with
 * tcpreuse-scan --summary; here they become stats_tree nodes.
 */
#include "stats.h"

#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "stats_rows.h"

static int tap_id = -1;

/* The headings' node ids, created in order so that the tree always shows them in it. */
static int heading_ids[TR_HEADING_COUNT];

void tr_stats_register_tap(void)
{
    tap_id = register_tap("tcpreuse");
}

void tr_stats_queue(packet_info *pinfo, const tr_finding *finding)
{
    /* The tap reads it after the frame's dissection: a copy that lives as long as the packet. */
    if (finding && have_tap_listener(tap_id) && tr_finding_has_any(finding))
        tap_queue_packet(tap_id, pinfo, wmem_memdup(pinfo->pool, finding, sizeof *finding));
}

static void stats_init(stats_tree *st)
{
    for (int h = 0; h < TR_HEADING_COUNT; h++) {
        const tr_stats_heading_info *info = tr_stats_heading_of(h);
        heading_ids[h] = stats_tree_create_node(st, info->name, 0, info->measured ? STAT_DT_FLOAT : STAT_DT_INT,
                                                info->has_children);
    }
}

static int tick_row(void *st, const char *name, int parent, bool has_children)
{
    return tick_stat_node(st, name, parent, has_children);
}

/* Average / Min Val / Max Val are kept as floats, so that rates and times keep their decimals. */
static void add_figure(void *st, const char *name, int parent, double value)
{
    avg_stat_node_add_value_float(st, name, parent, FALSE, (float)value);
}

static const tr_stats_sink tree_sink = { .tick = tick_row, .figure = add_figure };

static void address_of(const address *from, tr_address *to)
{
    *to = (tr_address){ 0 };
    if (from->type == AT_IPv4 && from->len == 4) {
        to->family = 4;
        memcpy(to->bytes, from->data, 4);
    } else if (from->type == AT_IPv6 && from->len == 16) {
        to->family = 6;
        memcpy(to->bytes, from->data, 16);
    }
}

/* A loop left open is known from the second pass on (tshark -2, the GUI once the file is loaded). */
static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    tr_frame_ends ends = { .sport = (uint16_t)pinfo->srcport, .dport = (uint16_t)pinfo->destport };
    address_of(&pinfo->src, &ends.src);
    address_of(&pinfo->dst, &ends.dst);
    tr_stats_count(&tree_sink, st, heading_ids, data, &ends, PINFO_FD_VISITED(pinfo));
    return TAP_PACKET_REDRAW;
}

void tr_stats_register_tree(void)
{
    stats_tree_register_plugin("tcpreuse", "tcpreuse", "TCP Socket-Pair Reuse", 0, stats_packet, stats_init, NULL);
}
