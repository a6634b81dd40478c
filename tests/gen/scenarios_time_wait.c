/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: TIME_WAIT scenarios (doc/rules.md "TIME_WAIT", "A SYN on a known 4-tuple").
 *
 * Unless said otherwise, frames 1-9 are the previous session on 10.1.0.2:40000 ->
 * 10.9.0.80:80 from t = 0: SYN, SYN-ACK, ACK, request (120 B), response (480 B),
 * server FIN (6), client ACK (7), client FIN (8), server ACK (9, the close, t = 0.090 s).
 * The client's ISN is 1000000, so the server's rcv_nxt at close is 1000122; the
 * client clock ticks 1 kHz from 5000000, so TS.Recent (the client FIN's TSval) is 5000080.
 */
#include "scenarios.h"
#include "sessions.h"

#define OLD_ISN 1000000u
#define OLD_RCV_NXT (OLD_ISN + 1 + 120 + 1)
#define TS_RECENT 5000080u

static const ts_clock client_clock = {1000, 5000000};
static const ts_clock server_clock = {1000, 9000000};
static const ts_clock rebooted_clock = {1000, 4000000};  /* older TSvals than client_clock */
static const ts_clock no_timestamps = {0, 0};

/* The two hosts and the previous session on their 4-tuple. */
typedef struct stage {
    host client, server;
    conn old;
} stage;

static void stage_hosts(scenario *s, stage *st, const char *client_addr, const char *server_addr,
                        ts_clock clock, uint32_t old_isn)
{
    st->client = host_make(client_addr, 64, clock);
    st->server = host_make(server_addr, 64, server_clock);
    st->old = conn_open(s, &st->client, 40000, &st->server, 80, old_isn, 7000000);
}

/* Frames 1-9: the previous session, closed by `closer` first. */
static void stage_session(scenario *s, stage *st, ts_clock clock, uint32_t old_isn, side closer)
{
    stage_hosts(s, st, "10.1.0.2", "10.9.0.80", clock, old_isn);
    session(&st->old, closer, 0);
}

/* A new connection on the same 4-tuple; the server's ISN is Linux's TIME_WAIT one. */
static conn stage_reuse(scenario *s, stage *st, uint32_t isn)
{
    return conn_open(s, &st->client, 40000, &st->server, 80, isn, tw_isn(&st->old, SERVER));
}

/* 10 SYN (ISN 2000000 after 1000122, TSval newer): accept-seq; 11 SYN-ACK; 12 ACK. */
void scenario_tw_accept_seq(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, 2000000);
    handshake(&c, SEC(10));
}

/* 10 SYN (ISN 500000 not after 1000122, TSval 5010000 newer): accept-ts; 11 SYN-ACK; 12 ACK. */
void scenario_tw_accept_ts(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, 500000);
    handshake(&c, SEC(10));
}

/* 10 SYN (ISN 2000000, higher, but TSval 4010000 older than 5000080): reject-paws;
 * 11 TIME_WAIT ACK (seq 7000482, ack 1000122); 12 client RST seq 1000122. */
void scenario_tw_reject_paws(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, 2000000);
    conn_set_client_clock(&c, rebooted_clock);
    tw_rejected(&st.old, &c, SEC(10));
}

/* tw_reject_paws captured with a 64-byte snap length: the options of every SYN and
 * SYN-ACK (20 bytes) are cut before Timestamps, so the capture cannot show PAWS:
 * 10 SYN meets the server's TIME_WAIT with no verdict (tw_verdict_unknown); 11 the
 * TIME_WAIT ACK is still recognised by its numbers; 12 the client RST (stale-ack). */
void scenario_tw_snaplen_cut(scenario *s)
{
    scenario_set_snaplen(s, 64);
    scenario_tw_reject_paws(s);
}

/* No timestamps anywhere. 10 SYN with ISN = the old rcv_nxt 1000122 (not after):
 * reject-seq; 11 TIME_WAIT ACK; 12 client RST seq 1000122. */
void scenario_tw_reject_seq(scenario *s)
{
    stage st;
    stage_session(s, &st, no_timestamps, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, OLD_RCV_NXT);
    tw_rejected(&st.old, &c, SEC(10));
}

/* 10 SYN with TSval = TS.Recent 5000080 exactly and ISN 500000 (not after): an equal
 * TSval is not newer, so reject-seq; 11 TIME_WAIT ACK; 12 client RST. */
void scenario_tw_equal_tsval(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, 500000);
    conn_set_client_clock(&c, (ts_clock){1000, TS_RECENT - 10000});
    tw_rejected(&st.old, &c, SEC(10));
}

/* No timestamps. The old client ISN is 0xffffff00, so the old rcv_nxt is 0xffffff7a;
 * 10 SYN with ISN 0x00000010 is after it modulo 2^32: accept-seq; 11 SYN-ACK; 12 ACK. */
void scenario_tw_seq_wrap(scenario *s)
{
    stage st;
    stage_session(s, &st, no_timestamps, 0xffffff00u, SERVER);
    conn c = stage_reuse(s, &st, 0x00000010u);
    handshake(&c, SEC(10));
}

/* Two ports. 1-9 port 40001 session (close 9 at 0.090 s); 10-18 port 40002 session
 * from 1 s (close 18 at 1.090 s). 19 SYN on 40001 at close + 59.999 s: still held,
 * accept-seq; 20 SYN-ACK; 21 ACK. 22 SYN on 40002 at close + 60.000000 s: expired,
 * plain reuse; 23 SYN-ACK; 24 ACK. */
void scenario_tw_expiry_boundary(scenario *s)
{
    host client = host_make("10.1.0.2", 64, client_clock);
    host server = host_make("10.9.0.80", 64, server_clock);
    conn a = conn_open(s, &client, 40001, &server, 80, 1000000, 7000000);
    conn b = conn_open(s, &client, 40002, &server, 80, 3000000, 8000000);
    session(&a, SERVER, 0);
    session(&b, SERVER, SEC(1));
    conn a2 = conn_open(s, &client, 40001, &server, 80, 2000000, tw_isn(&a, SERVER));
    conn b2 = conn_open(s, &client, 40002, &server, 80, 4000000, 9500000);
    handshake(&a2, SESSION_CLOSE_AT + MS(59999));
    handshake(&b2, SEC(1) + SESSION_CLOSE_AT + SEC(60));
}

/* The client closes first (6 client FIN ... 9 client ACK, the close) and holds TIME_WAIT.
 * 10 SYN at 10 s with ISN = old snd_nxt + 65537 (Linux tcp_tw_reuse): holder client,
 * no verdict; 11 SYN-ACK (the server has no state); 12 ACK. */
void scenario_tw_client_closes(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, CLIENT);
    conn c = conn_open(s, &st.client, 40000, &st.server, 80, tw_isn(&st.old, CLIENT), 7700000);
    handshake(&c, SEC(10));
}

/* 1-5 handshake and exchange; 6 client FIN; 7 server FIN whose ack does not cover the
 * client's FIN (simultaneous close); 8 client ACK of the server FIN (the ACK of the
 * second FIN: the close); 9 server ACK of the client FIN. Both hold TIME_WAIT.
 * 10 SYN at 10 s (ISN after, TSval newer): holder both, accept-seq; 11 SYN-ACK; 12 ACK. */
void scenario_tw_simultaneous_close(scenario *s)
{
    stage st;
    stage_hosts(s, &st, "10.1.0.2", "10.9.0.80", client_clock, OLD_ISN);
    conn *old = &st.old;
    handshake(old, 0);
    exchange(old, 120, 480, MS(30));
    uint32_t client_fin_seq = conn_next_seq(old, CLIENT);
    client_fin(old, MS(60));
    tcp_send_numbers(old, SERVER, TR_TCP_FIN | TR_TCP_ACK, conn_next_seq(old, SERVER),
                     client_fin_seq, 0, MS(61));
    client_ack(old, MS(70));
    server_ack(old, MS(71));
    conn c = stage_reuse(s, &st, 2000000);
    handshake(&c, SEC(10));
}

/* 10 SYN at 10 s (accept-seq), unanswered; 11 the same SYN (same ISN) at 11 s: a
 * retransmission, still judged against TIME_WAIT, previous session still frame 1;
 * 12 SYN-ACK answers 11; 13 ACK. */
void scenario_tw_syn_retransmit(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn c = stage_reuse(s, &st, 2000000);
    client_syn(&c, SEC(10));
    handshake(&c, SEC(11));
}

/* 10 SYN at 50 s, TSval older: reject-paws, restarts TIME_WAIT; 11 TIME_WAIT ACK (lost:
 * no RST follows). 12 SYN at 100 s (99.91 s after the close, 50 s after the restart) from
 * another clock, older again: still held, reject-paws; 13 TIME_WAIT ACK; 14 client RST. */
void scenario_tw_restart_paws(scenario *s)
{
    stage st;
    stage_session(s, &st, client_clock, OLD_ISN, SERVER);
    conn first = stage_reuse(s, &st, 2000000);
    conn_set_client_clock(&first, rebooted_clock);
    client_syn(&first, SEC(50));
    server_ack(&st.old, SEC(50) + US(100));
    conn second = stage_reuse(s, &st, 3000000);
    conn_set_client_clock(&second, (ts_clock){1000, 3000000});
    tw_rejected(&st.old, &second, SEC(100));
}

/* No timestamps. 10 SYN at 50 s, ISN 500000 not after: reject-seq, and an ACK-less SYN
 * rejected on sequence alone does not restart TIME_WAIT; 11 TIME_WAIT ACK (lost).
 * 12 SYN at 100 s: TIME_WAIT expired at 60.09 s, plain reuse; 13 SYN-ACK; 14 ACK. */
void scenario_tw_no_restart_seq(scenario *s)
{
    stage st;
    stage_session(s, &st, no_timestamps, OLD_ISN, SERVER);
    conn first = stage_reuse(s, &st, 500000);
    client_syn(&first, SEC(50));
    server_ack(&st.old, SEC(50) + US(100));
    conn second = stage_reuse(s, &st, 600000);
    handshake(&second, SEC(100));
}

/* 10 SYN at 10 s (ISN 600000 not after, TSval older): reject-paws; 11 TIME_WAIT ACK;
 * 12 client RST seq = old rcv_nxt: kills TIME_WAIT; 13 the SYN again at 11 s (same ISN):
 * plain reuse now; 14 SYN-ACK; 15 ACK. */
static void rejected_then_retried(scenario *s, const char *client_addr, const char *server_addr)
{
    stage st;
    stage_hosts(s, &st, client_addr, server_addr, client_clock, OLD_ISN);
    session(&st.old, SERVER, 0);
    conn c = conn_open(s, &st.client, 40000, &st.server, 80, 600000, 0x5e1f0000u);
    conn_set_client_clock(&c, rebooted_clock);
    tw_rejected(&st.old, &c, SEC(10));
    handshake(&c, SEC(11));
}

void scenario_tw_rst_kill(scenario *s)
{
    rejected_then_retried(s, "10.1.0.2", "10.9.0.80");
}

/* The same frames as tw_rst_kill, over IPv6. */
void scenario_ipv6_tw_reuse(scenario *s)
{
    rejected_then_retried(s, "2001:db8:10::2", "2001:db8:90::80");
}
