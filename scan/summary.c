/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --summary: the frames' findings counted by the plugin's rows (stats_rows.h)
 * into the tree (summary_tree.h), printed once the capture has been read.
 */
#include "summary.h"

#include "summary_tree.h"

void tr_print_summary(FILE *out, const tr_scan_report *report)
{
    tr_summary_tree *t = tr_summary_tree_new();
    for (size_t i = 0; i < report->count; i++) {
        const tr_logged_frame *frame = &report->frames[i];
        tr_finding finding;
        if (tr_scan_finding(report->scan, frame, &finding))
            tr_stats_count(&tr_summary_tree_sink, t, tr_summary_tree_heading_ids(t), &finding, &frame->ends, true);
    }
    tr_summary_tree_print(out, t);
    tr_summary_tree_free(t);
}
