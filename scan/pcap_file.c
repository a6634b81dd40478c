/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _DEFAULT_SOURCE /* madvise() */
#include "pcap_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "wtap_link.h"
#include <wiretap/pcap-encap.h>

enum {
    FILE_HEADER = 24,
    RECORD_HEADER = 16,
    /* wiretap's and libpcap's largest record: a bigger one means a damaged file */
    MAX_RECORD = 262144,
    /* pages behind the reading are given back a piece at a time */
    RELEASE_EVERY = 4 << 20,
};

struct tr_pcap_file {
    const uint8_t *map;
    size_t size, offset, released;
    size_t page;        /* the page size (sysconf() on every record was 4 % of the scan) */
    bool swapped;       /* written on a machine of the other byte order */
    bool nanoseconds;   /* else microseconds */
    int encap;
    tr_link link;
};

/* The four magic numbers as the file's first bytes: microseconds, nanoseconds; each in the
 * writer's byte order, little- or big-endian. */
static const uint8_t magic_le_us[4] = { 0xd4, 0xc3, 0xb2, 0xa1 }, magic_be_us[4] = { 0xa1, 0xb2, 0xc3, 0xd4 },
                     magic_le_ns[4] = { 0x4d, 0x3c, 0xb2, 0xa1 }, magic_be_ns[4] = { 0xa1, 0xb2, 0x3c, 0x4d };

static bool is_magic(const uint8_t *b)
{
    return !memcmp(b, magic_le_us, 4) || !memcmp(b, magic_be_us, 4) || !memcmp(b, magic_le_ns, 4) ||
           !memcmp(b, magic_be_ns, 4);
}

bool tr_pcap_file_is_classic(const char *path)
{
    uint8_t magic[4];
    int fd = open(path, O_RDONLY);
    bool classic = fd >= 0 && read(fd, magic, sizeof magic) == (ssize_t)sizeof magic && is_magic(magic);
    if (fd >= 0)
        close(fd);
    return classic;
}

static uint32_t u32(const tr_pcap_file *f, const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return f->swapped ? GUINT32_SWAP_LE_BE(v) : v;
}

tr_pcap_file *tr_pcap_file_open(const char *path, char **error)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        *error = g_strdup(g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (st.st_size < FILE_HEADER) {
        close(fd);
        *error = g_strdup("it is cut short in its file header");
        return NULL;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        *error = g_strdup(g_strerror(errno));
        return NULL;
    }
    madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
    tr_pcap_file *f = g_new0(tr_pcap_file, 1);
    f->map = map;
    f->size = (size_t)st.st_size;
    f->offset = FILE_HEADER;
    f->page = (size_t)sysconf(_SC_PAGESIZE);
    uint32_t native;
    memcpy(&native, f->map, sizeof native);
    f->swapped = native != 0xa1b2c3d4u && native != 0xa1b23c4du;
    f->nanoseconds = !memcmp(f->map, magic_le_ns, 4) || !memcmp(f->map, magic_be_ns, 4);
    /* The link type's low 16 bits; the upper ones tell of FCS lengths (pcap-savefile(5)). */
    f->encap = wtap_pcap_encap_to_wtap_encap((int)(u32(f, f->map + 20) & 0xffff));
    f->link = tr_link_of_wtap_encap(f->encap);
    return f;
}

/* Gives back the pages before `upto` (the record being read, whose bytes the caller reads
 * next), a piece at a time: they are the page cache's again. */
static void release_behind(tr_pcap_file *f, size_t upto)
{
    upto = upto / f->page * f->page;
    if (upto - f->released < RELEASE_EVERY)
        return;
    madvise((void *)(f->map + f->released), upto - f->released, MADV_DONTNEED);
    f->released = upto;
}

int tr_pcap_file_next(tr_pcap_file *f, tr_frame *frame, char **error)
{
    size_t left = f->size - f->offset;
    if (left == 0)
        return 0;
    if (left < RECORD_HEADER) {
        *error = g_strdup("it is cut short in the middle of a frame (in its record header)");
        return -1;
    }
    const uint8_t *h = f->map + f->offset;
    uint32_t seconds = u32(f, h), fraction = u32(f, h + 4), captured = u32(f, h + 8), on_wire = u32(f, h + 12);
    if (captured > MAX_RECORD) {
        *error = g_strdup_printf("a record of %u bytes, more than any capture holds: the file is damaged", captured);
        return -1;
    }
    if (captured > left - RECORD_HEADER) {
        *error = g_strdup_printf("it is cut short in the middle of a frame (%zu of its %u bytes)",
                                 left - RECORD_HEADER, captured);
        return -1;
    }
    *frame = (tr_frame){
        .is_packet = true,
        .encap = f->encap,
        .link = f->link,
        .bytes = h + RECORD_HEADER,
        .captured = captured,
        .on_wire = on_wire,
        .time_ns = (int64_t)seconds * 1000000000 + (int64_t)fraction * (f->nanoseconds ? 1 : 1000),
    };
    release_behind(f, f->offset);
    f->offset += RECORD_HEADER + captured;
    return 1;
}

void tr_pcap_file_position(const tr_pcap_file *f, int64_t *done, int64_t *total)
{
    *done = (int64_t)f->offset;
    *total = (int64_t)f->size;
}

void tr_pcap_file_close(tr_pcap_file *f)
{
    if (!f)
        return;
    munmap((void *)f->map, f->size);
    g_free(f);
}
