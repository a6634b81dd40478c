/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan --summary: the plugin's statistics tree (tshark -z tcpreuse,tree), counted by
 * the same rows (stats_rows.h) over the same findings, printed as tshark prints it with the
 * Count, Average, Min Val, Max Val and Percent columns (not the rates, which only say how the
 * counts spread over the capture's time).
 */
#ifndef TCPREUSE_SCAN_SUMMARY_H
#define TCPREUSE_SCAN_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "scan.h"

/* Count the frames' findings (skipped frames count nothing) and print the tree. */
void tr_print_summary(FILE *out, const tr_scan_report *report);

#endif
