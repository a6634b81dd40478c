/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: capture files through libwiretap (version differences: wtap_compat.h).
 */
#include "capture.h"

#include "wtap_compat.h"
#include "wtap_link.h"

struct tr_capture {
    wtap *wth;
    tr_wtap_record record;
    uint32_t frames;
    char *error;
};

void tr_capture_library_init(void)
{
    tr_wtap_log_init();
    wtap_init(FALSE); /* no wiretap plugins: the scanner needs only the built-in formats */
}

/* wiretap's message for an error, with its details when it gave some. */
static char *error_text(int err, char *err_info)
{
    /* wiretap says "Less data was read than was expected": the usual end of a capture copied
     * while it was being written, or cut by a full disk. */
    const char *what = err == WTAP_ERR_SHORT_READ ? "it is cut short in the middle of a frame" : wtap_strerror(err);
    char *text = err_info ? g_strdup_printf("%s (%s)", what, err_info) : g_strdup(what);
    g_free(err_info);
    return text;
}

tr_capture *tr_capture_open(const char *path, char **error)
{
    int err = 0;
    char *err_info = NULL;
    wtap *wth = wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, FALSE);
    if (!wth) {
        *error = error_text(err, err_info);
        return NULL;
    }
    tr_capture *cap = g_new0(tr_capture, 1);
    cap->wth = wth;
    tr_wtap_record_init(&cap->record);
    return cap;
}

bool tr_capture_next(tr_capture *cap, tr_frame *frame)
{
    int err = 0;
    char *err_info = NULL;
    if (cap->error)
        return false;
    /* Lets go of the previous record's block (comments, options), as tshark does. */
    wtap_rec_reset(&cap->record.rec);
    if (!tr_wtap_read(cap->wth, &cap->record, &err, &err_info)) {
        if (err != 0)
            cap->error = error_text(err, err_info);
        else
            g_free(err_info);
        return false;
    }
    const wtap_rec *rec = &cap->record.rec;
    *frame = (tr_frame){
        .number = ++cap->frames,
        .is_packet = rec->rec_type == REC_TYPE_PACKET,
        .encap = WTAP_ENCAP_UNKNOWN,
        .link = TR_LINK_UNKNOWN,
        .time_ns = (int64_t)rec->ts.secs * 1000000000 + rec->ts.nsecs,
    };
    if (frame->is_packet) {
        const wtap_packet_header *h = &rec->rec_header.packet_header;
        frame->encap = h->pkt_encap;
        frame->link = tr_link_of_wtap_encap(h->pkt_encap);
        frame->bytes = tr_wtap_record_bytes(&cap->record);
        frame->captured = h->caplen;
        frame->on_wire = h->len;
    }
    return true;
}

const char *tr_capture_error(const tr_capture *cap)
{
    return cap->error;
}

uint32_t tr_capture_frames(const tr_capture *cap)
{
    return cap->frames;
}

void tr_capture_close(tr_capture *cap)
{
    if (!cap)
        return;
    wtap_close(cap->wth);
    tr_wtap_record_cleanup(&cap->record);
    g_free(cap->error);
    g_free(cap);
}

char *tr_capture_encap_text(int encap)
{
    const char *description = wtap_encap_description(encap);
    const char *name = wtap_encap_name(encap);
    return g_strdup_printf("%s (%s)", description ? description : "unknown", name ? name : "?");
}
