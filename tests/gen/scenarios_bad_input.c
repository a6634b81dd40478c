/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: frames that must neither crash nor mislead the analysis:
 * truncated captures, ICMP errors quoting TCP, tunnels, VLAN tags, garbage options, IP fragments.
 */
#include "scenarios.h"
#include "sessions.h"

static const ts_clock client_clock = {1000, 5000000};
static const ts_clock server_clock = {1000, 9000000};
static const ts_clock no_timestamps = {0, 0};

/* Captured with a 54-byte snap length, no timestamps, 10.1.0.2:40400 -> 10.9.0.80:80.
 * 1 SYN and 2 SYN-ACK cut inside their options; 3 ACK; 4 request (300 B) and
 * 5 response (1000 B) cut after the TCP header; 6 server FIN; 7 client data (200 B,
 * cut: the length comes from the IP header) after that FIN; 8 server RST,ACK:
 * after-close (trigger 7). 9 a RST from 10.1.0.7:45001 captured to 38 bytes (the
 * TCP header is cut after the ports): not a segment to analyse. */
void scenario_bad_truncated(scenario *s)
{
    host client = host_make("10.1.0.2", 64, no_timestamps);
    host stranger = host_make("10.1.0.7", 64, no_timestamps);
    host server = host_make("10.9.0.80", 64, no_timestamps);
    scenario_set_snaplen(s, 54);
    conn c = conn_open(s, &client, 40400, &server, 80, 1000000, 7000000);
    handshake(&c, 0);
    exchange(&c, 300, 1000, MS(30));
    server_fin(&c, MS(60));
    client_data(&c, 200, MS(70));
    tcp_send(&c, SERVER, TR_TCP_RST | TR_TCP_ACK, 0, MS(71));
    scenario_set_snaplen(s, 38);
    conn unseen = conn_open(s, &stranger, 45001, &server, 80, 0x7000bbbbu, 0);
    client_rst(&unseen, SEC(1));
}

/* 1-9 the previous session on 10.1.0.2:40000 -> 10.9.0.80:80 (server closes, close 9).
 * 10 SYN at 10 s (TIME_WAIT, accept-seq); 11 ICMP host unreachable from the router
 * 10.1.0.1 quoting that SYN: not a segment; 12 the SYN again at 11 s; 13 SYN-ACK
 * (answers 12); 14 ACK. */
void scenario_bad_icmp_quote(scenario *s)
{
    host client = host_make("10.1.0.2", 64, client_clock);
    host router = host_make("10.1.0.1", 255, no_timestamps);
    host server = host_make("10.9.0.80", 64, server_clock);
    conn old = conn_open(s, &client, 40000, &server, 80, 1000000, 7000000);
    session(&old, SERVER, 0);
    conn c = conn_open(s, &client, 40000, &server, 80, 2000000, tw_isn(&old, SERVER));
    client_syn(&c, SEC(10));
    router_unreachable(&c, &router, 1, SEC(10) + MS(1));
    handshake(&c, SEC(11));
}

/* Through a tunnel 192.0.2.1 <-> 192.0.2.2 (outer addresses the same for every frame).
 * Two inner clients use the same port: 1-9 10.1.0.2:40000 session (close 9);
 * 10-18 10.1.0.3:40000 session from 1 s (a fresh 4-tuple by its inner address);
 * 19 SYN from 10.1.0.2:40000 at 10 s: TIME_WAIT of frames 1-9, accept-seq; 20 SYN-ACK; 21 ACK. */
static void tunnelled(scenario *s, tunnel_kind kind)
{
    scenario_set_tunnel(s, kind, "192.0.2.1", "192.0.2.2");
    host x = host_make("10.1.0.2", 64, client_clock);
    host y = host_make("10.1.0.3", 64, (ts_clock){1000, 70000000});
    host server = host_make("10.9.0.80", 64, server_clock);
    conn x_old = conn_open(s, &x, 40000, &server, 80, 1000000, 7000000);
    conn y_conn = conn_open(s, &y, 40000, &server, 80, 1500000, 7500000);
    session(&x_old, SERVER, 0);
    session(&y_conn, SERVER, SEC(1));
    conn x_new = conn_open(s, &x, 40000, &server, 80, 2000000, tw_isn(&x_old, SERVER));
    handshake(&x_new, SEC(10));
}

void scenario_bad_ipip(scenario *s)
{
    tunnelled(s, TUNNEL_IPIP);
}

void scenario_bad_gre(scenario *s)
{
    tunnelled(s, TUNNEL_GRE);
}

/* The frames of bad_ipip as sFlow samples sent from an agent to a collector: copies of
 * packets seen elsewhere, none of them a segment of this capture. */
void scenario_bad_sflow(scenario *s)
{
    tunnelled(s, TUNNEL_SFLOW);
}

/* The frames of tw_rst_kill, every one tagged with VLAN 100. */
void scenario_bad_vlan(scenario *s)
{
    scenario_set_vlan(s, 100);
    scenario_tw_rst_kill(s);
}

/* No timestamps negotiated (the server sends none). 10.1.0.2:40500 -> 10.9.0.80:80.
 * 1 SYN: MSS, then a timestamps option claiming 255 bytes (runs past the header);
 * 2 SYN-ACK; 3 ACK with a SACK option of length 0; 4 request with a timestamps option
 * cut short; 5 response with an MSS option of length 3; 6-9 the server closes (close 9).
 * 10 SYN at 10 s, ISN 2000000 (after the old rcv_nxt 1000122), with a timestamps option
 * of length 11: accept-seq (no timestamps in the old session); 11 SYN-ACK; 12 ACK. */
void scenario_bad_tcp_options(scenario *s)
{
    static const uint8_t syn_past_end[] = {2, 4, 5, 180, 8, 255, 0, 0};
    static const uint8_t sack_len0[] = {5, 0, 1, 1};
    static const uint8_t ts_cut[] = {8, 10, 0, 0, 0, 1, 0, 0};
    static const uint8_t mss_len3[] = {2, 3, 5, 180};
    static const uint8_t ts_len11[] = {2, 4, 5, 180, 4, 2, 8, 11, 0, 0, 0, 1, 0, 0, 0, 0};
    host client = host_make("10.1.0.2", 64, client_clock);
    host server = host_make("10.9.0.80", 64, no_timestamps);
    conn old = conn_open(s, &client, 40500, &server, 80, 1000000, 7000000);
    tcp_send_raw_options(&old, CLIENT, TR_TCP_SYN, syn_past_end, sizeof syn_past_end, 0, 0);
    server_synack(&old, MS(10));
    tcp_send_raw_options(&old, CLIENT, TR_TCP_ACK, sack_len0, sizeof sack_len0, 0, MS(20));
    tcp_send_raw_options(&old, CLIENT, TR_TCP_PSH | TR_TCP_ACK, ts_cut, sizeof ts_cut, 120, MS(30));
    tcp_send_raw_options(&old, SERVER, TR_TCP_PSH | TR_TCP_ACK, mss_len3, sizeof mss_len3, 480, MS(50));
    close_from(&old, SERVER, MS(60));
    conn c = conn_open(s, &client, 40500, &server, 80, 2000000, tw_isn(&old, SERVER));
    tcp_send_raw_options(&c, CLIENT, TR_TCP_SYN, ts_len11, sizeof ts_len11, 0, SEC(10));
    server_synack(&c, SEC(10) + MS(10));
    client_ack(&c, SEC(10) + MS(20));
}

/* No timestamps; IPv4 datagrams with more than 512 bytes after the header are fragmented
 * (RFC 791). 10.1.0.2:40600 -> 10.9.0.80:80: 1 SYN, 2 SYN-ACK, 3 ACK; 4-6 the 1200-byte request
 * in three fragments in order (6 completes it); 7-8 the 1000-byte response in two fragments,
 * the last one first (8, at offset 0, completes it); 9-12 the server closes (close 12). 13 SYN
 * at 10 s, ISN 1001000: not after the old rcv_nxt 1001202: reject-seq; 14 TIME_WAIT ACK; 15 the
 * client's RST seq 1001202. A fragment is no segment: nothing to say on 4-8 but what the
 * reassembled datagrams hold. */
void scenario_bad_fragments(scenario *s)
{
    host client = host_make("10.1.0.2", 64, no_timestamps);
    host server = host_make("10.9.0.80", 64, no_timestamps);
    conn old = conn_open(s, &client, 40600, &server, 80, 1000000, 7000000);
    handshake(&old, 0);
    scenario_set_fragmenting(s, 512, false);
    client_data(&old, 1200, MS(30));
    scenario_set_fragmenting(s, 512, true);
    server_data(&old, 1000, MS(50));
    scenario_set_fragmenting(s, 0, false);
    close_from(&old, SERVER, MS(90));
    conn c = conn_open(s, &client, 40600, &server, 80, 1001000, tw_isn(&old, SERVER));
    tw_rejected(&old, &c, SEC(10));
}
