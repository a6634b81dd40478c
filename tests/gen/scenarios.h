/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse-pcapgen: the named scenarios, one committed capture each
 * (captures/<name>.pcap, expectations in tests/integration/expect/<name>.expect).
 * Each scenario's source comment lists its frames and what each is meant to show.
 */
#ifndef PCAPGEN_SCENARIOS_H
#define PCAPGEN_SCENARIOS_H

#include <stddef.h>

#include "scenario.h"

typedef struct scenario_entry {
    const char *name;
    const char *about;
    void (*run)(scenario *s);
} scenario_entry;

extern const scenario_entry scenario_table[];
extern const size_t scenario_count;

/* The forum stories (the threads in shared/stories). */
void scenario_story000_nat_paws(scenario *s);
void scenario_story001_missing_syn_flag(scenario *s);
void scenario_story002_lb_resets(scenario *s);
void scenario_story003_tw_restart(scenario *s);

/* The analyst's other questions: reset loops, ECN-setup SYNs that fail. */
void scenario_reset_loop(scenario *s);
void scenario_ecn_fallback(scenario *s);

/* TIME_WAIT: who holds it, for how long, and the server's verdict on a SYN. */
void scenario_tw_accept_seq(scenario *s);
void scenario_tw_accept_ts(scenario *s);
void scenario_tw_reject_paws(scenario *s);
void scenario_tw_snaplen_cut(scenario *s);
void scenario_tw_reject_seq(scenario *s);
void scenario_tw_equal_tsval(scenario *s);
void scenario_tw_seq_wrap(scenario *s);
void scenario_tw_expiry_boundary(scenario *s);
void scenario_tw_client_closes(scenario *s);
void scenario_tw_simultaneous_close(scenario *s);
void scenario_tw_syn_retransmit(scenario *s);
void scenario_tw_restart_paws(scenario *s);
void scenario_tw_no_restart_seq(scenario *s);
void scenario_tw_rst_kill(scenario *s);
void scenario_ipv6_tw_reuse(scenario *s);

/* SYNs answered by something other than a SYN-ACK. */
void scenario_half_open_challenge(scenario *s);
void scenario_stale_ack_unseen(scenario *s);

/* RST causes. */
void scenario_rst_causes(scenario *s);

/* Timestamp clocks per source address. */
void scenario_ts_nat_clocks(scenario *s);
void scenario_ts_random_offsets(scenario *s);

/* Bad input: must not crash or mislead the analysis. */
void scenario_bad_truncated(scenario *s);
void scenario_bad_icmp_quote(scenario *s);
void scenario_bad_ipip(scenario *s);
void scenario_bad_gre(scenario *s);
void scenario_bad_sflow(scenario *s);
void scenario_bad_vlan(scenario *s);
void scenario_bad_tcp_options(scenario *s);
void scenario_bad_fragments(scenario *s);

/* Ordinary traffic: nothing to report. */
void scenario_negative_clean(scenario *s);
void scenario_precision_retransmissions(scenario *s);
void scenario_precision_copies(scenario *s);
void scenario_precision_handshakes(scenario *s);
void scenario_precision_rst_triggers(scenario *s);
void scenario_precision_injection(scenario *s);
void scenario_precision_quiet(scenario *s);

/* Known limits of 0.1 (issue 9). */
void scenario_limits_tables_full(scenario *s);
void scenario_limits_last_ack(scenario *s);
void scenario_limits_fin_wait2(scenario *s);

/* For benchmarks, not committed: `connections` connections from hosts behind one NAT
 * address cycling a port pool, in the manner of story 000. Returns 0, or -1 when the
 * count is out of range. */
int scenario_busy(scenario *s, unsigned long connections);

#endif
