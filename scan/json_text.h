/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: JSON strings (RFC 8259 7), written in the JSON lines and read back by
 * `tcpreuse-scan merge`: both directions in one place, so that what is written reads back.
 */
#ifndef TCPREUSE_SCAN_JSON_TEXT_H
#define TCPREUSE_SCAN_JSON_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>

/* `s` quoted, with '"', '\' and control characters escaped. */
void tr_json_print_string(FILE *out, const char *s);
void tr_json_append_string(GString *out, const char *s);

/* The string that starts at *p (its opening quote) into `value` (emptied first); *p moves past
 * the closing quote. False on a string that is not one (no closing quote, a bad escape, a
 * \u0000 or a control character). Reads up to the terminating NUL at most. */
bool tr_json_read_string(const char **p, GString *value);

#endif
