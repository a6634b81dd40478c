/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the socket-pair history engine. Feed segments in capture order; read findings.
 */
#ifndef TCPREUSE_ENGINE_H
#define TCPREUSE_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "tcpreuse/finding.h"
#include "tcpreuse/segment.h"

typedef struct tr_config {
    uint32_t time_wait_s;   /* TIME_WAIT length of the active closer: Linux 60, Windows 120/240, macOS 30 */
    bool ts_analysis;       /* per-address timestamp clock tracking */
    uint32_t max_pairs;     /* memory bound: socket pairs remembered (least recently seen forgotten first) */
    bool rfc1337;           /* the TIME_WAIT holder ignores RSTs (Linux net.ipv4.tcp_rfc1337 = 1) */
} tr_config;

#define TR_DEFAULT_TIME_WAIT_S 60u
#define TR_DEFAULT_MAX_PAIRS 500000u

typedef struct tr_engine tr_engine;

typedef struct tr_engine_stats {
    size_t pairs;           /* socket pairs held now */
    size_t evicted;         /* pairs forgotten because of max_pairs */
    size_t findings;        /* frames with a finding (not bounded by max_pairs: each costs its packed size) */
    size_t findings_dropped; /* frames whose finding could not be kept: the records reached 16 GB */
    size_t bytes;           /* approximate heap held by the engine */
} tr_engine_stats;

void tr_config_default(tr_config *cfg);

tr_engine *tr_engine_new(const tr_config *cfg);
void tr_engine_free(tr_engine *engine);

/* Process one segment (frames must come in capture order, each once). Returns this frame's
 * findings, or NULL when there is nothing to say (or it could not be kept: the findings'
 * memory ran out, see tr_engine_stats.findings_dropped). The record is the engine's view of
 * this frame, valid until the next tr_engine_process() or tr_engine_free(), and equal to what
 * tr_engine_finding_of() reads back until a later frame changes it: the engine keeps a
 * compact copy, to which later frames may still add (a SYN learning which frame answered it,
 * a hint shown or withdrawn, an RST found injected), so read it again with
 * tr_engine_finding_of() when it is to be shown later. */
const tr_finding *tr_engine_process(tr_engine *engine, const tr_segment *seg);

/* The finding of a processed frame as it stands now, decoded into *out; false when the frame
 * has none (a SYN that had none when processed may get one later, learning its answer).
 * Cheapest when frames are asked in order. */
bool tr_engine_finding_of(const tr_engine *engine, uint32_t frame, tr_finding *out);

void tr_engine_get_stats(const tr_engine *engine, tr_engine_stats *out);

#endif
