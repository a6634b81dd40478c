#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes variants of an Ethernet pcap file for tcpreuse-scan's tests: the same IP packets
under another link-layer header, or the file's first frames alone.

usage: pcap_variants.py relink LINK IN OUT   LINK: raw, sll, sll2, null, loop, wifi
       pcap_variants.py head N IN OUT        the first N frames, a whole file
  wifi: the link type IEEE 802.11 with the frames unchanged (a link type the scanner does
  not read).
"""
import struct
import sys

LINKTYPE = {"raw": 101, "sll": 113, "sll2": 276, "null": 0, "loop": 108, "wifi": 105}
ETHERTYPE_IPV4, ETHERTYPE_IPV6 = 0x0800, 0x86DD
# Address families of the loopback headers (BSD: AF_INET 2; AF_INET6 is 24 on NetBSD and
# OpenBSD, also read by Wireshark and the walker).
AF = {ETHERTYPE_IPV4: 2, ETHERTYPE_IPV6: 24}


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        order = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        order = ">"
    else:
        raise SystemExit("%s: not a pcap file" % path)
    header = data[:24]
    frames, at = [], 24
    while at + 16 <= len(data):
        secs, frac, caplen, length = struct.unpack(order + "IIII", data[at:at + 16])
        frames.append((secs, frac, data[at + 16:at + 16 + caplen], length))
        at += 16 + caplen
    return order, header, frames


def link_header(link, order, ethertype):
    if link == "raw":
        return b""
    if link == "sll":  # packet type "to us", ARPHRD_ETHER, a 6-byte address, the protocol
        return struct.pack(">HHH8sH", 0, 1, 6, b"\x02\x00\x00\x00\x00\x01", ethertype)
    if link == "sll2":  # protocol, reserved, interface index, ARPHRD_ETHER, type, address
        return struct.pack(">HHIHBB8s", ethertype, 0, 1, 1, 0, 6, b"\x02\x00\x00\x00\x00\x01")
    if link == "null":  # the family in the byte order of the machine that wrote the file
        return struct.pack(order + "I", AF[ethertype])
    return struct.pack(">I", AF[ethertype])  # loop: network byte order


def relink(link, order, header, frames):
    out = [header[:20] + struct.pack(order + "I", LINKTYPE[link])]
    for secs, frac, data, length in frames:
        if link != "wifi":
            ethertype = struct.unpack(">H", data[12:14])[0]
            if ethertype not in AF:
                raise SystemExit("frame with EtherType 0x%04x: only plain IPv4/IPv6 over Ethernet" % ethertype)
            new = link_header(link, order, ethertype)
            data, length = new + data[14:], length - 14 + len(new)
        out.append(struct.pack(order + "IIII", secs, frac, len(data), length) + data)
    return b"".join(out)


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("relink", "head"):
        print(__doc__, file=sys.stderr)
        return 2
    command, arg, source, target = sys.argv[1:]
    order, header, frames = read_pcap(source)
    if command == "relink":
        if arg not in LINKTYPE:
            print(__doc__, file=sys.stderr)
            return 2
        data = relink(arg, order, header, frames)
    else:
        data = header + b"".join(struct.pack(order + "IIII", s, f, len(d), n) + d
                                 for s, f, d, n in frames[:int(arg)])
    with open(target, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
