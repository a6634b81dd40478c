#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Scenario 8 (story 003: "the server answers a SYN with the previous session's
# ACK more than 100 s after the close, although TIME_WAIT is 60 s").
#
# Two client hosts behind a MASQUERADE with a one-port pool (61000): both bind
# source port 50001, so both reach the server as 198.51.100.254:61000. The NAT
# forgets its TIME_WAIT conntrack entry after 1 s (nf_conntrack_tcp_timeout_time_wait=1),
# so the second host's SYN gets the same external port at once.
#   1. c1 connects, the server closes first: the server holds TIME_WAIT.
#   2. c2 connects on the same external 4-tuple. Its per-4-tuple TS clock is
#      chosen (before the capture, with `peer.py tsclock`) to be far behind c1's,
#      so every SYN of c2 fails PAWS in the server's TIME_WAIT
#      (TcpExtPAWSTimewait), gets the old session's ACK, and restarts the
#      TIME_WAIT timer (inet_twsk_reschedule on paws_reject).
#   3. c2's RSTs to those ACKs are dropped in c2's own OUTPUT chain (counted),
#      so nothing ever kills the TIME_WAIT. c2 retries with a new connect()
#      every 20 s, six times: the server answers with TIME_WAIT ACKs for
#      ~120 s after the close. The fast SYN retry ~10 ms after each first
#      ACK is rejected too but not answered (500 ms rate limit,
#      TcpExtTCPACKSkippedTimeWait).
# The server's TIME_WAIT socket and its timer are sampled every second with
# `ss -tno state time-wait` (kernel truth, written into the .truth file).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
NAME=${NAME:-tw-restart}
SPORT=50001
ATTEMPTS=${ATTEMPTS:-6} ATTEMPT_TIMEOUT=${ATTEMPT_TIMEOUT:-20}
lab_init "${TAG:-s8}"
lab_topology 2
lab_nat 61000-61000
lab_in nat sysctl -qw net.netfilter.nf_conntrack_tcp_timeout_time_wait=1
lab_server_start 8080

# Pick c2's source port: c2's TS clock on that 4-tuple must stay behind c1's
# TS.Recent for the whole run (s32 difference below -10 min, above -24 days).
off1=$(lab_tsclock c1 $SRV4 8080 $SPORT | sed -n 's/.* off=//p')
mapfile -t cand < <(lab_tsclock c2 $SRV4 8080 $(seq $SPORT $((SPORT + 31))))
sport2="" diff=""
for line in "${cand[@]}"; do
	p=${line#sport=}; p=${p%% *}; o=${line##* off=}
	d=$(( ((o - off1 + 2147483648) & 0xFFFFFFFF) - 2147483648 ))
	if [ "$d" -lt -600000 ] && [ "$d" -gt -2000000000 ]; then sport2=$p diff=$d; break; fi
done
[ -n "$sport2" ] || lab_die "no c2 source port with a TS clock behind c1's (32 tried)"
lab_log "c2 uses source port $sport2: its TS clock is $((-diff / 1000)) s behind c1's"

lab_nstat_snap before
lab_capture_start 96
lab_drop_rst c1 -A
lab_drop_rst c2 -A
lab_tw_poll_start srv "$LAB_WORK/tw.poll"
t_start=$(date +%s.%N)

# 1. the session that leaves the server in TIME_WAIT
lab_client c1 --addr $SRV4 --port 8080 --bind-port $SPORT --cmd close --timeout 6
lab_clients_wait
# 2./3. after the NAT has dropped c1's conntrack entry: c2 on the same external 4-tuple
sleep 3
lab_client c2 --addr $SRV4 --port 8080 --bind-port "$sport2" --cmd close \
	--count "$ATTEMPTS" --timeout "$ATTEMPT_TIMEOUT"
lab_clients_wait
sleep 1
lab_tw_poll_stop
dropped=$(( $(lab_rst_dropped c1) + $(lab_rst_dropped c2) ))
lab_capture_stop
lab_nstat_snap after
lab_save_capture "$NAME"

# Capture-derived truth (pcapinfo.py, no Wireshark): the close of c1's session
# (the server's ACK of the client's FIN: the kernel's TIME_WAIT starts there),
# the later SYNs, the server's bare ACKs (the TIME_WAIT ACKs: nothing else
# answers here) and their times since the close; ss samples of the TIME_WAIT.
python3 - "$LAB_DIR" "$LAB_OUT/$NAME.pcap" "$LAB_WORK/tw.poll" "$SRV4" >"$LAB_WORK/derived" <<'PY'
import re, sys
sys.path.insert(0, sys.argv[1])
import pcapinfo
pcap, poll, srv = sys.argv[2:5]
rows = []
for n, t, lt, pkt in pcapinfo.read_pcap(pcap):
    seg = pcapinfo.tcp_of(lt, pkt)
    if seg:
        rows.append((n, t) + seg)
# c1's session: from the first SYN to the first SYN with another ISN
syns = [r for r in rows if r[6] == "S"]
first_isn = syns[0][7]
later = [r for r in syns if r[7] != first_isn]
cfin = [r for r in rows if r[2] != srv and "F" in r[6] and (not later or r[0] < later[0][0])]
fin_end = (cfin[0][7] + 1) & 0xFFFFFFFF
close = [r for r in rows if r[2] == srv and r[6] == "A" and r[8] == fin_end][0]
tc = close[1]
tw_acks = [r for r in rows if r[0] > close[0] and r[2] == srv and r[6] == "A" and r[9] == 0]
other = [r for r in rows if r[0] > close[0] and r[2] == srv and r[6] != "A"]
syn_after = [r for r in syns if r[0] > close[0]]
print("lab.close_frame=%d" % close[0])
print("lab.close_time=%.6f" % tc)
print("lab.syns_after_close=%d" % len(syn_after))
print("lab.server_other_answers_after_close=%d" % len(other))
print("lab.tw_ack_frames=%s" % ",".join(str(r[0]) for r in tw_acks))
print("lab.tw_ack_count=%d" % len(tw_acks))
print("lab.tw_acks_after_60s=%d" % sum(1 for r in tw_acks if r[1] - tc > 60))
print("lab.tw_acks_after_100s=%d" % sum(1 for r in tw_acks if r[1] - tc > 100))
print("lab.tw_ack_last_since_close=%.3f" % (tw_acks[-1][1] - tc if tw_acks else -1))
print("lab.tw_acks_seq_ack_tsecr=%s" % ",".join(sorted({"%d/%d/%s" % (r[7], r[8], r[11]) for r in tw_acks})))
print("lab.syn_last_since_close=%.3f" % (syn_after[-1][1] - tc if syn_after else -1))
# ss samples: the server's TIME_WAIT socket and its timer, seconds since the close
last_seen, samples, prev = -1.0, [], None
for line in open(poll):
    f = line.split()
    if len(f) < 2 or f[1] == "end":
        continue
    t = float(f[0]) - tc
    m = re.search(r"timer:\(timewait,([0-9.]+)(m?s|sec|min)", line)
    left = m.group(1) + m.group(2) if m else "?"
    if t >= 0:
        last_seen = t
    samples.append("%.1f %s" % (t, left))
print("lab.server_tw_seen_last_since_close=%.1f" % last_seen)
print("# ss -tno state time-wait on the server, seconds since the close (lab.close_time) and timer left:")
for i in range(0, len(samples), 10):
    print("#   " + "; ".join(samples[i:i + 10]))
PY
lab_truth "$NAME" "IPv4, 2 hosts behind MASQUERADE --to-ports 61000 (both bind $SPORT), server closes first, c2's TS clock behind c1's, client RSTs dropped" <<T
expect.server_closes_first=1
lab.client_rsts_dropped=$dropped
lab.client_abort_rsts_dropped=0
lab.c1_sport=$SPORT
lab.c2_sport=$sport2
lab.c2_minus_c1_ts_offset_ms=$diff
lab.c2_attempts=$ATTEMPTS
lab.c2_attempt_timeout_s=$ATTEMPT_TIMEOUT
$(cat "$LAB_WORK/derived")
$(python3 "$LAB_DIR/pcapinfo.py" --tw-accepts "$LAB_OUT/$NAME.pcap" "$SRV4")
T
