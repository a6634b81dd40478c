/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the scenario language. A scenario scripts hosts (each with its
 * own TCP timestamp clock) and connections between them, one segment per call, at
 * explicit times; the frames go out in time order.
 *
 *   conn c = conn_open(s, &client, 40000, &server, 80, 1000000, 7000000);
 *   client_syn(&c, MS(0));  server_synack(&c, MS(10));  client_ack(&c, MS(20));
 *
 * Every call appends exactly one frame, so a scenario's frame numbers can be read
 * off its source. Sequence and acknowledgement numbers follow the connection state
 * (every segment is delivered at once); tcp_send_numbers() sets them by hand.
 */
#ifndef PCAPGEN_SCENARIO_H
#define PCAPGEN_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datagram.h"
#include "tcpreuse/segment.h"
#include "tunnel.h"

#define US(x) ((int64_t)(x) * 1000)
#define MS(x) ((int64_t)(x) * 1000000)
#define SEC(x) ((int64_t)(x) * 1000000000)

/* Scenario time 0 is this epoch second (2023-11-14 22:13:20 UTC). */
#define SCENARIO_EPOCH_S 1700000000

/* A TCP timestamp clock (RFC 7323 5.4): TSval = offset + hz * scenario time. hz 0 = no timestamps. */
typedef struct ts_clock {
    uint32_t hz;
    uint32_t offset;
} ts_clock;

uint32_t ts_clock_at(ts_clock clock, int64_t t);

/* One machine as the capture sees it. Several hosts may share an address (behind a NAT). */
typedef struct host {
    net_addr addr;
    uint8_t mac[6];
    uint8_t ttl;
    ts_clock clock;
    uint16_t next_ip_id;
} host;

host host_make(const char *addr, uint8_t ttl, ts_clock clock);

typedef struct scenario scenario;

typedef enum side {
    CLIENT = 0,
    SERVER = 1,
} side;

typedef struct endpoint {
    host *host;
    uint16_t port;
    ts_clock clock;         /* the host's, unless the connection has its own offset */
    uint32_t isn, snd_nxt;
    uint32_t ts_recent;     /* last TSval received from the peer: the TSecr to send */
    uint16_t mss;
    int8_t window_scale;
    uint16_t syn_window, window;
} endpoint;

typedef struct conn {
    scenario *s;
    endpoint end[2];        /* indexed by side */
    bool syn_had_ts;        /* the client's SYN carried timestamps */
    bool ts_negotiated;     /* ...and so did the SYN-ACK (RFC 7323 3.2) */
    uint8_t last_syn[128];  /* the client's last SYN datagram, for ICMP errors to quote */
    size_t last_syn_len;
} conn;

/* Writing a scenario into a capture file. */
scenario *scenario_create(const char *path);
int scenario_finish(scenario *s);              /* writes what is queued, closes; 0 on success */
void scenario_flush_before(scenario *s, int64_t t);

/* Settings for the frames sent from now on. */
void scenario_set_snaplen(scenario *s, uint32_t snaplen);
void scenario_set_vlan(scenario *s, uint16_t vlan_id);
/* IPv4 datagrams with more than payload_bytes (a multiple of 8; 0: none) after their header
 * are sent as fragments of that many bytes (RFC 791), the last fragment first if asked. */
void scenario_set_fragmenting(scenario *s, uint16_t payload_bytes, bool last_first);
/* Client-side frames go client_end -> server_end inside the tunnel's outer IPv4 header. */
void scenario_set_tunnel(scenario *s, tunnel_kind kind, const char *client_end, const char *server_end);

conn conn_open(scenario *s, host *client, uint16_t client_port, host *server, uint16_t server_port,
               uint32_t client_isn, uint32_t server_isn);

/* The connection's client uses a clock of its own (per-connection timestamp offsets). */
void conn_set_client_clock(conn *c, ts_clock clock);

/* seq = the ISN for a SYN, else the sender's next sequence; ack = the peer's next sequence. */
void tcp_send(conn *c, side from, uint8_t flags, uint32_t len, int64_t t);
void tcp_send_numbers(conn *c, side from, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len,
                      int64_t t);
/* Same as tcp_send, with option bytes exactly as given (garbage allowed). */
void tcp_send_raw_options(conn *c, side from, uint8_t flags, const uint8_t *options,
                          size_t options_len, uint32_t len, int64_t t);

/* What a forger (or a broken sender) puts on a segment instead of what the end would. */
typedef struct forged_fields {
    uint8_t ttl;            /* 0: the host's */
    bool ip_id_set;
    uint16_t ip_id;
    bool timestamps;        /* carry a Timestamps option with these values */
    uint32_t tsval, tsecr;
    uint8_t reserved;       /* reserved header bits */
} forged_fields;

/* One segment with the given numbers and forged fields, not as the end's stack would send it. */
void tcp_send_forged(conn *c, side from, uint8_t flags, uint32_t seq, uint32_t ack, const forged_fields *forged,
                     int64_t t);

/* The last frame written, written again at t: the same segment captured twice. */
void scenario_copy_last(scenario *s, int64_t t);

/* An ICMP destination unreachable from router to the client, quoting its last SYN. */
void router_unreachable(conn *c, host *router, uint8_t code, int64_t t);

/* The story verbs. */
static inline void client_syn(conn *c, int64_t t) { tcp_send(c, CLIENT, TR_TCP_SYN, 0, t); }
static inline void server_synack(conn *c, int64_t t) { tcp_send(c, SERVER, TR_TCP_SYN | TR_TCP_ACK, 0, t); }
static inline void client_ack(conn *c, int64_t t) { tcp_send(c, CLIENT, TR_TCP_ACK, 0, t); }
static inline void server_ack(conn *c, int64_t t) { tcp_send(c, SERVER, TR_TCP_ACK, 0, t); }
static inline void client_data(conn *c, uint32_t len, int64_t t) { tcp_send(c, CLIENT, TR_TCP_PSH | TR_TCP_ACK, len, t); }
static inline void server_data(conn *c, uint32_t len, int64_t t) { tcp_send(c, SERVER, TR_TCP_PSH | TR_TCP_ACK, len, t); }
static inline void client_fin(conn *c, int64_t t) { tcp_send(c, CLIENT, TR_TCP_FIN | TR_TCP_ACK, 0, t); }
static inline void server_fin(conn *c, int64_t t) { tcp_send(c, SERVER, TR_TCP_FIN | TR_TCP_ACK, 0, t); }
static inline void client_rst(conn *c, int64_t t) { tcp_send(c, CLIENT, TR_TCP_RST, 0, t); }
static inline void server_rst(conn *c, int64_t t) { tcp_send(c, SERVER, TR_TCP_RST, 0, t); }
static inline void server_rst_ack(conn *c, int64_t t) { tcp_send(c, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, t); }
/* The SYN-SENT reply to an unacceptable ACK: RST with seq = that ACK's ack (RFC 793). */
static inline void client_rst_seq(conn *c, uint32_t seq, int64_t t) { tcp_send_numbers(c, CLIENT, TR_TCP_RST, seq, 0, 0, t); }

/* The final numbers of a connection, for scenarios that need to name them. */
static inline uint32_t conn_next_seq(const conn *c, side from) { return c->end[from].snd_nxt; }

#endif
