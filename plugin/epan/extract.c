/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: turn one dissected frame into a tr_segment.
 */
#include "extract.h"

#include "headers.h"

static int hf_tcp = -1;
static int hf_ip = -1;
static int hf_ipv6 = -1;
static int hf_icmp = -1;
static int hf_icmpv6 = -1;
static int hf_sflow = -1;

GArray *tr_extract_wanted_hfids(void)
{
    static const struct {
        int *id;
        const char *name;
    } wanted[] = {
        { &hf_tcp, "tcp" },   { &hf_ip, "ip" },         { &hf_ipv6, "ipv6" },
        { &hf_icmp, "icmp" }, { &hf_icmpv6, "icmpv6" }, { &hf_sflow, "sflow" },
    };
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(int));
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++) {
        *wanted[i].id = proto_registrar_get_id_byname(wanted[i].name);
        /* Priming an unknown id (-1) is a dissector bug in Wireshark: leave it out. */
        if (*wanted[i].id != -1)
            g_array_append_val(ids, *wanted[i].id);
    }
    return ids;
}

/* This frame's occurrences of each protocol item, in dissection order (outermost first). */
typedef struct item_lists {
    GPtrArray *tcp, *ip, *ipv6, *icmp, *icmpv6, *sflow;
} item_lists;

static GPtrArray *items_of(proto_tree *tree, int hf)
{
    return hf == -1 ? NULL : proto_get_finfo_ptr_array(tree, hf);
}

static bool covers(const field_info *outer, const field_info *inner)
{
    return outer->ds_tvb == inner->ds_tvb && inner->start >= outer->start &&
           inner->start < outer->start + outer->length;
}

static bool covered_by_any(const GPtrArray *outers, const field_info *inner)
{
    for (guint i = 0; outers && i < outers->len; i++)
        if (covers(g_ptr_array_index(outers, i), inner))
            return true;
    return false;
}

/* A header inside an ICMP/ICMPv6 item is a quote of some earlier packet carried by an
 * error message (RFC 792, RFC 4443 2.4), and one inside sFlow a sampled copy of a packet
 * seen elsewhere (RFC 3176): neither is a segment or datagram of this frame. */
static bool in_quote(const item_lists *l, const field_info *fi)
{
    return covered_by_any(l->icmp, fi) || covered_by_any(l->icmpv6, fi) || covered_by_any(l->sflow, fi);
}

/* The last-dissected TCP header that is not a quote (in_quote()). */
static const field_info *innermost_tcp(const item_lists *l)
{
    for (guint i = l->tcp ? l->tcp->len : 0; i > 0; i--) {
        const field_info *fi = g_ptr_array_index(l->tcp, i - 1);
        if (!in_quote(l, fi))
            return fi;
    }
    return NULL;
}

static void pick_later_ip(const item_lists *l, const GPtrArray *ips, tvbuff_t *ds, gint before,
                          const field_info **best)
{
    for (guint i = 0; ips && i < ips->len; i++) {
        const field_info *fi = g_ptr_array_index(ips, i);
        if (fi->ds_tvb == ds && fi->start < before && (!*best || fi->start > (*best)->start) &&
            !in_quote(l, fi))
            *best = fi;
    }
}

/* The IPv4 or IPv6 header (not a quote) in data source ds that starts last
 * before offset `before`: for a TCP header, the one that carries it through any tunnel
 * (IP-in-IP, GRE, VLAN) layers outside it. */
static const field_info *innermost_ip(const item_lists *l, tvbuff_t *ds, gint before)
{
    const field_info *best = NULL;
    pick_later_ip(l, l->ip, ds, before, &best);
    pick_later_ip(l, l->ipv6, ds, before, &best);
    return best;
}

static size_t copy_header(const field_info *fi, uint8_t *buf, size_t max)
{
    gint avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
    if (avail <= 0)
        return 0;
    size_t n = MIN((size_t)avail, max);
    tvb_memcpy(fi->ds_tvb, buf, fi->start, n);
    return n;
}

/* No TCP item although the innermost IP datagram is an unfragmented TCP one: the TCP
 * dissector gave up before adding its item, i.e. fewer than 4 header bytes were captured. */
static tr_extract_status tcp_without_item(const item_lists *l, tvbuff_t *frame_ds)
{
    const field_info *ip_fi = innermost_ip(l, frame_ds, G_MAXINT);
    if (!ip_fi)
        return TR_EXTRACT_NONE;
    uint8_t buf[TR_IP_MAX_HEADER];
    tr_segment scratch;
    tr_ip_header ip;
    if (tr_parse_ip(buf, copy_header(ip_fi, buf, sizeof buf), &scratch, &ip) != TR_HEADER_OK ||
        ip.next_proto != TR_IPPROTO_TCP || ip.fragment)
        return TR_EXTRACT_NONE;
    gint after_ip = tvb_captured_length_remaining(frame_ds, ip_fi->start + (gint)ip.header_len);
    return after_ip < (gint)TR_TCP_MIN_HEADER ? TR_EXTRACT_TRUNCATED : TR_EXTRACT_NONE;
}

/* TCP payload bytes, from the IP length fields so that a snaplen-truncated frame still
 * counts what was sent. Everything between the IP header start and the TCP header (IPv6
 * extension headers included) is subtracted. */
static uint32_t payload_length(const field_info *ip_fi, const tr_ip_header *ip, const field_info *tcp_fi,
                               uint32_t tcp_header_len)
{
    gint64 from_tcp;
    if (ip_fi->ds_tvb == tcp_fi->ds_tvb && ip->datagram_len != 0) {
        from_tcp = (gint64)ip->datagram_len - (tcp_fi->start - ip_fi->start);
    } else {
        /* The IP length does not describe these bytes (TCP in a reassembled data source) or
         * is 0 (captured before TCP segmentation offload, IPv6 jumbogram): the on-the-wire
         * length of the data source is what is left. */
        from_tcp = tvb_reported_length_remaining(tcp_fi->ds_tvb, tcp_fi->start);
    }
    return from_tcp > (gint64)tcp_header_len ? (uint32_t)(from_tcp - tcp_header_len) : 0;
}

tr_extract_status tr_extract_segment(proto_tree *tree, packet_info *pinfo, tvbuff_t *frame_tvb, tr_segment *seg)
{
    if (!tree)
        return TR_EXTRACT_NONE;
    item_lists l = {
        items_of(tree, hf_tcp), items_of(tree, hf_ip), items_of(tree, hf_ipv6),
        items_of(tree, hf_icmp), items_of(tree, hf_icmpv6), items_of(tree, hf_sflow),
    };
    tvbuff_t *frame_ds = tvb_get_ds_tvb(frame_tvb);

    const field_info *tcp_fi = innermost_tcp(&l);
    if (!tcp_fi)
        return tcp_without_item(&l, frame_ds);
    const field_info *ip_fi = innermost_ip(&l, tcp_fi->ds_tvb, tcp_fi->start);
    if (!ip_fi) /* TCP in a reassembled data source: the IP header is in the frame itself */
        ip_fi = innermost_ip(&l, frame_ds, G_MAXINT);
    if (!ip_fi)
        return TR_EXTRACT_NONE; /* TCP not over IP: no socket pair to speak of */

    memset(seg, 0, sizeof *seg);
    uint8_t buf[MAX(TR_IP_MAX_HEADER, TR_TCP_MAX_HEADER)];
    tr_ip_header ip;
    tr_header_status s = tr_parse_ip(buf, copy_header(ip_fi, buf, TR_IP_MAX_HEADER), seg, &ip);
    if (s != TR_HEADER_OK)
        return TR_EXTRACT_MALFORMED; /* IP dissected it, so its header was there: it is not IP */
    uint32_t tcp_header_len;
    s = tr_parse_tcp(buf, copy_header(tcp_fi, buf, TR_TCP_MAX_HEADER), seg, &tcp_header_len);
    if (s != TR_HEADER_OK)
        return s == TR_HEADER_TRUNCATED ? TR_EXTRACT_TRUNCATED : TR_EXTRACT_MALFORMED;

    seg->payload_len = payload_length(ip_fi, &ip, tcp_fi, tcp_header_len);
    seg->frame = pinfo->num;
    seg->time_ns = (int64_t)pinfo->abs_ts.secs * 1000000000 + pinfo->abs_ts.nsecs;
    return TR_EXTRACT_SEGMENT;
}
