/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _DEFAULT_SOURCE /* libpcap's headers use the BSD types u_char, u_short and u_int */
#include "capture_pcap.h"

#include <stdint.h>

#include <glib.h>
#include <pcap/pcap.h>

#include "live_filter.h"
#include "wtap_link.h"
#include <wiretap/pcap-encap.h>

struct tr_pcap_source {
    pcap_t *pcap;
    int encap;              /* wiretap's encapsulation for the link type */
    tr_link link;
    bool nanoseconds;       /* the timestamps' fraction counts nanoseconds, else microseconds */
};

static tr_pcap_source *source_of(pcap_t *pcap)
{
    tr_pcap_source *s = g_new0(tr_pcap_source, 1);
    s->pcap = pcap;
    /* DLT values are the LINKTYPE ones wiretap maps, but for DLT_RAW's two numbers, which
     * wiretap maps both. */
    s->encap = wtap_pcap_encap_to_wtap_encap(pcap_datalink(pcap));
    s->link = tr_link_of_wtap_encap(s->encap);
    s->nanoseconds = pcap_get_tstamp_precision(pcap) == PCAP_TSTAMP_PRECISION_NANO;
    return s;
}

/* A libpcap step that failed on `pcap`: its message, into *error. */
static tr_pcap_source *failed(pcap_t *pcap, const char *doing, int status, char **error)
{
    const char *why = status == PCAP_ERROR || status == 0 ? pcap_geterr(pcap) : pcap_statustostr(status);
    *error = g_strdup_printf("%s: %s", doing, why);
    pcap_close(pcap);
    return NULL;
}

tr_pcap_source *tr_pcap_open_live(const char *interface, bool control_only, char **error)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *pcap = pcap_create(interface, errbuf);
    if (!pcap) {
        *error = g_strdup(errbuf);
        return NULL;
    }
    /* These fail only on a handle already activated. */
    if (pcap_set_snaplen(pcap, TR_LIVE_SNAPLEN) != 0 || pcap_set_promisc(pcap, 1) != 0 ||
        pcap_set_timeout(pcap, 100) != 0 ||                  /* ms: a stop is seen soon on a quiet link */
        pcap_set_buffer_size(pcap, 64 * 1024 * 1024) != 0)  /* bursts of a busy server */
        return failed(pcap, "cannot set up the capture", PCAP_ERROR, error);
    /* Nanoseconds where the interface has them; refused, it stays at microseconds. */
    int nanoseconds = pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO);
    (void)nanoseconds;
    int status = pcap_activate(pcap);
    if (status < 0)
        return failed(pcap, "cannot capture", status, error);
    char *filter = tr_live_filter(control_only, pcap_datalink(pcap) == DLT_EN10MB);
    struct bpf_program program;
    status = pcap_compile(pcap, &program, filter, 1, PCAP_NETMASK_UNKNOWN);
    g_free(filter);
    if (status != 0)
        return failed(pcap, "the capture filter", PCAP_ERROR, error);
    status = pcap_setfilter(pcap, &program);
    pcap_freecode(&program);
    if (status != 0)
        return failed(pcap, "the capture filter", PCAP_ERROR, error);
    return source_of(pcap);
}

int tr_pcap_next(tr_pcap_source *s, tr_frame *frame, char **error)
{
    struct pcap_pkthdr *header;
    const u_char *bytes;
    int status;
    /* 0: a live capture's timeout went by without a frame. */
    while ((status = pcap_next_ex(s->pcap, &header, &bytes)) == 0)
        ;
    if (status == PCAP_ERROR_BREAK)
        return 0;
    if (status != 1) {
        *error = g_strdup(pcap_geterr(s->pcap));
        return -1;
    }
    int64_t fraction = header->ts.tv_usec;
    *frame = (tr_frame){
        .is_packet = true,
        .encap = s->encap,
        .link = s->link,
        .bytes = bytes,
        .captured = header->caplen,
        .on_wire = header->len,
        .time_ns = (int64_t)header->ts.tv_sec * 1000000000 + (s->nanoseconds ? fraction : fraction * 1000),
    };
    return 1;
}

void tr_pcap_stop(tr_pcap_source *s)
{
    pcap_breakloop(s->pcap);
}

unsigned tr_pcap_dropped(tr_pcap_source *s)
{
    struct pcap_stat stats;
    if (pcap_stats(s->pcap, &stats) != 0)
        return 0;
    return stats.ps_drop + stats.ps_ifdrop;
}

void tr_pcap_close(tr_pcap_source *s)
{
    if (!s)
        return;
    pcap_close(s->pcap);
    g_free(s);
}
