/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: the libwiretap API differences between Wireshark 4.0 and 4.6 that the
 * scanner meets, in one place.
 *
 * 4.0 and 4.4: wtap_read(wth, rec, buf, ...) fills a Buffer of the caller's,
 *              wtap_dump(wdh, rec, bytes, ...) takes the bytes beside the record and
 *              wtap_rec_init(rec) takes no size.
 * 4.6:         the record holds its bytes (wtap_rec.data), so wtap_read() takes no Buffer,
 *              wtap_dump() no bytes, and wtap_rec_init(rec, space) sizes it; ws_log_init()
 *              takes no program name.
 * wtap_init(), wtap_open_offline(), wtap_encap_description(), wtap_dump_open() and
 * wtap_dump_close() are the same in all three (gboolean became bool in 4.2, the same int).
 */
#ifndef TCPREUSE_SCAN_WTAP_COMPAT_H
#define TCPREUSE_SCAN_WTAP_COMPAT_H

#include <stdbool.h>
#include <stdint.h>

#include <wireshark.h>
#include <wiretap/wtap.h>

#define TR_WIRESHARK_4_6_API \
    (WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 6))

/* Wireshark's log (wiretap's warnings) at its default level, as its own programs set it up:
 * left alone, it prints wiretap's debugging messages. */
static inline void tr_wtap_log_init(void)
{
#if TR_WIRESHARK_4_6_API
    ws_log_init(NULL);
#else
    ws_log_init("tcpreuse-scan", NULL);
#endif
}

/* A record and its bytes, read again and again into the same memory. */
typedef struct tr_wtap_record {
    wtap_rec rec;
#if !TR_WIRESHARK_4_6_API
    Buffer data;
#endif
} tr_wtap_record;

enum { TR_WTAP_INITIAL_SPACE = 2048 }; /* grows with the largest record */

static inline void tr_wtap_record_init(tr_wtap_record *r)
{
#if TR_WIRESHARK_4_6_API
    wtap_rec_init(&r->rec, TR_WTAP_INITIAL_SPACE);
#else
    wtap_rec_init(&r->rec);
    ws_buffer_init(&r->data, TR_WTAP_INITIAL_SPACE);
#endif
}

static inline void tr_wtap_record_cleanup(tr_wtap_record *r)
{
    wtap_rec_cleanup(&r->rec);
#if !TR_WIRESHARK_4_6_API
    ws_buffer_free(&r->data);
#endif
}

/* The next record; false at the end of the file (*err 0) or on an error. The offset, for
 * reading the record again at random, is not needed. */
static inline bool tr_wtap_read(wtap *wth, tr_wtap_record *r, int *err, char **err_info)
{
    int64_t offset;
#if TR_WIRESHARK_4_6_API
    return wtap_read(wth, &r->rec, err, err_info, &offset);
#else
    return wtap_read(wth, &r->rec, &r->data, err, err_info, &offset);
#endif
}

static inline const uint8_t *tr_wtap_record_bytes(tr_wtap_record *r)
{
#if TR_WIRESHARK_4_6_API
    return ws_buffer_start_ptr(&r->rec.data);
#else
    return ws_buffer_start_ptr(&r->data);
#endif
}

/* Writes a record read by tr_wtap_read() to a capture being written. */
static inline bool tr_wtap_dump(wtap_dumper *wdh, tr_wtap_record *r, int *err, char **err_info)
{
#if TR_WIRESHARK_4_6_API
    return wtap_dump(wdh, &r->rec, err, err_info);
#else
    return wtap_dump(wdh, &r->rec, ws_buffer_start_ptr(&r->data), err, err_info);
#endif
}

#endif
