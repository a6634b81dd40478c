/* SPDX-License-Identifier: GPL-2.0-or-later
 * Timestamp clocks per source address: how many distinct TSval clocks (tick rate and
 * offset) one address shows, and whether a SYN's TSval went backwards. Several clocks
 * behind one address hint at several hosts behind a NAT (Bursztein 2007; p0f's NAT_TS);
 * stacks that randomise the offset per connection (Linux 4.10, Linux since 2026) are
 * recognised so that they are not flagged on every SYN.
 */
#ifndef TCPREUSE_CLOCK_TRACKER_H
#define TCPREUSE_CLOCK_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "finding_store.h"
#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

typedef struct tr_clock_tracker tr_clock_tracker;
/* One source and destination address pair's clocks (opaque): an entry never moves or goes
 * away before the tracker, so a caller may keep a pointer to it. */
typedef struct tr_address_clocks tr_address_clocks;

/* recent_ns: how long the newest TSval of an address counts (tcpreuse.time_wait);
 * max_addresses: memory bound. */
tr_clock_tracker *tr_clock_tracker_new(int64_t recent_ns, size_t max_addresses);
void tr_clock_tracker_free(tr_clock_tracker *t);

/* Every segment with a TSval: keeps the newest TSval per source address. *entry is the
 * caller's memo of the segment's address pair entry (NULL at first; kept per 4-tuple and
 * direction, whose addresses do not change): the table is searched once per direction, not
 * on every segment. */
void tr_clock_tracker_note_tsval(tr_clock_tracker *t, const tr_segment *seg, tr_address_clocks **entry);

/* A SYN (without ACK) with a TSval, judged before its TSval is noted (*entry is the memo of
 * tr_clock_tracker_note_tsval()): true when there is something to report, in *mark (the SYN
 * frame's clock block). Until the address has shown a clock shared by two connections, marks
 * are held back (present = false) and shown or dropped later in their frames' findings (in
 * `findings`), as the address proves shared clocks or per-connection random offsets. */
bool tr_clock_tracker_judge_syn(tr_clock_tracker *t, tr_findings *findings, const tr_segment *seg,
                                tr_address_clocks **entry, tr_clock_finding *mark);

/* True once: right after the call in which the table first refused a new address pair
 * (max_addresses reached; that pair's clocks are not tracked, nor any new pair's after it). */
bool tr_clock_tracker_take_full(tr_clock_tracker *t);

size_t tr_clock_tracker_bytes(const tr_clock_tracker *t);

#endif
