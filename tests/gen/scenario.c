/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the scenario language (see scenario.h): connection state, and
 * turning each segment into a frame (options, IP, tunnel, Ethernet) on the queue.
 */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ethernet.h"
#include "frame_queue.h"
#include "inet_checksum.h"
#include "pcap_file.h"
#include "tcp_options.h"

#define DEFAULT_SNAPLEN 262144u
#define DATAGRAM_MAX 1536

struct scenario {
    pcap_file *out;
    frame_queue *queue;
    uint32_t snaplen;
    uint16_t vlan_id;
    tunnel_kind tunnel;
    ip_header_spec tunnel_outer;    /* client end -> server end */
    uint16_t fragment_payload;      /* 0: no fragmenting (scenario_set_fragmenting) */
    bool fragments_last_first;
    uint8_t last_frame[ETHERNET_FRAME_MAX + 64]; /* for scenario_copy_last */
    uint32_t last_frame_len;
};

uint32_t ts_clock_at(ts_clock clock, int64_t t)
{
    return clock.offset + (uint32_t)((uint64_t)t * clock.hz / 1000000000u);
}

host host_make(const char *addr, uint8_t ttl, ts_clock clock)
{
    host h = {.addr = net_addr_parse(addr), .ttl = ttl, .clock = clock, .next_ip_id = 1};
    h.mac[0] = 0x02;            /* locally administered, derived from the address */
    h.mac[1] = (uint8_t)(0x40 | h.addr.family);
    memcpy(h.mac + 2, h.addr.bytes + (h.addr.family == 6 ? 12 : 0), 4);
    return h;
}

scenario *scenario_create(const char *path)
{
    scenario *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->out = pcap_file_create(path, DEFAULT_SNAPLEN);
    if (!s->out) {
        free(s);
        return NULL;
    }
    s->queue = frame_queue_new();
    s->snaplen = DEFAULT_SNAPLEN;
    return s;
}

static int write_before(scenario *s, int64_t t)
{
    int rc = 0;
    queued_frame f;
    while (frame_queue_pop_before(s->queue, t, &f)) {
        int64_t when = SEC(SCENARIO_EPOCH_S) + f.time_ns;
        if (pcap_file_write(s->out, when, f.bytes, f.frame_len, f.captured_len) != 0)
            rc = -1;
        free(f.bytes);
    }
    return rc;
}

void scenario_flush_before(scenario *s, int64_t t)
{
    write_before(s, t);
}

int scenario_finish(scenario *s)
{
    int rc = write_before(s, INT64_MAX);
    if (pcap_file_close(s->out) != 0)
        rc = -1;
    frame_queue_free(s->queue);
    free(s);
    return rc;
}

void scenario_set_snaplen(scenario *s, uint32_t snaplen)
{
    s->snaplen = snaplen;
}

void scenario_set_vlan(scenario *s, uint16_t vlan_id)
{
    s->vlan_id = vlan_id;
}

void scenario_set_fragmenting(scenario *s, uint16_t payload_bytes, bool last_first)
{
    s->fragment_payload = payload_bytes;
    s->fragments_last_first = last_first;
}

void scenario_set_tunnel(scenario *s, tunnel_kind kind, const char *client_end, const char *server_end)
{
    s->tunnel = kind;
    s->tunnel_outer = (ip_header_spec){
        .src = net_addr_parse(client_end),
        .dst = net_addr_parse(server_end),
        .ttl = 64,
        .id = 1,
    };
}

static endpoint endpoint_make(host *h, uint16_t port, uint32_t isn, bool is_client)
{
    return (endpoint){
        .host = h,
        .port = port,
        .clock = h->clock,
        .isn = isn,
        .snd_nxt = isn,
        .mss = h->addr.family == 6 ? 1440 : 1460,
        .window_scale = 7,
        .syn_window = is_client ? 64240 : 65160,
        .window = 502,
    };
}

conn conn_open(scenario *s, host *client, uint16_t client_port, host *server, uint16_t server_port,
               uint32_t client_isn, uint32_t server_isn)
{
    conn c = {.s = s};
    c.end[CLIENT] = endpoint_make(client, client_port, client_isn, true);
    c.end[SERVER] = endpoint_make(server, server_port, server_isn, false);
    return c;
}

void conn_set_client_clock(conn *c, ts_clock clock)
{
    c->end[CLIENT].clock = clock;
}

/* The frame's IP header as the sending host writes it. */
static ip_header_spec ip_header_from(conn *c, side from)
{
    endpoint *me = &c->end[from];
    return (ip_header_spec){
        .src = me->host->addr,
        .dst = c->end[!from].host->addr,
        .ttl = me->host->ttl,
        .id = me->host->next_ip_id++,
    };
}

static void emit_frame(scenario *s, const uint8_t mac_dst[6], const uint8_t mac_src[6], uint8_t family,
                       const uint8_t *datagram, size_t len, int64_t t)
{
    uint8_t frame[ETHERNET_FRAME_MAX + 64];
    size_t n = len ? ethernet_frame(frame, sizeof frame, mac_dst, mac_src, s->vlan_id, family,
                                    datagram, len)
                   : 0;
    if (n == 0) {
        fputs("tcpreuse-pcapgen: frame does not fit\n", stderr);
        exit(1);
    }
    frame_queue_push(s->queue, t, frame, (uint32_t)n, s->snaplen);
    memcpy(s->last_frame, frame, n);
    s->last_frame_len = (uint32_t)n;
}

/* RFC 791 fragmentation: each fragment carries a copy of the header with its own total
 * length, fragment offset, More Fragments flag (Don't Fragment cleared) and checksum. */
static void emit_fragments(scenario *s, const uint8_t mac_dst[6], const uint8_t mac_src[6],
                           const uint8_t *datagram, size_t len, int64_t t)
{
    size_t header = (size_t)(datagram[0] & 0x0f) * 4, payload = len - header;
    size_t count = (payload + s->fragment_payload - 1) / s->fragment_payload;
    for (size_t k = 0; k < count; k++) {
        size_t i = s->fragments_last_first ? count - 1 - k : k;
        size_t offset = i * s->fragment_payload;
        size_t n = payload - offset < s->fragment_payload ? payload - offset : s->fragment_payload;
        uint8_t fragment[DATAGRAM_MAX];
        memcpy(fragment, datagram, header);
        memcpy(fragment + header, datagram + header + offset, n);
        uint16_t total = (uint16_t)(header + n);
        uint16_t flags_offset = (uint16_t)(offset / 8 | (i + 1 < count ? 0x2000u : 0));
        fragment[2] = (uint8_t)(total >> 8), fragment[3] = (uint8_t)total;
        fragment[6] = (uint8_t)(flags_offset >> 8), fragment[7] = (uint8_t)flags_offset;
        fragment[10] = fragment[11] = 0;
        uint16_t sum = inet_checksum_finish(inet_checksum_add(0, fragment, header));
        fragment[10] = (uint8_t)(sum >> 8), fragment[11] = (uint8_t)sum;
        emit_frame(s, mac_dst, mac_src, 4, fragment, total, t);
    }
}

static void emit_datagram(scenario *s, const uint8_t mac_dst[6], const uint8_t mac_src[6],
                          uint8_t family, const uint8_t *datagram, size_t len, bool from_client,
                          int64_t t)
{
    uint8_t wrapped[DATAGRAM_MAX + 64];
    if (s->tunnel != TUNNEL_NONE) {
        ip_header_spec outer = s->tunnel_outer;
        if (!from_client) {
            outer.src = s->tunnel_outer.dst;
            outer.dst = s->tunnel_outer.src;
        }
        s->tunnel_outer.id++;
        len = tunnel_wrap(wrapped, sizeof wrapped, s->tunnel, &outer, family, datagram, len);
        datagram = wrapped;
        family = 4;
    }
    if (s->fragment_payload && family == 4 && len && len > (size_t)(datagram[0] & 0x0f) * 4 + s->fragment_payload)
        emit_fragments(s, mac_dst, mac_src, datagram, len, t);
    else
        emit_frame(s, mac_dst, mac_src, family, datagram, len, t);
}

void scenario_copy_last(scenario *s, int64_t t)
{
    frame_queue_push(s->queue, t, s->last_frame, s->last_frame_len, s->snaplen);
}

static bool seq_after(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) > 0;
}

/* Options a Linux stack puts on this segment: all of them on a SYN, timestamps after. */
static tcp_options options_for(const conn *c, side from, uint8_t flags, int64_t t)
{
    const endpoint *me = &c->end[from];
    bool syn = flags & TR_TCP_SYN;
    bool ts = me->clock.hz && (syn ? (from == CLIENT || c->syn_had_ts) : c->ts_negotiated);
    if (flags & TR_TCP_RST)
        ts = false;     /* as tcp_v4_send_reset() sends them: no options */
    return (tcp_options){
        .mss = syn ? me->mss : 0,
        .sack_permitted = syn,
        .window_scale = syn ? me->window_scale : -1,
        .timestamps = ts,
        .tsval = ts_clock_at(me->clock, t),
        .tsecr = ts && !(syn && from == CLIENT) ? me->ts_recent : 0,
    };
}

/* What the segment's timestamps tell both ends: negotiation (RFC 7323 3.2) on the
 * handshake, and the peer's TS.Recent (the TSecr it will echo). */
static void note_timestamps(conn *c, side from, uint8_t flags, const tcp_options *o)
{
    if ((flags & TR_TCP_SYN) && from == CLIENT)
        c->syn_had_ts = o->timestamps;
    else if (flags & TR_TCP_SYN)
        c->ts_negotiated = o->timestamps;
    if (o->timestamps)
        c->end[!from].ts_recent = o->tsval;
}

static void send_segment(conn *c, side from, uint8_t flags, uint32_t seq, uint32_t ack,
                         const uint8_t *options, size_t options_len, uint32_t len, int64_t t,
                         const forged_fields *forged)
{
    endpoint *me = &c->end[from];
    ip_header_spec ip = ip_header_from(c, from);
    if (forged && forged->ttl)
        ip.ttl = forged->ttl;
    if (forged && forged->ip_id_set)
        ip.id = forged->ip_id;
    tcp_header_spec tcp = {
        .sport = me->port,
        .dport = c->end[!from].port,
        .seq = seq,
        .ack = ack,
        .flags = flags,
        .reserved = forged ? forged->reserved : 0,
        .window = (flags & TR_TCP_SYN) ? me->syn_window : me->window,
        .options = options,
        .options_len = options_len,
        .payload_len = len,
    };
    uint8_t datagram[DATAGRAM_MAX];
    size_t n = tcp_datagram(datagram, sizeof datagram, &ip, &tcp);
    if (from == CLIENT && (flags & TR_TCP_SYN) && n <= sizeof c->last_syn) {
        memcpy(c->last_syn, datagram, n);
        c->last_syn_len = n;
    }
    emit_datagram(c->s, c->end[!from].host->mac, me->host->mac, ip.src.family, datagram, n,
                  from == CLIENT, t);
    uint32_t end = seq + len + !!(flags & TR_TCP_SYN) + !!(flags & TR_TCP_FIN);
    if (!(flags & TR_TCP_RST) && seq_after(end, me->snd_nxt))
        me->snd_nxt = end;      /* a reset takes no sequence space */
}

void tcp_send_numbers(conn *c, side from, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len,
                      int64_t t)
{
    tcp_options o = options_for(c, from, flags, t);
    note_timestamps(c, from, flags, &o);
    uint8_t options[TCP_OPTIONS_MAX];
    size_t n = tcp_options_encode(&o, options);
    send_segment(c, from, flags, seq, ack, options, n, len, t, NULL);
}

void tcp_send_forged(conn *c, side from, uint8_t flags, uint32_t seq, uint32_t ack, const forged_fields *forged,
                     int64_t t)
{
    tcp_options o = {.window_scale = -1, .timestamps = forged->timestamps, .tsval = forged->tsval,
                     .tsecr = forged->tsecr};
    uint8_t options[TCP_OPTIONS_MAX];
    size_t n = tcp_options_encode(&o, options);
    send_segment(c, from, flags, seq, ack, options, n, 0, t, forged);
}

/* The numbers a stack in sync would put on the segment. */
static void default_numbers(const conn *c, side from, uint8_t flags, uint32_t *seq, uint32_t *ack)
{
    *seq = (flags & TR_TCP_SYN) ? c->end[from].isn : c->end[from].snd_nxt;
    *ack = (flags & TR_TCP_ACK) ? c->end[!from].snd_nxt : 0;
}

void tcp_send(conn *c, side from, uint8_t flags, uint32_t len, int64_t t)
{
    uint32_t seq, ack;
    default_numbers(c, from, flags, &seq, &ack);
    tcp_send_numbers(c, from, flags, seq, ack, len, t);
}

void tcp_send_raw_options(conn *c, side from, uint8_t flags, const uint8_t *options,
                          size_t options_len, uint32_t len, int64_t t)
{
    uint32_t seq, ack;
    default_numbers(c, from, flags, &seq, &ack);
    send_segment(c, from, flags, seq, ack, options, options_len, len, t, NULL);
}

void router_unreachable(conn *c, host *router, uint8_t code, int64_t t)
{
    host *client = c->end[CLIENT].host;
    ip_header_spec ip = {
        .src = router->addr,
        .dst = client->addr,
        .ttl = router->ttl,
        .id = router->next_ip_id++,
    };
    uint8_t datagram[DATAGRAM_MAX];
    size_t n = icmp_unreachable_datagram(datagram, sizeof datagram, &ip, code, c->last_syn,
                                         c->last_syn_len);
    emit_datagram(c->s, client->mac, router->mac, ip.src.family, datagram, n, false, t);
}
