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
    size_t findings;        /* frames with a finding */
    size_t bytes;           /* approximate heap held by the engine */
} tr_engine_stats;

void tr_config_default(tr_config *cfg);

tr_engine *tr_engine_new(const tr_config *cfg);
void tr_engine_free(tr_engine *engine);

/* Process one segment (frames must come in capture order, each once). Returns this frame's
 * findings, or NULL when there is nothing to say. The record is owned by the engine and stays
 * valid until tr_engine_free(); the engine may still add back-references to it while later
 * frames are processed (a SYN learning which frame answered it). */
const tr_finding *tr_engine_process(tr_engine *engine, const tr_segment *seg);

/* The finding the engine gave a frame after that frame was processed (a SYN that had none
 * learning later what answered it), or NULL. The record lives as long as the engine. */
const tr_finding *tr_engine_finding_of(const tr_engine *engine, uint32_t frame);

void tr_engine_get_stats(const tr_engine *engine, tr_engine_stats *out);

#endif
