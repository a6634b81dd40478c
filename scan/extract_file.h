/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan -w: the extract's file, written with wiretap's dump API: pcapng when its name
 * ends in .pcapng (or .pcapng.gz), else in the capture's own format when wiretap can write it
 * (pcapng otherwise); gzip-compressed when its name ends in ".gz". Records are copied as they
 * were read: time, lengths, interface, comments.
 */
#ifndef TCPREUSE_SCAN_EXTRACT_FILE_H
#define TCPREUSE_SCAN_EXTRACT_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "capture.h"

typedef struct tr_extract_file tr_extract_file;

/* Creates `path` for the records of `input` (opened, nothing read yet). NULL on failure, with
 * *error a text to free. */
tr_extract_file *tr_extract_file_open(const char *path, tr_capture *input, char **error);

/* Copies the record tr_capture_next() read last from `input`; false on failure, with *error a
 * text to free. */
bool tr_extract_file_write(tr_extract_file *out, tr_capture *input, char **error);

/* The format written, e.g. "pcap" (wiretap's short name). */
const char *tr_extract_file_format(const tr_extract_file *out);

/* Finishes the file and frees `out`; false when the end could not be written, with *error a
 * text to free. */
bool tr_extract_file_close(tr_extract_file *out, char **error);

#endif
