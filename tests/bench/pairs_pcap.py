#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a capture of N handshakes, each on its own 4-tuple (SYN, SYN-ACK, ACK with
timestamps): N socket pairs to track and no finding, to measure the memory a tracked pair
costs without the findings' memory in the way (scan_bench.sh). Clients: 10.A.B.C, 250 ports
each from 40000; one server, 192.0.2.1:80. Ethernet, IPv4, classic pcap (microseconds).

usage: pairs_pcap.py N OUT.pcap
"""
import struct
import sys

PORTS_PER_CLIENT = 250


def tcp_segment(src, dst, sport, dport, seq, ack, flags, tsval, tsecr):
    options = struct.pack("!BBBBIIBBBB", 1, 1, 8, 10, tsval, tsecr, 1, 1, 1, 0)  # NOP NOP TS, NOPs, EOL
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, (20 + len(options)) // 4 << 4, flags, 65535, 0, 0)
    tcp = header + options
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    return b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00" + ip + tcp


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 2
    n = int(sys.argv[1])
    server = bytes([192, 0, 2, 1])
    with open(sys.argv[2], "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        usec = 0
        for i in range(n):
            c = i // PORTS_PER_CLIENT
            client = bytes([10, (c >> 16) & 255, (c >> 8) & 255, c & 255])
            port = 40000 + i % PORTS_PER_CLIENT
            isn, server_isn, ts = (i * 7919) & 0xFFFFFFFF, (i * 104729) & 0xFFFFFFFF, 1000 + i
            frames = (
                tcp_segment(client, server, port, 80, isn, 0, 0x02, ts, 0),
                tcp_segment(server, client, 80, port, server_isn, isn + 1, 0x12, 5000 + i, ts),
                tcp_segment(client, server, port, 80, isn + 1, server_isn + 1, 0x10, ts, 5000 + i),
            )
            for frame in frames:
                usec += 100
                out.write(struct.pack("<IIII", usec // 1000000, usec % 1000000, len(frame), len(frame)) + frame)
    return 0


if __name__ == "__main__":
    sys.exit(main())
