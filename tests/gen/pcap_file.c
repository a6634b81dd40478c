/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the classic pcap writer (see pcap_file.h).
 */
#include "pcap_file.h"

#include <stdio.h>
#include <stdlib.h>

#define PCAP_MAGIC_NANOSECONDS 0xa1b23c4du
#define PCAP_LINKTYPE_ETHERNET 1u

struct pcap_file {
    FILE *fp;
    int failed;
};

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    put_le16(p, (uint16_t)v);
    put_le16(p + 2, (uint16_t)(v >> 16));
}

static void write_bytes(pcap_file *f, const uint8_t *p, size_t n)
{
    if (fwrite(p, 1, n, f->fp) != n)
        f->failed = 1;
}

pcap_file *pcap_file_create(const char *path, uint32_t snaplen)
{
    pcap_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fp = fopen(path, "wb");
    if (!f->fp) {
        free(f);
        return NULL;
    }
    uint8_t hdr[24];
    put_le32(hdr, PCAP_MAGIC_NANOSECONDS);
    put_le16(hdr + 4, 2);           /* version 2.4 */
    put_le16(hdr + 6, 4);
    put_le32(hdr + 8, 0);           /* thiszone */
    put_le32(hdr + 12, 0);          /* sigfigs */
    put_le32(hdr + 16, snaplen);
    put_le32(hdr + 20, PCAP_LINKTYPE_ETHERNET);
    write_bytes(f, hdr, sizeof hdr);
    return f;
}

int pcap_file_write(pcap_file *f, int64_t time_ns, const uint8_t *frame, uint32_t frame_len,
                    uint32_t captured_len)
{
    if (captured_len > frame_len)
        captured_len = frame_len;
    uint8_t rec[16];
    put_le32(rec, (uint32_t)(time_ns / 1000000000));
    put_le32(rec + 4, (uint32_t)(time_ns % 1000000000));
    put_le32(rec + 8, captured_len);
    put_le32(rec + 12, frame_len);
    write_bytes(f, rec, sizeof rec);
    write_bytes(f, frame, captured_len);
    return f->failed ? -1 : 0;
}

int pcap_file_close(pcap_file *f)
{
    int rc = f->failed ? -1 : 0;
    if (fclose(f->fp) != 0)
        rc = -1;
    free(f);
    return rc;
}
