/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the named scenarios, in the order `list` prints them.
 */
#include "scenarios.h"

const scenario_entry scenario_table[] = {
    {"story000_nat_paws", "story 000: NAT hosts cycling ports, PAWS reject, stale ACK, RST, retry", scenario_story000_nat_paws},
    {"story001_missing_syn_flag", "story 001: ECN SYN retransmitted, answered by ACK = ISN+1, then RST", scenario_story001_missing_syn_flag},
    {"story002_lb_resets", "story 002: load balancer resets (abort, after close, refused, unknown)", scenario_story002_lb_resets},
    {"story003_tw_restart", "story 003: TIME_WAIT kept alive by FIN retransmissions, SYN 105 s after close", scenario_story003_tw_restart},
    {"tw_accept_seq", "TIME_WAIT: ISN after the old rcv_nxt, TSval newer: accept-seq", scenario_tw_accept_seq},
    {"tw_accept_ts", "TIME_WAIT: ISN not after, TSval newer: accept-ts", scenario_tw_accept_ts},
    {"tw_reject_paws", "TIME_WAIT: higher ISN, older TSval: reject-paws, stale ACK, RST", scenario_tw_reject_paws},
    {"tw_snaplen_cut", "TIME_WAIT reject-paws with a 64-byte snap length: no verdict, stale ACK still known", scenario_tw_snaplen_cut},
    {"tw_reject_seq", "TIME_WAIT, no timestamps: ISN = old rcv_nxt: reject-seq", scenario_tw_reject_seq},
    {"tw_equal_tsval", "TIME_WAIT: TSval equal to TS.Recent, ISN not after: reject-seq", scenario_tw_equal_tsval},
    {"tw_seq_wrap", "TIME_WAIT: old rcv_nxt near 2^32, ISN just past 0: accept-seq", scenario_tw_seq_wrap},
    {"tw_expiry_boundary", "TIME_WAIT: SYN at close + 59.999 s held, at close + 60 s expired", scenario_tw_expiry_boundary},
    {"tw_client_closes", "TIME_WAIT held by the client (tcp_tw_reuse): no verdict, SYN-ACK", scenario_tw_client_closes},
    {"tw_simultaneous_close", "simultaneous close: both hold TIME_WAIT", scenario_tw_simultaneous_close},
    {"tw_syn_retransmit", "TIME_WAIT: unanswered SYN retransmitted with the same ISN", scenario_tw_syn_retransmit},
    {"tw_restart_paws", "TIME_WAIT restarted by a PAWS-rejected SYN, still held 99.9 s after close", scenario_tw_restart_paws},
    {"tw_no_restart_seq", "TIME_WAIT not restarted by a SYN rejected on sequence alone", scenario_tw_no_restart_seq},
    {"tw_rst_kill", "TIME_WAIT killed by the client's RST, the retried SYN accepted", scenario_tw_rst_kill},
    {"ipv6_tw_reuse", "tw_rst_kill over IPv6", scenario_ipv6_tw_reuse},
    {"half_open_challenge", "SYN on a session never closed: challenge ACK, RST, retry", scenario_half_open_challenge},
    {"stale_ack_unseen", "SYN answered by an ACK with numbers from nowhere, RST, retry", scenario_stale_ack_unseen},
    {"rst_causes", "one RST of each cause: refused, abort, after-close, unknown", scenario_rst_causes},
    {"ts_nat_clocks", "three hosts with their own TS clocks behind one NAT address", scenario_ts_nat_clocks},
    {"ts_random_offsets", "one address with a random TS offset per connection", scenario_ts_random_offsets},
    {"bad_truncated", "frames cut by a 54-byte snap length, one cut inside the TCP header", scenario_bad_truncated},
    {"bad_icmp_quote", "ICMP host unreachable quoting a SYN in TIME_WAIT", scenario_bad_icmp_quote},
    {"bad_ipip", "two inner clients with the same port through an IP-in-IP tunnel", scenario_bad_ipip},
    {"bad_gre", "two inner clients with the same port through a GRE tunnel", scenario_bad_gre},
    {"bad_sflow", "the bad_ipip packets as sFlow samples: copies, not segments", scenario_bad_sflow},
    {"bad_vlan", "tw_rst_kill with an 802.1Q tag on every frame", scenario_bad_vlan},
    {"bad_tcp_options", "garbage TCP options (bad lengths, options past the header)", scenario_bad_tcp_options},
    {"negative_clean", "ordinary traffic with nothing to report", scenario_negative_clean},
    {"precision_retransmissions", "SYNs retried after refusals, between other ISNs, moved by a NAT", scenario_precision_retransmissions},
    {"precision_copies", "every frame captured twice, IP ID 0 copies once copies are proven", scenario_precision_copies},
    {"precision_handshakes", "simultaneous open, a late SYN copy, SYNs no stack sends", scenario_precision_handshakes},
    {"precision_rst_triggers", "RSTs of closed ends in order, unread data, no socket, stale ACK", scenario_precision_rst_triggers},
    {"precision_injection", "injected RSTs: copied IP ID and timestamps, contradicted, foreign TTL", scenario_precision_injection},
    {"precision_quiet", "one jittering clock, a burst of SYNs, a fixed-port client: nothing to say", scenario_precision_quiet},
    {"limits_tables_full", "five clients with -o tcpreuse.max_pairs:3: clock, pool and pair tables full, said once", scenario_limits_tables_full},
    {"limits_last_ack", "the passive closer's FIN never acknowledged: a SYN gets its challenge ACK from LAST_ACK", scenario_limits_last_ack},
};

const size_t scenario_count = sizeof scenario_table / sizeof scenario_table[0];
