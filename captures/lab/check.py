#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare tcpreuse's verdicts on a lab capture with the kernel's own counters.

Input: the .truth file (key=value, written by the lab from nstat deltas and the
client applications' outcomes), the capture (each frame's TCP flags are read from
it by pcapinfo.py, not by Wireshark) and the plugin's fields for every frame: a
tab-separated dump (`tshark -T fields`, columns FIELDS below, check.sh) or the
frames tests/integration/check_expect.py read from its two-pass PDML run. Every
assertion is an exact equality between a count of plugin verdicts and a number
that comes from the kernel or the applications, never from tcpreuse itself.
Exit status: 0 all equal, 1 a mismatch, 2 bad input.
usage: check.py TRUTH CAPTURE FIELDS.tsv
       check.py --tshark-options TRUTH   (the preferences the capture is read with)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapinfo  # noqa: E402

FIELDS = [
    "frame.number", "tcpreuse.stale_ack.kind", "tcpreuse.tw_verdict", "tcpreuse.rst.cause",
    "tcpreuse.syn_reuses_open", "tcpreuse.syn_reuses_tw", "tcpreuse.tw_holder",
    "tcpreuse.rst.kills_time_wait", "tcpreuse.ts_regress",
    "frame.time_epoch", "tcpreuse.stale_ack.beyond_time_wait", "tcpreuse.stale_ack.close",
    "tcpreuse.syn_answered_by", "tcpreuse.pool.ports",
    "tcpreuse.ecn.refused_syn", "tcpreuse.ecn.failed_syn", "tcpreuse.ecn.failed_rst",
]


def truthy(v):
    return v not in ("", "0", "False", "FALSE", "false")


def load_truth(path):
    truth = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            truth[k] = v
    return truth


def load_frames(path):
    frames = []
    with open(path) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (len(FIELDS) - len(cols))
            frames.append(dict(zip(FIELDS, cols)))
    return frames


def tcp_flags(capture, ports=None):
    """{frame number: flags string of pcapinfo.tcp_of ("SA", "R", ...)} for TCP frames;
    with a dict `ports`, also fills it with {frame number: (source port, destination port)}."""
    flags = {}
    for n, _t, linktype, pkt in pcapinfo.read_pcap(capture):
        seg = pcapinfo.tcp_of(linktype, pkt)
        if seg is not None:
            flags[n] = seg[4]
            if ports is not None:
                ports[n] = (seg[1], seg[3])
    return flags


def tshark_options(truth):
    """The analyst's settings for the capture: a server with net.ipv4.tcp_rfc1337=1 (RSTs
    do not end TIME_WAIT) is read with the plugin's rfc1337 preference."""
    if truth.get("server.sysctl.net.ipv4.tcp_rfc1337") == "1":
        return ["-o", "tcpreuse.rfc1337:TRUE"]
    return []


def int_list(v):
    return [int(x) for x in v.split(",") if x]


def plugin_counts(frames, flags, truth=None, ports=None):
    """frames: one {field: values joined by commas} per frame (FIELDS; a missing field is
    empty); flags: tcp_flags() of the same capture; ports: its frames' ports (tcp_flags())."""
    c = {}
    ports = ports or {}
    truth = truth or {}
    # capture-derived truth of the scenario (s8): the kernel's TIME_WAIT ACK frames
    tw_frames = set(int_list(truth.get("lab.tw_ack_frames", "")))
    close_frame = int(truth.get("lab.close_frame", "0"))
    close_time = float(truth.get("lab.close_time", "0"))
    # capture-derived: SYN-ACKs with ISN = old snd_nxt + 65537 (TIME_WAIT accepted the SYN)
    accept_frames = set(int_list(truth.get("lab.tw_accept_frames", "")))

    def inc(key, n=1):
        c[key] = c.get(key, 0) + n

    for fr in frames:
        fr = {f: fr.get(f, "") for f in FIELDS}
        fl = flags.get(int(fr["frame.number"]), "")
        # a frame may carry a field more than once (occurrence=a): count each value
        kinds = list(filter(None, fr["tcpreuse.stale_ack.kind"].split(",")))
        for kind in kinds:
            inc("stale_ack." + kind)
        if truthy(fr["tcpreuse.stale_ack.beyond_time_wait"]):
            inc("stale_ack.beyond_time_wait")
        if "time-wait" in kinds and "lab.tw_ack_frames" in truth:
            num = int(fr["frame.number"])
            inc("tw_ack.in_truth" if num in tw_frames else "tw_ack.not_in_truth")
            if str(close_frame) in fr["tcpreuse.stale_ack.close"].split(","):
                inc("tw_ack.names_close")
            since = float(fr["frame.time_epoch"] or 0) - close_time
            if since > 60:
                inc("tw_ack.after_60s")
            if since > 100:
                inc("tw_ack.after_100s")
        for v in filter(None, fr["tcpreuse.tw_verdict"].split(",")):
            inc("tw_verdict." + v)
            if v.startswith("accept") and "lab.tw_accept_frames" in truth:
                answers = int_list(fr["tcpreuse.syn_answered_by"])
                inc("tw_accept.answered_in_truth" if any(a in accept_frames for a in answers)
                    else "tw_accept.answered_elsewhere")
        for v in filter(None, fr["tcpreuse.rst.cause"].split(",")):
            inc("rst.cause." + v)
        syn = "S" in fl and "A" not in fl
        if syn and truthy(fr["tcpreuse.syn_reuses_open"]):
            inc("syn_reuses_open")
        if syn and truthy(fr["tcpreuse.syn_reuses_tw"]):
            inc("syn_reuses_tw." + (fr["tcpreuse.tw_holder"] or "?"))
        if truthy(fr["tcpreuse.rst.kills_time_wait"]):
            inc("rst.kills_time_wait")
        if truthy(fr["tcpreuse.ts_regress"]):
            inc("ts_regress")
        if "R" in fl:
            inc("rst_frames")
        if syn:
            inc("syn_frames")
        for v in filter(None, fr["tcpreuse.pool.ports"].split(",")):
            c["pool.ports.max"] = max(c.get("pool.ports.max", 0), int(v))
        # ECN-setup hints sit on the server's RST or SYN-ACK: its source port is the server's
        sport = ports.get(int(fr["frame.number"]), (0, 0))[0]
        for hint in ("refused_syn", "failed_syn", "failed_rst"):
            if fr["tcpreuse.ecn." + hint]:
                inc("ecn." + hint)
                inc("ecn.%s.port.%d" % (hint, sport))
    return c


def rules_for(truth):
    """(label, plugin count key(s), expected value from the truth) per scenario."""
    t = lambda k: int(truth.get(k, "0"))
    name = truth.get("scenario", "")
    r = []
    # Everywhere: each SYN that fails PAWS in the server's TIME_WAIT is one
    # TcpExtPAWSTimewait; each one answered (not rate limited) is one TW ACK.
    # Behind a Linux NAT the new SYN's sequence is always after the old one (see
    # README), so no TIME_WAIT reject happens on sequence alone.
    r.append(("predicted reject-paws == server TcpExtPAWSTimewait",
              ["tw_verdict.reject-paws"], t("server.TcpExtPAWSTimewait")))
    r.append(("time-wait stale ACKs == PAWSTimewait - TCPACKSkippedTimeWait",
              ["stale_ack.time-wait"],
              t("server.TcpExtPAWSTimewait") - t("server.TcpExtTCPACKSkippedTimeWait")))
    # Every SYN that met an established socket is one TcpExtTCPSYNChallenge; the
    # challenge ACKs actually sent are TcpExtTCPChallengeACK (500 ms rate limit).
    r.append(("SYNs meeting an open session == server TcpExtTCPSYNChallenge",
              ["syn_reuses_open"], t("server.TcpExtTCPSYNChallenge")))
    r.append(("challenge stale ACKs == server TcpExtTCPChallengeACK",
              ["stale_ack.challenge"], t("server.TcpExtTCPChallengeACK")))
    r.append(("challenge stale ACKs == TCPSYNChallenge - TCPACKSkippedChallenge",
              ["stale_ack.challenge"],
              t("server.TcpExtTCPSYNChallenge") - t("server.TcpExtTCPACKSkippedChallenge")))
    r.append(("no stale ACK of kind missing-syn-flag/unseen-state",
              ["stale_ack.missing-syn-flag", "stale_ack.unseen-state"], 0))
    r.append(("refused RSTs == connects refused (outcome.refused)",
              ["rst.cause.refused"], t("outcome.refused")))
    # client RSTs that reached the wire: all of them, minus those the lab dropped
    wire_client_rsts = t("clients.TcpOutRsts") - t("lab.client_rsts_dropped")
    client_aborts = t("clients.TcpExtTCPAbortOnData") + t("clients.TcpExtTCPAbortOnClose")
    server_aborts = t("server.TcpExtTCPAbortOnData") + t("server.TcpExtTCPAbortOnClose")
    r.append(("stale-ack RSTs == client RSTs on the wire - client aborts",
              ["rst.cause.stale-ack"], wire_client_rsts - client_aborts
              + t("lab.client_abort_rsts_dropped")))
    r.append(("abort RSTs == TCPAbortOnData + TCPAbortOnClose (both ends)",
              ["rst.cause.abort"], client_aborts + server_aborts - t("lab.client_abort_rsts_dropped")))
    # lab.middlebox_rsts: RSTs a middlebox sent in the server's name (iptables REJECT
    # counter; only a capture on the client's side sees them)
    r.append(("RST frames == server TcpOutRsts + client RSTs on the wire + middlebox RSTs",
              ["rst_frames"], t("server.TcpOutRsts") + wire_client_rsts + t("lab.middlebox_rsts")))
    r.append(("no RST of cause after-close/unknown",
              ["rst.cause.after-close", "rst.cause.unknown"], 0))
    # This kernel offsets TSvals per 4-tuple (tcp_timestamps=1) or not at all (=2, one
    # clock shared by every namespace): either way no address shows a regression across
    # its connections that means several hosts, so no NAT hint may appear.
    r.append(("no ts_regress hint (per-4-tuple offsets or one shared clock)",
              ["ts_regress"], 0))
    if t("server.TcpExtPAWSTimewait") or name.startswith("nat-tw") or name.startswith("busy"):
        tw_acks = t("server.TcpExtPAWSTimewait") - t("server.TcpExtTCPACKSkippedTimeWait")
        if t("server.sysctl.net.ipv4.tcp_rfc1337"):
            # tcp_timewait_state_process(): with tcp_rfc1337 = 1 an in-window RST is
            # ignored in TIME_WAIT: nothing kills it.
            r.append(("RSTs that kill TIME_WAIT == 0 (server tcp_rfc1337=1)",
                      ["rst.kills_time_wait"], 0))
        else:
            # every TIME_WAIT ACK is answered by one RST with seq == rcv_nxt, which
            # kills the TIME_WAIT when it reaches the server (not when the lab dropped it)
            dropped_stale = t("lab.client_rsts_dropped") - t("lab.client_abort_rsts_dropped")
            r.append(("RSTs that kill TIME_WAIT == TW ACKs - client stale-ack RSTs dropped",
                      ["rst.kills_time_wait"], tw_acks - dropped_stale))
    if "lab.tw_accept_frames" in truth:
        # pcapinfo.py --tw-accepts: the server's SYN-ACKs with ISN = its last snd_nxt on
        # that 4-tuple + 65537, i.e. the SYNs Linux TIME_WAIT really accepted
        r.append(("TIME_WAIT accepts (accept-seq/-ts) == SYN-ACKs with ISN old snd_nxt+65537",
                  ["tw_verdict.accept-seq", "tw_verdict.accept-ts"], t("lab.tw_accept_synacks")))
        r.append(("accept verdicts answered by one of those SYN-ACKs",
                  ["tw_accept.answered_in_truth"], t("lab.tw_accept_synacks")))
    if "lab.tw_ack_frames" in truth:
        # s8: the frames come from the capture (pcapinfo.py): every bare ACK the server
        # sent after the close of the first session; the lab checks that their number
        # equals PAWSTimewait - TCPACKSkippedTimeWait (consistency_errors below).
        n_tw = len(int_list(truth["lab.tw_ack_frames"]))
        r.append(("time-wait stale ACK frames == the server's TW ACK frames (capture)",
                  ["tw_ack.in_truth"], n_tw))
        r.append(("no time-wait stale ACK outside those frames",
                  ["tw_ack.not_in_truth"], 0))
        r.append(("time-wait stale ACKs that name the close frame (lab.close_frame)",
                  ["tw_ack.names_close"], n_tw))
        r.append(("time-wait stale ACKs > 60 s after the close (TIME_WAIT restarted)",
                  ["tw_ack.after_60s"], t("lab.tw_acks_after_60s")))
        r.append(("time-wait stale ACKs > 100 s after the close",
                  ["tw_ack.after_100s"], t("lab.tw_acks_after_100s")))
        # the kernel sent every one of them from its TIME_WAIT socket: none is
        # "held beyond TIME_WAIT" once the restarts on PAWS rejects are modelled
        r.append(("no stale ACK marked beyond_time_wait (kernel still in TIME_WAIT)",
                  ["stale_ack.beyond_time_wait"], 0))
    # The NAT's --to-ports pool is the client address's port pool the server sees: every
    # port of it is used (the runs open more connections than the pool holds).
    # The pool is only said where the server's TIME_WAIT is at stake (the server closes
    # first) and from two ports on (doc/rules.md, Port pools).
    pool = truth.get("nat_pool", "")
    if "-" in pool:
        lo, hi = (int(x) for x in pool.split("-"))
        if name.startswith("nat-client-closes"):
            r.append(("no pool finding: the clients close first, no server TIME_WAIT at stake",
                      ["pool.ports.max"], 0))
        elif hi == lo:
            r.append(("no pool finding: one port is no pool to enlarge", ["pool.ports.max"], 0))
        else:
            r.append(("client ports in the pool == the NAT's --to-ports range",
                      ["pool.ports.max"], hi - lo + 1))
    if name.startswith("ecn"):
        # s10: the middlebox's iptables counters say which ECN-setup SYNs it dropped (each
        # connection lost exactly one: consistency_errors) and which it reset; the
        # application says which refused connects it retried with ECN off and got through.
        drop, rej, plain = (truth.get("lab.ecn.%s_port" % k, "0")
                            for k in ("drop", "reject", "plain"))
        dropped, reset = t("lab.ipt.ecn_syns_dropped"), t("lab.ipt.ecn_syns_reset")
        retried = t("lab.app.ecn_off_retries_ok")
        r.append(("failed_syn on the DROP port == ECN-setup SYNs dropped (iptables)",
                  ["ecn.failed_syn.port." + drop], dropped))
        r.append(("failed_syn on the REJECT port == answered retries without ECN (app)",
                  ["ecn.failed_syn.port." + rej], retried))
        r.append(("failed_syn == dropped ECN-setup SYNs + answered retries after a reset",
                  ["ecn.failed_syn"], dropped + retried))
        r.append(("failed_rst (the RST named) == answered retries after a reset (app)",
                  ["ecn.failed_rst"], retried))
        r.append(("refused_syn == ECN-setup SYNs reset by the middlebox (iptables REJECT)",
                  ["ecn.refused_syn"], reset))
        r.append(("refused_syn on the REJECT port == the same REJECT packets",
                  ["ecn.refused_syn.port." + rej], reset))
        r.append(("no ECN hint on the port without a rule (ECN-setup SYN-ACKs)",
                  ["ecn.refused_syn.port." + plain, "ecn.failed_syn.port." + plain], 0))
    if name.startswith("nat-client-closes"):
        r.append(("negative control: no verdict, stale ACK or RST cause at all",
                  ["tw_verdict.*", "stale_ack.*", "rst.cause.*", "syn_reuses_open"], 0))
    return r


def consistency_errors(truth):
    """Self-checks of the lab's capture-derived truth against the kernel counters."""
    t = lambda k: int(truth.get(k, "0"))
    errs = []
    if "lab.tw_ack_frames" in truth:
        tw_acks = t("server.TcpExtPAWSTimewait") - t("server.TcpExtTCPACKSkippedTimeWait")
        if t("lab.tw_ack_count") != tw_acks:
            errs.append("lab.tw_ack_count %d != PAWSTimewait - TCPACKSkippedTimeWait %d"
                        % (t("lab.tw_ack_count"), tw_acks))
        if t("lab.syns_after_close") != t("server.TcpExtPAWSTimewait"):
            errs.append("lab.syns_after_close %d != PAWSTimewait %d"
                        % (t("lab.syns_after_close"), t("server.TcpExtPAWSTimewait")))
        if t("lab.server_other_answers_after_close"):
            errs.append("the server sent something else than bare ACKs after the close")
    if truth.get("scenario", "").startswith("ecn"):
        # s10: the scenario is what it says only if each connection to the DROP port lost
        # exactly its ECN-setup SYN (retransmitted once, without ECN, and that passed),
        # every reset was a refused connect() retried once, and the unfiltered port
        # negotiated ECN on every connection.
        drop, rej, plain = (truth.get("lab.ecn.%s_port" % k, "0")
                            for k in ("drop", "reject", "plain"))
        dropped, reset = t("lab.ipt.ecn_syns_dropped"), t("lab.ipt.ecn_syns_reset")
        pairs = [
            ("ECN-setup SYNs dropped", dropped, "clients TcpExtTCPSynRetrans",
             t("clients.TcpExtTCPSynRetrans")),
            ("ECN-setup SYNs dropped", dropped, "SYNs without ECN passed to the DROP port",
             t("lab.ipt.plain-syn." + drop)),
            ("ECN-setup SYNs reset", reset, "clients TcpAttemptFails", t("clients.TcpAttemptFails")),
            ("ECN-setup SYNs reset", reset, "outcome.refused", t("outcome.refused")),
            ("ECN-setup SYNs reset", reset, "retries without ECN", t("lab.app.ecn_off_retries")),
            ("ECN-setup SYNs to the unfiltered port", t("lab.ipt.ecn-syn." + plain),
             "ECN-setup SYN-ACKs from it", t("lab.ipt.ecn-synack." + plain)),
            ("ECN-setup SYN-ACKs from the filtered ports", t("lab.ipt.ecn-synack." + drop)
             + t("lab.ipt.ecn-synack." + rej), "0", 0),
        ]
        for a, av, b, bv in pairs:
            if av != bv:
                errs.append("%s %d != %s %d" % (a, av, b, bv))
    return errs


def check(truth_path, capture, frames):
    """Prints each rule's verdict; returns the number of mismatches."""
    truth = load_truth(truth_path)
    ports = {}
    counts = plugin_counts(frames, tcp_flags(capture, ports), truth, ports)
    name = truth.get("scenario", truth_path)
    bad = 0
    for err in consistency_errors(truth):
        print("  FAIL lab truth inconsistent: %s" % err)
        bad += 1
    for label, keys, want in rules_for(truth):
        got = 0
        for k in keys:
            if k.endswith(".*"):
                got += sum(v for kk, v in counts.items() if kk.startswith(k[:-1]))
            else:
                got += counts.get(k, 0)
        ok = got == want
        bad += not ok
        print("  %-4s %-62s plugin=%-4d truth=%d" % ("ok" if ok else "FAIL", label, got, want))
    info = " ".join("%s=%d" % kv for kv in sorted(counts.items()))
    print("  info %s: %s" % (name, info))
    return bad


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--tshark-options":
        print(" ".join(tshark_options(load_truth(sys.argv[2]))))
        return 0
    if len(sys.argv) != 4:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    truth, capture, tsv = sys.argv[1:]
    return 1 if check(truth, capture, load_frames(tsv)) else 0


if __name__ == "__main__":
    sys.exit(main())
