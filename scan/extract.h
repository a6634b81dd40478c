/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan -w OUT: once the capture has been scanned, it is read a second time and the
 * frames of the connections with findings (extract_plan.h) are written to OUT
 * (extract_file.h), a capture small enough to open in Wireshark with the plugin.
 */
#ifndef TCPREUSE_SCAN_EXTRACT_H
#define TCPREUSE_SCAN_EXTRACT_H

#include <stdbool.h>
#include <stdio.h>

#include "scan.h"

/* Writes the extract of the capture at `capture_path` (not the standard input: it is read
 * again) to `out_path`, and says on `notes` how many frames of how many connections it holds.
 * False when it could not be written (said on `notes`). */
bool tr_write_extract(const char *capture_path, const char *out_path, const tr_scan_report *report, FILE *notes);

#endif
