/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-scan: capture files through libwiretap (version differences: wtap_compat.h), classic
 * pcap files read in place (pcap_file.h), live interfaces through libpcap (capture_pcap.h).
 */
#include "capture.h"

#include <string.h>

#include "capture_pcap.h"
#include "capture_wtap.h"
#include "pcap_file.h"
#include "wtap_link.h"

struct tr_capture {
    tr_pcap_file *file;    /* a classic pcap file, read in place; */
    tr_pcap_source *pcap;  /* a live capture, read by libpcap; else a file read by wiretap: */
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

tr_capture *tr_capture_open_wiretap(const char *path, char **error)
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

tr_capture *tr_capture_open(const char *path, char **error)
{
    if (!strcmp(path, "-") || !tr_pcap_file_is_classic(path))
        return tr_capture_open_wiretap(path, error);
    tr_pcap_file *file = tr_pcap_file_open(path, error);
    if (!file)
        return NULL;
    tr_capture *cap = g_new0(tr_capture, 1);
    cap->file = file;
    return cap;
}

tr_capture *tr_capture_open_live(const char *interface, bool control_only, char **error)
{
    tr_pcap_source *source = tr_pcap_open_live(interface, control_only, error);
    if (!source)
        return NULL;
    tr_capture *cap = g_new0(tr_capture, 1);
    cap->pcap = source;
    return cap;
}

void tr_capture_stop(tr_capture *cap)
{
    if (cap->pcap)
        tr_pcap_stop(cap->pcap);
}

bool tr_capture_position(tr_capture *cap, int64_t *done, int64_t *total)
{
    if (cap->file)
        tr_pcap_file_position(cap->file, done, total);
    if (cap->file || cap->pcap)
        return cap->file != NULL;
    int err = 0;
    *total = wtap_file_size(cap->wth, &err);
    *done = wtap_read_so_far(cap->wth);
    return err == 0 && *total > 0;
}

unsigned tr_capture_dropped(tr_capture *cap)
{
    return cap->pcap ? tr_pcap_dropped(cap->pcap) : 0;
}

/* A frame of a classic pcap file or of a live capture (not read by wiretap). */
static bool next_not_by_wiretap(tr_capture *cap, tr_frame *frame)
{
    int got = cap->file ? tr_pcap_file_next(cap->file, frame, &cap->error)
                        : tr_pcap_next(cap->pcap, frame, &cap->error);
    if (got == 1)
        frame->number = ++cap->frames;
    return got == 1;
}

bool tr_capture_next(tr_capture *cap, tr_frame *frame)
{
    int err = 0;
    char *err_info = NULL;
    if (cap->error)
        return false;
    if (cap->file || cap->pcap)
        return next_not_by_wiretap(cap, frame);
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
    if (cap->file || cap->pcap) {
        tr_pcap_file_close(cap->file);
        tr_pcap_close(cap->pcap);
    } else {
        wtap_close(cap->wth);
        tr_wtap_record_cleanup(&cap->record);
    }
    g_free(cap->error);
    g_free(cap);
}

wtap *tr_capture_wtap(tr_capture *cap)
{
    return cap->wth;
}

tr_wtap_record *tr_capture_record(tr_capture *cap)
{
    return &cap->record;
}

char *tr_capture_encap_text(int encap)
{
    const char *description = wtap_encap_description(encap);
    const char *name = wtap_encap_name(encap);
    return g_strdup_printf("%s (%s)", description ? description : "unknown", name ? name : "?");
}
