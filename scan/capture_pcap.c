/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _DEFAULT_SOURCE /* libpcap's headers use the BSD types u_char, u_short and u_int */
#include "capture_pcap.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <pcap/pcap.h>

#include "wtap_link.h"
#include <wiretap/pcap-encap.h>

struct tr_pcap_source {
    pcap_t *pcap;
    int encap;              /* wiretap's encapsulation for the link type */
    tr_link link;
    bool nanoseconds;       /* the timestamps' fraction counts nanoseconds, else microseconds */
    bool live;
    char *read_buffer;      /* the file's stdio buffer */
};

bool tr_pcap_file_is_classic(const char *path)
{
    static const uint8_t magics[][4] = {
        { 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 }, /* microseconds */
        { 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d }, /* nanoseconds */
    };
    uint8_t magic[4];
    FILE *f = fopen(path, "rb");
    bool classic = false;
    if (f && fread(magic, 1, sizeof magic, f) == sizeof magic)
        for (size_t i = 0; i < G_N_ELEMENTS(magics); i++)
            classic = classic || !memcmp(magic, magics[i], sizeof magic);
    if (f)
        fclose(f);
    return classic;
}

static tr_pcap_source *source_of(pcap_t *pcap, bool live)
{
    tr_pcap_source *s = g_new0(tr_pcap_source, 1);
    s->pcap = pcap;
    s->live = live;
    /* DLT values are the LINKTYPE ones wiretap maps, but for DLT_RAW's two numbers, which
     * wiretap maps both. */
    s->encap = wtap_pcap_encap_to_wtap_encap(pcap_datalink(pcap));
    s->link = tr_link_of_wtap_encap(s->encap);
    s->nanoseconds = pcap_get_tstamp_precision(pcap) == PCAP_TSTAMP_PRECISION_NANO;
    return s;
}

/* The file is read through a 1 MiB buffer: with stdio's 4 KiB one, the read() calls were a
 * third of the floor's (tcpdump -r F -w /dev/null) system time. */
#define READ_BUFFER_BYTES (1 << 20)

tr_pcap_source *tr_pcap_open_file(const char *path, char **error)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    char *buffer = g_malloc(READ_BUFFER_BYTES);
    FILE *file = fopen(path, "rb");
    /* glibc takes the size only with a buffer of the caller's. */
    if (!file || setvbuf(file, buffer, _IOFBF, READ_BUFFER_BYTES) != 0) {
        *error = g_strdup(g_strerror(errno));
        if (file)
            fclose(file);
        g_free(buffer);
        return NULL;
    }
    pcap_t *pcap = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!pcap) {
        *error = g_strdup(errbuf);
        fclose(file);
        g_free(buffer);
        return NULL;
    }
    tr_pcap_source *s = source_of(pcap, false);
    s->read_buffer = buffer; /* freed once pcap_close() has closed the file */
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

tr_pcap_source *tr_pcap_open_live(const char *interface, const char *filter, int snaplen, char **error)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *pcap = pcap_create(interface, errbuf);
    if (!pcap) {
        *error = g_strdup(errbuf);
        return NULL;
    }
    pcap_set_snaplen(pcap, snaplen);
    pcap_set_promisc(pcap, 1);
    pcap_set_timeout(pcap, 100);                 /* ms: a stop is seen soon on a quiet link */
    pcap_set_buffer_size(pcap, 64 * 1024 * 1024); /* bursts of a busy server */
    pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO); /* microseconds if refused */
    int status = pcap_activate(pcap);
    if (status < 0)
        return failed(pcap, "cannot capture", status, error);
    if (filter && *filter) {
        struct bpf_program program;
        if (pcap_compile(pcap, &program, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
            return failed(pcap, "the capture filter", PCAP_ERROR, error);
        status = pcap_setfilter(pcap, &program);
        pcap_freecode(&program);
        if (status != 0)
            return failed(pcap, "the capture filter", PCAP_ERROR, error);
    }
    return source_of(pcap, true);
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
        const char *why = pcap_geterr(s->pcap);
        /* libpcap says "truncated dump file; tried to read ... only got ...": a file copied while
         * it was written, or cut by a full disk, said as wiretap's reader says it. */
        *error = !s->live && g_str_has_prefix(why, "truncated dump file")
                     ? g_strdup_printf("it is cut short in the middle of a frame (%s)", why)
                     : g_strdup(why);
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

bool tr_pcap_position(tr_pcap_source *s, int64_t *done, int64_t *total)
{
    FILE *file = s->live ? NULL : pcap_file(s->pcap);
    struct stat st;
    if (!file || fstat(fileno(file), &st) != 0)
        return false;
    *done = ftell(file);
    *total = st.st_size;
    return *done >= 0;
}

unsigned tr_pcap_dropped(tr_pcap_source *s)
{
    struct pcap_stat stats;
    if (!s->live || pcap_stats(s->pcap, &stats) != 0)
        return 0;
    return stats.ps_drop + stats.ps_ifdrop;
}

void tr_pcap_close(tr_pcap_source *s)
{
    if (!s)
        return;
    pcap_close(s->pcap);
    g_free(s->read_buffer);
    g_free(s);
}
