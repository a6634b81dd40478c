/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: an open capture's wiretap side, for the one other file that speaks wiretap,
 * the extract writer (extract_file.c): it copies the capture's records as they were read.
 */
#ifndef TCPREUSE_SCAN_CAPTURE_WTAP_H
#define TCPREUSE_SCAN_CAPTURE_WTAP_H

#include "capture.h"
#include "wtap_compat.h"

wtap *tr_capture_wtap(tr_capture *cap);

/* The record tr_capture_next() read last, bytes included. */
tr_wtap_record *tr_capture_record(tr_capture *cap);

#endif
