/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "clock_tracker.h"

#include <glib.h>

#include "entry_table.h"
#include "seq.h"
#include "table_bound.h"

#define TR_MAX_CLOCKS 64            /* hosts behind one address told apart at once */
#define TR_RANDOM_AFTER 8          /* new-clock SYNs, none shared, before calling it random */
#define TR_CLOCK_IDLE_NS (600LL * TR_NS_PER_S)
/* One clock may step back a little: Linux took a SYN's TSval from another clock source than
 * its other segments' (TCP_PAWS_WINDOW = 1 tick allowed for it), Windows and small devices
 * jitter by tens of ticks, SYN retransmissions carry their own. Two clocks closer than this are
 * taken for one; hosts behind a NAT differ by millions of ticks (boot times, random offsets). */
#define TR_TS_TOLERANCE 1000u
/* The fastest clock RFC 7323 5.4 allows ticks every 1 ms; 10 % for drift and rounding. */
#define TR_TS_MAX_TICKS_PER_S 1100
/* A NAT hint needs two clocks, each seen on two connections: at least four SYNs. */
#define TR_NAT_MIN_CLOCKS 2

typedef struct tr_clock {
    int64_t t_first, t_last;
    uint32_t v_first, v_last;
    uint16_t port_last;            /* source port of its latest SYN */
    uint32_t isn_last;             /* and that SYN's ISN */
    uint16_t connections;          /* SYNs of distinct connections on it */
} tr_clock;

struct tr_address_clocks {
    tr_table_key key;              /* source and destination: since Linux 4.11 the offset is per host pair */
    bool newest_valid;
    uint32_t newest_tsval, newest_frame;
    int64_t newest_time;
    /* the 4-tuple that carried it (the addresses are the key's) */
    uint16_t newest_sport, newest_dport;
    tr_clock *clocks;
    int64_t since;                 /* no clock was last seen before this (drop_idle_clocks) */
    uint8_t nclocks, capacity;
    uint8_t unmatched;             /* SYNs that started a clock while undecided */
    bool shared_clock_seen;        /* one clock seen on two ports: offsets are not per connection */
    bool nat_proven;               /* TR_NAT_MIN_CLOCKS clocks each seen on two connections */
    bool random_offsets;
    uint32_t random_said;          /* the frame where random_offsets was said, to take it back */
    GArray *pending;               /* frames with a clock mark held back while undecided */
};

struct tr_clock_tracker {
    tr_entry_table *addresses;
    int64_t recent_ns;
    size_t max_addresses;
    size_t clocks_allocated;
    tr_table_bound bound;
};

static void address_clocks_free(void *p)
{
    tr_address_clocks *ac = p;
    if (ac->pending)
        g_array_free(ac->pending, TRUE);
    g_free(ac->clocks);
}

tr_clock_tracker *tr_clock_tracker_new(int64_t recent_ns, size_t max_addresses)
{
    tr_clock_tracker *t = g_new0(tr_clock_tracker, 1);
    t->addresses = tr_entry_table_new(sizeof(tr_address_clocks));
    t->recent_ns = recent_ns;
    t->max_addresses = max_addresses;
    return t;
}

void tr_clock_tracker_free(tr_clock_tracker *t)
{
    if (!t)
        return;
    tr_entry_table_free(t->addresses, address_clocks_free);
    g_free(t);
}

/* The segment's address pair entry: *memo, else found or made (and kept in *memo). */
static tr_address_clocks *address_entry(tr_clock_tracker *t, const tr_segment *seg, tr_address_clocks **memo)
{
    if (*memo)
        return *memo;
    tr_table_key key = tr_table_key_make(&seg->src, &seg->dst, 0, 0);
    uint32_t hash = tr_table_key_hash(&key);
    uint32_t n = tr_entry_table_find(t->addresses, &key, hash);
    if (n == TR_NO_ENTRY && tr_entry_table_count(t->addresses) >= t->max_addresses) {
        /* Full: the new address pair is not tracked. Said once, on the first refusal. */
        tr_table_bound_refuse(&t->bound);
        return NULL;
    }
    if (n == TR_NO_ENTRY)
        n = tr_entry_table_add(t->addresses, &key, hash);
    return *memo = tr_entry_table_at(t->addresses, n);
}

void tr_clock_tracker_note_tsval(tr_clock_tracker *t, const tr_segment *seg, tr_address_clocks **entry)
{
    tr_address_clocks *ac = address_entry(t, seg, entry);
    if (!ac)
        return;
    bool stale = !ac->newest_valid || seg->time_ns - ac->newest_time >= t->recent_ns;
    if (stale || !tr_seq_before(seg->tsval, ac->newest_tsval)) {
        ac->newest_valid = true;
        ac->newest_tsval = seg->tsval;
        ac->newest_time = seg->time_ns;
        ac->newest_frame = seg->frame;
        ac->newest_sport = seg->sport;
        ac->newest_dport = seg->dport;
    }
}

/* Does the point (t, v) continue clock c? Forward by at most the fastest rate allows, or
 * back by at most the tolerance. No finer rate model: real clocks drift and jitter
 * (Windows hosts measured at 850 to 970 ticks per second between SYNs of one second). In
 * integers: dv - tolerance <= rate * dt exactly (the floating-point form this replaced rejected
 * some points exactly on that line by rounding, e.g. dt = 2.01 s, dv = 3211). */
static bool clock_continues(const tr_clock *c, int64_t t, uint32_t v)
{
    int64_t dt_ns = t - c->t_last;
    int32_t dv = tr_seq_diff(v, c->v_last);
    if (dt_ns < 0 || dv < -(int32_t)TR_TS_TOLERANCE)
        return false;
    if (dv <= (int32_t)TR_TS_TOLERANCE || dt_ns > INT64_MAX / TR_TS_MAX_TICKS_PER_S)
        return true;  /* the latter: ~97 days, further than any 32-bit step */
    return (int64_t)(dv - (int32_t)TR_TS_TOLERANCE) * TR_NS_PER_S <= TR_TS_MAX_TICKS_PER_S * dt_ns;
}

/* The furthest any of the address's clocks may have gone forward since its last SYN, plus the
 * tolerance both ways: a SYN whose TSval lies further from a clock's last one (measured from
 * tolerance below it, as an unsigned distance) cannot continue it. `since` bounds every
 * clock's t_last from below, so this one bound serves all the clocks of one SYN and most
 * clocks are passed over after one subtraction (addresses with per-connection offsets have
 * up to TR_MAX_CLOCKS unrelated clocks, compared on every SYN). */
static uint32_t reach_of_clocks(const tr_address_clocks *ac, int64_t now)
{
    int64_t dt_ns = now - ac->since;
    uint64_t forward = dt_ns <= 0 ? 0 : (uint64_t)(dt_ns / TR_NS_PER_S + 1) * TR_TS_MAX_TICKS_PER_S;
    return forward >= UINT32_MAX - 2 * TR_TS_TOLERANCE ? UINT32_MAX : (uint32_t)forward + 2 * TR_TS_TOLERANCE;
}

/* Drops the clocks idle for TR_CLOCK_IDLE_NS. Most SYNs find none: `since` bounds every clock's
 * t_last from below, and the clocks are only looked at once it is that old. */
static void drop_idle_clocks(tr_address_clocks *ac, int64_t now)
{
    if (now - ac->since < TR_CLOCK_IDLE_NS)
        return;
    uint8_t kept = 0;
    ac->since = now;
    for (uint8_t i = 0; i < ac->nclocks; i++) {
        if (now - ac->clocks[i].t_last >= TR_CLOCK_IDLE_NS)
            continue;
        if (kept != i)
            ac->clocks[kept] = ac->clocks[i];
        if (ac->clocks[kept].t_last < ac->since)
            ac->since = ac->clocks[kept].t_last;
        kept++;
    }
    ac->nclocks = kept;
}

/* The clock a SYN belongs to: the first of the address's clocks that it continues (*shared
 * when that is another connection), or a new one (*started), which takes the place of the clock
 * idle longest when TR_MAX_CLOCKS are held. */
static void place_on_clock(tr_clock_tracker *t, tr_address_clocks *ac, const tr_segment *seg, bool *shared,
                           bool *started)
{
    *shared = *started = false;
    if (seg->time_ns < ac->since)
        ac->since = seg->time_ns;  /* the clock it continues or starts is last seen now */
    uint32_t reach = reach_of_clocks(ac, seg->time_ns);
    uint8_t oldest = 0;  /* found on the way, for when no clock matches */
    int64_t oldest_seen = INT64_MAX;
    for (uint8_t i = 0; i < ac->nclocks; i++) {
        tr_clock *c = &ac->clocks[i];
        if (c->t_last < oldest_seen) {
            oldest_seen = c->t_last;
            oldest = i;
        }
        if (seg->tsval - c->v_last + TR_TS_TOLERANCE > reach || !clock_continues(c, seg->time_ns, seg->tsval))
            continue;
        /* Proof needs another connection: a retried SYN (same ISN) that a NAT moved to
         * another port is still the same connection and the same per-4-tuple offset. */
        *shared = c->port_last != seg->sport && c->isn_last != seg->seq;
        if (*shared && c->connections < UINT16_MAX)
            c->connections++;
        c->t_last = seg->time_ns;
        c->v_last = seg->tsval;
        c->port_last = seg->sport;
        c->isn_last = seg->seq;
        return;
    }
    *started = true;
    if (ac->nclocks == TR_MAX_CLOCKS)
        ac->clocks[oldest] = ac->clocks[--ac->nclocks];  /* forget the clock idle longest */
    if (ac->nclocks == ac->capacity) {
        ac->capacity = ac->capacity ? (uint8_t)(ac->capacity * 2) : 1;
        ac->clocks = g_renew(tr_clock, ac->clocks, ac->capacity);
        t->clocks_allocated += ac->capacity / 2 + (ac->capacity == 1);
    }
    ac->clocks[ac->nclocks++] = (tr_clock){seg->time_ns, seg->time_ns, seg->tsval, seg->tsval, seg->sport, seg->seq, 1};
}

static int confirmed_clocks(const tr_address_clocks *ac)
{
    int n = 0;
    for (uint8_t i = 0; i < ac->nclocks; i++)
        n += ac->clocks[i].connections >= 2;
    return n;
}

/* An earlier frame's clock mark is shown, or withdrawn (nothing is left of it). */
static void settle_mark(tr_findings *findings, uint32_t frame, bool show)
{
    tr_finding f;
    if (!tr_findings_get(findings, frame, &f))
        return;
    if (show)
        f.clock.present = true;
    else
        f.clock = (tr_clock_finding){0};
    tr_findings_update(findings, &f, TR_PART_CLOCK);
}

/* Marks made before the address is shown to hold several hosts are held back (present =
 * false): TR_NAT_MIN_CLOCKS clocks, each seen on two connections (so not per-connection
 * offsets), show them; 8 SYNs that each started a clock of their own, none shared, mean the
 * address randomises its offset per connection: the held marks compared unrelated clocks and
 * are dropped. */
static void settle_pending(tr_address_clocks *ac, tr_findings *findings, bool shared)
{
    if (!ac->pending)
        return;
    for (guint i = 0; i < ac->pending->len; i++)
        settle_mark(findings, g_array_index(ac->pending, uint32_t, i), shared);
    g_array_free(ac->pending, TRUE);
    ac->pending = NULL;
}

bool tr_clock_tracker_judge_syn(tr_clock_tracker *t, tr_findings *findings, const tr_segment *seg,
                                tr_address_clocks **entry, tr_clock_finding *mark)
{
    tr_address_clocks *ac = address_entry(t, seg, entry);
    if (!ac)
        return false;
    drop_idle_clocks(ac, seg->time_ns);
    bool shared, started;
    place_on_clock(t, ac, seg, &shared, &started);
    if (shared && !ac->shared_clock_seen) {
        ac->shared_clock_seen = true;
        if (ac->random_offsets && ac->random_said) {
            /* The first 8 SYNs were 8 hosts behind a NAT, not random offsets: take it back. */
            settle_mark(findings, ac->random_said, false);
        }
        ac->random_offsets = false;
    }
    if (shared && !ac->nat_proven && confirmed_clocks(ac) >= TR_NAT_MIN_CLOCKS) {
        ac->nat_proven = true;
        settle_pending(ac, findings, true);
    }
    if (ac->random_offsets)
        return false;
    if (!ac->shared_clock_seen && started && ++ac->unmatched >= TR_RANDOM_AFTER) {
        ac->random_offsets = true;
        settle_pending(ac, findings, false);
        *mark = (tr_clock_finding){.present = true, .random_offsets = true, .tsval = seg->tsval};
        ac->random_said = seg->frame;
        return true;
    }

    /* On the same 4-tuple a regression is PAWS, judged exactly by the TIME_WAIT model. */
    bool same_pair = ac->newest_sport == seg->sport && ac->newest_dport == seg->dport;
    bool regress = ac->newest_valid && !same_pair && seg->time_ns - ac->newest_time < t->recent_ns &&
                   tr_seq_diff(ac->newest_tsval, seg->tsval) > (int32_t)TR_TS_TOLERANCE;
    if (!regress && ac->nclocks < 2)
        return false;

    *mark = (tr_clock_finding){.present = ac->nat_proven, .tsval = seg->tsval, .clocks = ac->nclocks};
    if (regress) {
        mark->regress = true;
        mark->newest_tsval = ac->newest_tsval;
        mark->newest_frame = ac->newest_frame;
    }
    if (!ac->nat_proven) {
        if (!ac->pending)
            ac->pending = g_array_new(FALSE, FALSE, sizeof(uint32_t));
        g_array_append_val(ac->pending, seg->frame);
    }
    return true;
}

bool tr_clock_tracker_take_full(tr_clock_tracker *t)
{
    return tr_table_bound_take(&t->bound);
}

size_t tr_clock_tracker_bytes(const tr_clock_tracker *t)
{
    return tr_entry_table_bytes(t->addresses) + t->clocks_allocated * sizeof(tr_clock);
}
