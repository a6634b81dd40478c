/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the logged frames as text lines, JSON lines or CSV, each frame's fields and
 * texts as the plugin shows them (finding_fields.h).
 */
#ifndef TCPREUSE_SCAN_PRINT_FINDINGS_H
#define TCPREUSE_SCAN_PRINT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scan.h"

typedef enum tr_findings_format {
    TR_FINDINGS_NONE,
    TR_FINDINGS_TEXT,  /* frame, time, 4-tuple, the Info tags, the texts */
    TR_FINDINGS_JSON,  /* one object a line, keys the display filter names without "tcpreuse." */
    TR_FINDINGS_CSV,   /* a header line, then a line a frame with a column per field */
} tr_findings_format;

/* Print the reported frames in `format`. */
void tr_print_findings(FILE *out, tr_findings_format format, const tr_scan_report *report);

/* The same a frame at a time, for reports that put lines of their own after a frame's (the
 * shard output). new() prints the CSV header line. */
typedef struct tr_findings_printer tr_findings_printer;
tr_findings_printer *tr_findings_printer_new(FILE *out, tr_findings_format format, const tr_scan_report *report);
/* The report's frame i; false when it shows nothing (then nothing is printed). */
bool tr_findings_printer_frame(tr_findings_printer *p, size_t i);
void tr_findings_printer_free(tr_findings_printer *p);

#endif
