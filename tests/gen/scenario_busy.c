/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the benchmark capture. Hosts behind one NAT address open
 * connections to a web server at about 800 a second; the NAT hands out ports from a
 * pool in turn (skipping ports still in use), so ports come back while the server,
 * which closes first, still holds TIME_WAIT. The server answers as Linux would
 * (tcp_timewait_state_process()): a SYN with an older TSval, or with neither a later
 * ISN nor a newer TSval, gets the TIME_WAIT ACK; the client resets it, which kills the
 * TIME_WAIT, and retries a second later. Everything else is a plain session.
 */
#include "scenarios.h"

#include <stdio.h>
#include <stdlib.h>

#include "prng.h"
#include "sessions.h"

#define BUSY_SEED 0x7463707265757365u     /* "tcpreuse" */
#define BUSY_HOSTS 4
#define BUSY_MAX_CONNECTIONS 10000000ul
#define POOL_FIRST_PORT 39000
#define POOL_MIN 300u
#define POOL_MAX 20000u
#define START_SPACING US(1250)
#define TIME_WAIT_LEN SEC(60)

typedef struct pool_port {
    bool used;
    conn last;              /* the port's previous connection, for its final numbers */
    int64_t tw_until;       /* when the server's TIME_WAIT for it ends */
    int64_t busy_until;     /* the NAT keeps the port until the connection is over */
} pool_port;

typedef struct busy_state {
    prng rng;
    host hosts[BUSY_HOSTS];
    host server;
    pool_port *ports;
    uint32_t pool, cursor;
} busy_state;

/* Mostly one host, a few others now and then: percentages 55, 25, 10, 10. */
static host *pick_host(busy_state *b)
{
    static const uint32_t upto[BUSY_HOSTS] = {55, 80, 90, 100};
    uint32_t r = prng_below(&b->rng, 100);
    int i = 0;
    while (r >= upto[i])
        i++;
    return &b->hosts[i];
}

/* The next free port in pool order, or NULL when all are in use. */
static pool_port *pick_port(busy_state *b, int64_t t, uint16_t *port)
{
    for (uint32_t tries = 0; tries < b->pool; tries++) {
        uint32_t i = b->cursor;
        b->cursor = (b->cursor + 1) % b->pool;
        if (b->ports[i].busy_until <= t) {
            *port = (uint16_t)(POOL_FIRST_PORT + i);
            return &b->ports[i];
        }
    }
    return NULL;
}

/* Linux's verdict on a SYN meeting TIME_WAIT, with timestamps on both sessions. */
static bool tw_accepts(const conn *old, uint32_t isn, uint32_t tsval)
{
    uint32_t ts_recent = old->end[SERVER].ts_recent;
    uint32_t rcv_nxt = conn_next_seq(old, CLIENT);
    bool paws_reject = (int32_t)(tsval - ts_recent) < 0;
    return !paws_reject && ((int32_t)(isn - rcv_nxt) > 0 || (int32_t)(ts_recent - tsval) < 0);
}

static void one_connection(scenario *s, busy_state *b, int64_t t)
{
    uint16_t port;
    pool_port *p = pick_port(b, t, &port);
    if (!p)
        return;     /* the NAT has no port free: the attempt never reaches the wire */
    host *h = pick_host(b);
    uint32_t isn = (uint32_t)prng_next(&b->rng);
    conn c = conn_open(s, h, port, &b->server, 80, isn, (uint32_t)prng_next(&b->rng));
    if (p->used && t < p->tw_until) {
        if (tw_accepts(&p->last, isn, ts_clock_at(h->clock, t))) {
            c.end[SERVER].isn = c.end[SERVER].snd_nxt = tw_isn(&p->last, SERVER);
        } else {
            client_syn(&c, t);
            server_ack(&p->last, t + US(50));
            client_rst_seq(&c, conn_next_seq(&p->last, CLIENT), t + MS(20));
            t += SEC(1);
        }
    }
    session(&c, SERVER, t);
    p->used = true;
    p->last = c;
    p->tw_until = t + SESSION_CLOSE_AT + TIME_WAIT_LEN;
    p->busy_until = t + SESSION_CLOSE_AT;
}

int scenario_busy(scenario *s, unsigned long connections)
{
    if (connections == 0 || connections > BUSY_MAX_CONNECTIONS)
        return -1;
    busy_state b = {.rng = {BUSY_SEED}};
    for (int i = 0; i < BUSY_HOSTS; i++) {
        ts_clock clock = {i % 2 ? 250 : 1000, (uint32_t)prng_next(&b.rng) >> 1};
        b.hosts[i] = host_make("203.0.113.50", 52, clock);
    }
    b.server = host_make("198.51.100.20", 64, (ts_clock){1000, (uint32_t)prng_next(&b.rng)});
    unsigned long pool = connections / 4;
    b.pool = pool < POOL_MIN ? POOL_MIN : pool > POOL_MAX ? POOL_MAX : (uint32_t)pool;
    b.ports = calloc(b.pool, sizeof *b.ports);
    if (!b.ports) {
        fputs("tcpreuse-pcapgen: out of memory\n", stderr);
        exit(1);
    }
    for (unsigned long i = 0; i < connections; i++) {
        int64_t t = (int64_t)i * START_SPACING + US(prng_below(&b.rng, 1000));
        scenario_flush_before(s, t);
        one_connection(s, &b, t);
    }
    free(b.ports);
    return 0;
}
