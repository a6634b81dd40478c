#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Peers of s11-fin-wait2.sh (python3 stdlib).

server PORT READY: accepts and closes every connection at once (FIN; the socket is orphaned,
  so once the FIN is acknowledged Linux keeps it as a timewait socket in substate FIN_WAIT2).
client ME SRV CPORT SPORT KIND: connects from ME:CPORT, reads its own SYN's ISN off the wire
  (AF_PACKET), keeps the socket open (CLOSE_WAIT after the server's FIN), then sends from a raw
  socket a SYN on the same 4-tuple: KIND inwin = seq rcv_nxt, ahead = rcv_nxt + 1000 (both in
  the server's window), oow = rcv_nxt - 100000 (out of it; then an RST at rcv_nxt follows).
"""
import socket
import struct
import subprocess
import sys
import time


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def tcp(src, dst, sp, dp, seq, ack, flags, win=64240):
    h = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, 5 << 4, flags, win, 0, 0)
    ph = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(h))
    return h[:16] + struct.pack("!H", csum(ph + h)) + h[18:]


def send_raw(dst, seg):
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    r.sendto(seg, (dst, 0))
    r.close()


def server(port, ready):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("0.0.0.0", port))
    ls.listen(16)
    open(ready, "w").close()
    while True:
        c, _ = ls.accept()
        c.close()


def client(me, srv, cport, sport, kind, srv_ns):
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))  # ETH_P_ALL: outgoing too
    sniff.settimeout(0.3)
    sniff.bind(("eth0", 0))
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((me, cport))
    s.connect((srv, sport))
    isn, t0 = None, time.time()
    while isn is None and time.time() - t0 < 2:
        try:
            pkt = sniff.recv(2000)
        except socket.timeout:
            continue
        if pkt[12:14] != b"\x08\x00" or pkt[14 + 9] != 6:
            continue
        ip = pkt[14:]
        th = ip[(ip[0] & 15) * 4:]
        sp, _, seq, _, _, fl = struct.unpack("!HHIIBB", th[:14])
        if sp == cport and fl & 2:
            isn = seq
    if isn is None:
        sys.exit("no SYN seen")
    time.sleep(0.5)  # the server's FIN arrives and is acknowledged; this socket stays (CLOSE_WAIT)
    rcv_nxt = (isn + 1) & 0xFFFFFFFF
    seq = {"inwin": rcv_nxt, "ahead": (rcv_nxt + 1000) & 0xFFFFFFFF,
           "oow": (rcv_nxt - 100000) & 0xFFFFFFFF}[kind]
    print("%s: client ISN %u, server rcv_nxt %u, raw SYN seq %u" % (kind, isn, rcv_nxt, seq), flush=True)
    send_raw(srv, tcp(me, srv, cport, sport, seq, 0, 0x02))
    time.sleep(0.5)
    ss = ["ip", "netns", "exec", srv_ns, "ss", "-Htan", "state", "fin-wait-2"]
    print("%s: server FIN-WAIT-2 after the SYN: %s" % (kind, subprocess.run(ss, capture_output=True, text=True).stdout.split() or "none"), flush=True)
    if kind == "oow":
        send_raw(srv, tcp(me, srv, cport, sport, rcv_nxt, 0, 0x04))
        time.sleep(0.3)
        print("%s: server FIN-WAIT-2 after the RST at rcv_nxt: %s" % (kind, subprocess.run(ss, capture_output=True, text=True).stdout.split() or "none"), flush=True)
    time.sleep(0.2)
    s.close()  # the client's FIN from CLOSE_WAIT


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(int(sys.argv[2]), sys.argv[3])
    else:
        client(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7])
