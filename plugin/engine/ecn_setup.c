/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ecn_setup.h"

#include <glib.h>

#include "entry_table.h"
#include "seq.h"
#include "table_bound.h"

/* A retry without ECN belongs to the failed ECN-setup SYN when it comes within the time a
 * client spends on one connect(): Linux gives up after 127 s of SYN retransmissions
 * (tcp_syn_retries = 6), and an application retries after that. */
#define TR_ECN_RETRY_WINDOW_NS (180 * TR_NS_PER_S)
/* A SYN unanswered for the initial RTO (1 s, RFC 6298 2.1) is retransmitted: an ECN-setup SYN
 * has failed once a SYN without ECN of another connection leaves that long after it (sooner,
 * it may be a parallel connection of the same client, not a retry). Its own retransmission
 * (same port and ISN) is a retry whatever the gap the capture point shows. */
#define TR_ECN_INITIAL_RTO_NS TR_NS_PER_S

typedef struct tr_ecn_path {
    tr_table_key key;        /* client address, server address and port */
    bool setup_answered;     /* an ECN-setup SYN on this path got a SYN-ACK */
    uint32_t pending_syn;    /* the first ECN-setup SYN since the path's last SYN-ACK, 0 = none */
    int64_t pending_time;
    uint16_t pending_port;   /* its client port and ISN */
    uint32_t pending_isn;
    uint32_t pending_rst;    /* the RST that refused it, 0 = none */
    uint32_t unsaid_syn;     /* the SYN that RST refused, not yet blamed on ECN (0 = none or said) */
    bool answers_plain;      /* a SYN without ECN on this path got a SYN-ACK: the port is open */
} tr_ecn_path;

struct tr_ecn_paths {
    tr_entry_table *paths;
    size_t max_paths;
    tr_table_bound bound;
};

tr_ecn_paths *tr_ecn_paths_new(size_t max_paths)
{
    tr_ecn_paths *p = g_new0(tr_ecn_paths, 1);
    p->paths = tr_entry_table_new(sizeof(tr_ecn_path));
    p->max_paths = max_paths;
    return p;
}

void tr_ecn_paths_free(tr_ecn_paths *p)
{
    if (!p)
        return;
    tr_entry_table_free(p->paths, NULL);
    g_free(p);
}

/* The path of a segment sent by the client (from_client) or by the server; created when asked. */
static tr_ecn_path *path_of(tr_ecn_paths *p, const tr_segment *seg, bool from_client, bool create)
{
    if (!create && tr_entry_table_count(p->paths) == 0)
        return NULL;  /* no ECN-setup SYN seen yet, the usual case: nothing to hash for */
    tr_table_key key = from_client ? tr_table_key_make(&seg->src, &seg->dst, 0, seg->dport)
                                   : tr_table_key_make(&seg->dst, &seg->src, 0, seg->sport);
    uint32_t hash = tr_table_key_hash(&key);
    uint32_t n = tr_entry_table_find(p->paths, &key, hash);
    if (n != TR_NO_ENTRY)
        return tr_entry_table_at(p->paths, n);
    if (!create)
        return NULL;
    if (tr_entry_table_count(p->paths) >= p->max_paths) {
        tr_table_bound_refuse(&p->bound);
        return NULL;
    }
    return tr_entry_table_at(p->paths, tr_entry_table_add(p->paths, &key, hash));
}

void tr_ecn_paths_syn(tr_ecn_paths *p, const tr_segment *syn)
{
    /* Only ECN-setup SYNs make a path worth remembering, or change one. */
    if (!tr_ecn_setup_syn(syn))
        return;
    tr_ecn_path *path = path_of(p, syn, true, true);
    if (!path || (path->pending_syn && syn->time_ns - path->pending_time <= TR_ECN_RETRY_WINDOW_NS))
        return;
    path->pending_syn = syn->frame;
    path->pending_time = syn->time_ns;
    path->pending_port = syn->sport;
    path->pending_isn = syn->seq;
    path->pending_rst = 0;
    path->unsaid_syn = 0;
}

void tr_ecn_paths_refused(tr_ecn_paths *p, const tr_segment *rst, uint32_t syn_frame, tr_ecn_finding *out)
{
    tr_ecn_path *path = path_of(p, rst, false, false);
    /* Only an RST refusing the pending SYN itself (its port, ack = its ISN + 1). */
    if (!path || !path->pending_syn || rst->dport != path->pending_port || rst->ack != path->pending_isn + 1)
        return;
    path->pending_rst = rst->frame;
    path->unsaid_syn = 0;
    if (path->setup_answered)
        return;
    if (path->answers_plain)
        out->refused_syn = syn_frame;
    else
        path->unsaid_syn = syn_frame;  /* a closed port, unless a retry without ECN is answered */
}

/* The retry without ECN was answered: the port is open, and the RST refused ECN. */
static void say_refused(tr_findings *findings, uint32_t rst_frame, uint32_t syn_frame)
{
    tr_finding f;
    if (!tr_findings_get(findings, rst_frame, &f))
        return;
    f.ecn.refused_syn = syn_frame;
    tr_findings_update(findings, &f, TR_PART_ECN_REFUSED);
}

static bool retry_after_failure(const tr_ecn_path *path, const tr_segment *synack, int64_t syn_time)
{
    if (synack->dport == path->pending_port && synack->ack == path->pending_isn + 1)
        return true;  /* the ECN-setup SYN's own retransmission */
    int64_t after = syn_time - path->pending_time;
    return after <= TR_ECN_RETRY_WINDOW_NS && (path->pending_rst || after >= TR_ECN_INITIAL_RTO_NS);
}

void tr_ecn_paths_answered(tr_ecn_paths *p, tr_findings *findings, const tr_segment *synack, uint32_t syn_frame,
                           int64_t syn_time, bool ecn_setup, tr_ecn_finding *out)
{
    tr_ecn_path *path = path_of(p, synack, false, false);
    if (!path)
        return;
    if (!ecn_setup)
        path->answers_plain = true;
    /* ECE without CWR on the SYN-ACK: ECN agreed (RFC 3168 6.1.1), so an ECN-setup SYN reached
     * the server, even when the SYN-ACK answers a later copy without ECN. */
    bool agreed = (synack->flags & (TR_TCP_ECE | TR_TCP_CWR)) == TR_TCP_ECE;
    if (ecn_setup || agreed) {
        path->setup_answered = true;
    } else if (!path->pending_syn || path->setup_answered || !retry_after_failure(path, synack, syn_time)) {
        return;  /* another connection of the client: the ECN-setup SYN may still fail */
    } else {
        out->failed_syn = path->pending_syn;
        out->failed_rst = path->pending_rst;
        out->retry_syn = syn_frame;
        if (path->unsaid_syn)
            say_refused(findings, path->pending_rst, path->unsaid_syn);
    }
    path->unsaid_syn = 0;
    path->pending_syn = 0;
    path->pending_rst = 0;
}

void tr_ecn_paths_crossed(tr_ecn_paths *p, const tr_segment *answer, uint32_t isn)
{
    tr_ecn_path *path = path_of(p, answer, false, false);
    if (!path || !path->pending_syn || answer->dport != path->pending_port || isn != path->pending_isn)
        return;
    path->setup_answered = true;
    path->pending_syn = 0;
    path->pending_rst = 0;
    path->unsaid_syn = 0;
}

bool tr_ecn_paths_take_full(tr_ecn_paths *p)
{
    return tr_table_bound_take(&p->bound);
}

size_t tr_ecn_paths_bytes(const tr_ecn_paths *p)
{
    return tr_entry_table_bytes(p->paths);
}
