/* SPDX-License-Identifier: GPL-2.0-or-later
 * tcpreuse: the protocol, its preferences and its post-dissector.
 *
 * Flow per frame: on the first pass (frames in capture order, each once) extract the segment
 * and feed the engine (which keeps the finding), or store why the frame was skipped; on every
 * pass, the first included, render what the engine holds for the frame now. Later passes
 * (tshark -2, the GUI) never recompute, so every output mode agrees, and a SYN shows the
 * answer the engine linked to it after it was first seen.
 */
#include "proto.h"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>

#include "extract.h"
#include "fields.h"
#include "render.h"
#include "stats.h"
#include "store.h"
#include "tcpreuse/hints.h"
#include "tcpreuse/engine.h"
#include "ws_compat.h"

static int proto_tcpreuse = -1;
static const char *short_name; /* the protocol's, which expert infos and errors name */

static guint pref_time_wait = TR_DEFAULT_TIME_WAIT_S;
static tr_pref_bool pref_ts_analysis = TRUE;
static guint pref_max_pairs = TR_DEFAULT_MAX_PAIRS;
static tr_pref_bool pref_rfc1337 = FALSE;

/* One engine per capture file (and per redissection), built by the init routine from the
 * preferences in force; NULL while the protocol is disabled. */
static tr_engine *engine;
static guint32 last_frame; /* the engine wants each frame once, in order */

/* The first pass's look at a frame: extract its segment, feed the engine, keep why the frame
 * was skipped. False when the frame was analysed before (frames come once, in order); else
 * *note says what was skipped and *fresh is the engine's finding for the frame (NULL: none),
 * valid until the next frame is analysed. */
static bool analyse_frame(tvbuff_t *tvb, packet_info *pinfo, tr_frame_note *note, const tr_finding **fresh)
{
    if (!engine || pinfo->num <= last_frame)
        return false;
    last_frame = pinfo->num;
    tr_segment seg;
    const char *why = NULL;
    tr_extract_status status = tr_extract_segment(pinfo, tvb, &seg, &why);
    *fresh = status == TR_EXTRACT_SEGMENT ? tr_engine_process(engine, &seg) : NULL;
    note->skipped = tr_store_put(proto_tcpreuse, pinfo, status, why);
    note->why = note->skipped == TR_EXTRACT_UNREADABLE ? why : NULL;
    return true;
}

static int dissect_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    tr_finding finding;
    tr_frame_note note = {0};
    if (PINFO_FD_VISITED(pinfo) || !analyse_frame(tvb, pinfo, &note, &note.finding)) {
        /* Every later look reads what the engine holds for the frame now, which later frames
         * may have added to; on the first, the engine's record is that copy, as it stands. */
        note.skipped = tr_store_skipped(proto_tcpreuse, pinfo);
        if (note.skipped == TR_EXTRACT_UNREADABLE)
            note.why = tr_store_why(proto_tcpreuse, pinfo);
        if (engine && tr_engine_finding_of(engine, pinfo->num, &finding))
            note.finding = &finding;
    }
    if (TR_UNLIKELY(note.finding || note.skipped != TR_EXTRACT_NONE))
        tr_render(tvb, pinfo, tree, proto_tcpreuse, &note);
    tr_stats_queue(pinfo, note.finding);
    return (int)tvb_captured_length(tvb);
}

/* The post-dissector is a helper protocol's (see tr_proto_register), which Wireshark calls
 * without making it a layer of the frame: tcpreuse says itself what a layer's dissector is told,
 * the protocol that expert infos and errors name, and the layer its items are in, and puts the
 * numbers back after (Wireshark would leave the frame's layer count one higher for a later
 * post-dissector; nothing reads it). An exception leaves them set, as Wireshark's own call does,
 * so that the error names TCPREUSE. */
static int dissect_tcpreuse(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    const char *saved_proto = pinfo->current_proto;
    guint8 saved_layer = pinfo->curr_layer_num, saved_proto_layer = pinfo->curr_proto_layer_num;
    pinfo->current_proto = short_name;
    pinfo->curr_layer_num++;
    pinfo->curr_proto_layer_num = 1;
    int len = dissect_frame(tvb, pinfo, tree);
    pinfo->current_proto = saved_proto;
    pinfo->curr_layer_num = saved_layer;
    pinfo->curr_proto_layer_num = saved_proto_layer;
    return len;
}

/* Start of every capture file and of every redissection (e.g. after a preference change). */
static void tcpreuse_init(void)
{
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_tcpreuse)))
        return; /* disabled: compute nothing */
    tr_config cfg;
    tr_config_default(&cfg);
    cfg.time_wait_s = pref_time_wait;
    cfg.ts_analysis = pref_ts_analysis;
    cfg.max_pairs = pref_max_pairs;
    cfg.rfc1337 = pref_rfc1337;
    engine = tr_engine_new(&cfg);
    last_frame = 0;
    tr_extract_init();
}

static void tcpreuse_cleanup(void)
{
    if (engine)
        tr_engine_free(engine);
    engine = NULL;
}

static void register_preferences(void)
{
    module_t *module = prefs_register_protocol(proto_tcpreuse, NULL);

    prefs_register_uint_preference(module, "time_wait", "TIME_WAIT length (seconds)",
        "How long the end that closes first holds TIME_WAIT: Linux 60 (TCP_TIMEWAIT_LEN), "
        "Windows 120 or 240 (TcpTimedWaitDelay), macOS 30 (2*MSL with net.inet.tcp.msl 15000).",
        10, &pref_time_wait);
    prefs_register_bool_preference(module, "ts_analysis", "Track timestamp clocks per address",
        "Follow the TCP timestamp clocks of each source address, to point out SYNs whose TSval "
        "goes back in time (several hosts behind one NAT).",
        &pref_ts_analysis);
    prefs_register_uint_preference(module, "max_pairs", "Socket pairs remembered",
        "Memory bound: how many socket pairs the analysis remembers (about 0.9 kB each); the "
        "least recently seen pair is forgotten first (marked tcpreuse.expert.table_full). The "
        "same number bounds the timestamp-clock table (address pairs), the port-pool table and "
        "the ECN path table, which stop taking new entries when full (marked "
        "tcpreuse.expert.clock_table_full, pool_table_full and ecn_table_full). It does not bound "
        "the findings: each frame with one keeps a compact record (about 80 bytes) as long as "
        "the file is open.",
        10, &pref_max_pairs);
    prefs_register_bool_preference(module, "rfc1337", "TIME_WAIT ignores RSTs (tcp_rfc1337)",
        "Set when the end holding TIME_WAIT is Linux with net.ipv4.tcp_rfc1337 = 1: an RST at its "
        "rcv_nxt then leaves TIME_WAIT in place (RFC 1337), instead of ending it (the default).",
        &pref_rfc1337);
}

void tr_proto_register(void)
{
    proto_tcpreuse = proto_register_protocol("TCP Socket-Pair Reuse", "TCPREUSE", "tcpreuse");
    short_name = proto_get_protocol_short_name(find_protocol_by_id(proto_tcpreuse));
    tr_fields_register(proto_tcpreuse);
    register_preferences();

    /* Registered under a helper protocol (enabled with tcpreuse): a dissector of a protocol of its
     * own is added to the frame's layers on every frame and taken off again when it adds
     * nothing (a list and a map, ~390 instructions a frame: 0.8 % of tshark's -Y filter run). */
    int proto_frames = proto_register_protocol_in_name_only(
        "TCP Socket-Pair Reuse, analysis of every frame", "TCPREUSE", "tcpreuse.analysis", proto_tcpreuse, FT_PROTOCOL);
    register_postdissector(register_dissector("tcpreuse", dissect_tcpreuse, proto_frames));
    tr_stats_register_tap();
    register_init_routine(tcpreuse_init);
    register_cleanup_routine(tcpreuse_cleanup);
}
