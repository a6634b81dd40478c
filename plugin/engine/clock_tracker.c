/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "clock_tracker.h"

#include <glib.h>
#include <string.h>

#include "key_hash.h"
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
#define TR_TS_MAX_RATE 1100.0
/* A NAT hint needs two clocks, each seen on two connections: at least four SYNs. */
#define TR_NAT_MIN_CLOCKS 2

typedef struct tr_clock {
    int64_t t_first, t_last;
    uint32_t v_first, v_last;
    uint16_t port_last;            /* source port of its latest SYN */
    uint32_t isn_last;             /* and that SYN's ISN */
    uint16_t connections;          /* SYNs of distinct connections on it */
} tr_clock;

typedef struct tr_address_pair {
    tr_address src, dst;
} tr_address_pair;

struct tr_address_clocks {
    tr_address_pair key;           /* source and destination: since Linux 4.11 the offset is per host pair */
    bool newest_valid;
    uint32_t newest_tsval, newest_frame;
    int64_t newest_time;
    /* the 4-tuple that carried it (the addresses are the key's) */
    uint16_t newest_sport, newest_dport;
    tr_clock *clocks;
    uint8_t nclocks, capacity;
    uint8_t unmatched;             /* SYNs that started a clock while undecided */
    bool shared_clock_seen;        /* one clock seen on two ports: offsets are not per connection */
    bool nat_proven;               /* TR_NAT_MIN_CLOCKS clocks each seen on two connections */
    bool random_offsets;
    uint32_t random_said;          /* the frame where random_offsets was said, to take it back */
    GArray *pending;               /* frames with a clock mark held back while undecided */
};

struct tr_clock_tracker {
    GHashTable *addresses;         /* tr_address_pair* -> tr_address_clocks* (key inside) */
    int64_t recent_ns;
    size_t max_addresses;
    size_t clocks_allocated;
    tr_table_bound bound;
};

static guint address_hash(gconstpointer p)
{
    return (guint)tr_key_hash(p, sizeof(tr_address_pair));
}

static gboolean address_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(tr_address_pair)) == 0;
}

static void address_clocks_free(gpointer p)
{
    tr_address_clocks *ac = p;
    if (ac->pending)
        g_array_free(ac->pending, TRUE);
    g_free(ac->clocks);
    g_free(ac);
}

tr_clock_tracker *tr_clock_tracker_new(int64_t recent_ns, size_t max_addresses)
{
    tr_clock_tracker *t = g_new0(tr_clock_tracker, 1);
    t->addresses = g_hash_table_new_full(address_hash, address_equal, NULL, address_clocks_free);
    t->recent_ns = recent_ns;
    t->max_addresses = max_addresses;
    return t;
}

void tr_clock_tracker_free(tr_clock_tracker *t)
{
    if (!t)
        return;
    g_hash_table_destroy(t->addresses);
    g_free(t);
}

static tr_address_clocks *address_entry(tr_clock_tracker *t, const tr_segment *seg)
{
    tr_address_pair key = {seg->src, seg->dst};
    tr_address_clocks *ac = g_hash_table_lookup(t->addresses, &key);
    if (ac)
        return ac;
    if (g_hash_table_size(t->addresses) >= t->max_addresses) {
        /* Full: the new address pair is not tracked. Said once, on the first refusal. */
        tr_table_bound_refuse(&t->bound);
        return NULL;
    }
    ac = g_new0(tr_address_clocks, 1);
    ac->key = key;
    g_hash_table_insert(t->addresses, &ac->key, ac);
    return ac;
}

void tr_clock_tracker_note_tsval(tr_clock_tracker *t, const tr_segment *seg, tr_address_clocks **entry)
{
    if (!*entry)
        *entry = address_entry(t, seg);
    tr_address_clocks *ac = *entry;
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
 * (Windows hosts measured at 850 to 970 ticks per second between SYNs of one second). */
static bool clock_continues(const tr_clock *c, int64_t t, uint32_t v)
{
    int64_t dt_ns = t - c->t_last;
    if (dt_ns < 0)
        return false;
    int32_t dv = tr_seq_diff(v, c->v_last);
    return dv >= -(int32_t)TR_TS_TOLERANCE && dv <= TR_TS_MAX_RATE * ((double)dt_ns / TR_NS_PER_S) + TR_TS_TOLERANCE;
}

static void drop_idle_clocks(tr_address_clocks *ac, int64_t now)
{
    uint8_t kept = 0;
    for (uint8_t i = 0; i < ac->nclocks; i++)
        if (now - ac->clocks[i].t_last < TR_CLOCK_IDLE_NS)
            ac->clocks[kept++] = ac->clocks[i];
    ac->nclocks = kept;
}

/* The clock a SYN belongs to; NULL when it starts a new one (then *started is true). */
static void place_on_clock(tr_clock_tracker *t, tr_address_clocks *ac, const tr_segment *seg, bool *shared,
                           bool *started)
{
    *shared = *started = false;
    for (uint8_t i = 0; i < ac->nclocks; i++) {
        tr_clock *c = &ac->clocks[i];
        if (clock_continues(c, seg->time_ns, seg->tsval)) {
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
    }
    *started = true;
    if (ac->nclocks == TR_MAX_CLOCKS) {
        /* forget the clock idle longest */
        uint8_t oldest = 0;
        for (uint8_t i = 1; i < ac->nclocks; i++)
            if (ac->clocks[i].t_last < ac->clocks[oldest].t_last)
                oldest = i;
        ac->clocks[oldest] = ac->clocks[--ac->nclocks];
    }
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
                                tr_clock_finding *mark)
{
    tr_address_clocks *ac = address_entry(t, seg);
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
    return g_hash_table_size(t->addresses) * (sizeof(tr_address_clocks) + 4 * sizeof(void *)) +
           t->clocks_allocated * sizeof(tr_clock);
}
