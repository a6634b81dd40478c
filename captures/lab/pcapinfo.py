#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""List the TCP segments of a lab capture, one line each (python3 stdlib only).

Independent of Wireshark and tcpreuse: the scenario scripts use it to write
capture-derived truth (frame numbers of the kernel's answers, times since a
close), and check.py takes each frame's TCP flags from it. Reads classic pcap
(us or ns, gzip-compressed or not), Ethernet or raw IP, IPv4 and IPv6.

Output columns (tab separated):
  frame time src sport dst dport flags seq ack len tsval tsecr
flags is a string of S A F R P (present flags); tsval/tsecr are '-' without
the timestamp option; time is seconds since the epoch (float).

pcapinfo.py --tw-accepts CAPTURE SERVER_ADDR prints
  lab.tw_accept_synacks=<n> and lab.tw_accept_frames=<frame,...>:
the server's SYN-ACKs whose ISN is the server's last snd_nxt on that 4-tuple
+ 65537, the signature of a SYN accepted by Linux TIME_WAIT
(tcp_timewait_state_process(): isn = tw_snd_nxt + 65535 + 2); a listener picks
a fresh random ISN instead.
"""
import gzip
import socket
import struct
import sys


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        magic = struct.unpack(">I", data[:4])[0]
        endian = ">"
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        raise ValueError("not a classic pcap file: %s" % path)
    frac = 1e-9 if magic == 0xA1B23C4D else 1e-6
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    off, n = 24, 0
    while off + 16 <= len(data):
        sec, sub, incl, _orig = struct.unpack(endian + "IIII", data[off:off + 16])
        off += 16
        pkt = data[off:off + incl]
        off += incl
        n += 1
        yield n, sec + sub * frac, linktype, pkt


def tcp_of(linktype, pkt):
    if linktype == 1:  # Ethernet, maybe one VLAN tag
        etype = struct.unpack("!H", pkt[12:14])[0]
        pkt = pkt[14:]
        if etype == 0x8100:
            etype = struct.unpack("!H", pkt[2:4])[0]
            pkt = pkt[4:]
    elif linktype in (101, 228, 229):  # raw IP
        etype = 0x0800 if pkt[0] >> 4 == 4 else 0x86DD
    else:
        return None
    if etype == 0x0800:
        ihl = (pkt[0] & 15) * 4
        if pkt[9] != 6:
            return None
        tot = struct.unpack("!H", pkt[2:4])[0]
        src = socket.inet_ntop(socket.AF_INET, pkt[12:16])
        dst = socket.inet_ntop(socket.AF_INET, pkt[16:20])
        seg, seglen = pkt[ihl:], tot - ihl
    elif etype == 0x86DD:
        if pkt[6] != 6:  # no extension headers in the lab
            return None
        plen = struct.unpack("!H", pkt[4:6])[0]
        src = socket.inet_ntop(socket.AF_INET6, pkt[8:24])
        dst = socket.inet_ntop(socket.AF_INET6, pkt[24:40])
        seg, seglen = pkt[40:], plen
    else:
        return None
    sport, dport, seq, ack, offflags = struct.unpack("!HHIIH", seg[:14])
    hlen = (offflags >> 12) * 4
    fl = offflags & 0x3F
    flags = "".join(c for b, c in ((2, "S"), (16, "A"), (1, "F"), (4, "R"), (8, "P")) if fl & b)
    tsval = tsecr = "-"
    opts, i = seg[20:hlen], 0
    while i < len(opts):
        kind = opts[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= len(opts):
            break
        olen = opts[i + 1]
        if kind == 8 and olen == 10 and i + 10 <= len(opts):
            tsval, tsecr = struct.unpack("!II", opts[i + 2:i + 10])
        if olen < 2:
            break
        i += olen
    return src, sport, dst, dport, flags, seq, ack, seglen - hlen, tsval, tsecr


def tw_accepts(path, server):
    frames, nxt = [], {}
    for n, _t, lt, pkt in read_pcap(path):
        seg = tcp_of(lt, pkt)
        if seg is None or seg[0] != server:
            continue
        src, sport, dst, dport, flags, seq, _ack, ln, _v, _e = seg
        key = (sport, dst, dport)
        if flags.startswith("SA") and key in nxt and seq == (nxt[key] + 65537) & 0xFFFFFFFF:
            frames.append(n)
        nxt[key] = (seq + ln + ("S" in flags) + ("F" in flags)) & 0xFFFFFFFF
    return frames


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--tw-accepts":
        fr = tw_accepts(sys.argv[2], sys.argv[3])
        print("lab.tw_accept_synacks=%d" % len(fr))
        print("lab.tw_accept_frames=%s" % ",".join(map(str, fr)))
        return 0
    if len(sys.argv) != 2:
        print("usage: pcapinfo.py CAPTURE.pcap | --tw-accepts CAPTURE.pcap SERVER_ADDR", file=sys.stderr)
        return 2
    for n, t, lt, pkt in read_pcap(sys.argv[1]):
        seg = tcp_of(lt, pkt)
        if seg is None:
            continue
        print("\t".join([str(n), "%.6f" % t] + [str(x) for x in seg]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
