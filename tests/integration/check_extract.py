#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks tcpreuse-scan's extract (-w): that it is the capture's own frames, in order, and that
the plugin on it (its two-pass PDML) finds what the scan of the whole capture found there.

Frames are renumbered in the extract: they are matched to the capture's by their time and
bytes, and every frame number a finding shows (fields of type FT_FRAMENUM, "[Copy of N]",
"frame N" in texts) is read through that match.

What rests on the connections of a 4-tuple must be equal: every field, tag and text. What rests
on the traffic of an address (timestamp clocks, port pools, ECN-setup paths, the tables'
max_pairs bound) sees only the extract's connections: those fields, tags and texts are left
out of the comparison and their differences counted (README.md, tcpreuse-scan -w).

usage: check_extract.py SCAN.json CAPTURE EXTRACT EXTRACT.pdml FIELDS
  SCAN.json: tcpreuse-scan --json of CAPTURE (the JSON lines; a summary after them is ignored)
  EXTRACT.pdml: the plugin's two-pass run over EXTRACT, or "-" when EXTRACT holds every frame
    of CAPTURE (then it only checks that it does)
  FIELDS: name<TAB>type lines of the fields tshark knows with the plugin (list_fields.sh)
Exit status: 0 equal, 1 a difference (each printed) or an input that cannot be read.
"""
import gzip
import os
import re
import struct
import sys
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_scan import FRAME_KEYS, plugin_frames, read_scan, same  # noqa: E402  (beside this file)

PER_ADDRESS_FIELD = re.compile(r"^(ts_|pool\.|ecn\.)|table_full$")
PER_ADDRESS_TAG = {"[TSval regress]", "[RST to ECN-setup SYN]", "[ECN-setup SYN failed]"}
# The texts of those blocks (plugin/engine/describe.c).
PER_ADDRESS_TEXT = re.compile(r"from this address|^This client address: |ECN-setup SYN|tcpreuse\.max_pairs")
TAG = re.compile(r"\[[^\]]*\]")
FRAME_IN_TEXT = re.compile(r"(\bframes? )(\d+)")
COPY_TAG = re.compile(r"(\[Copy of )(\d+)")


# ---- the records of a capture file: (time in ns, original length, bytes) ----

def read_pcap(data, big):
    e = ">" if big else "<"
    magic = struct.unpack(e + "I", data[:4])[0]
    scale = 1 if magic == 0xA1B23C4D else 1000
    records, off = [], 24
    while off + 16 <= len(data):
        sec, frac, incl, orig = struct.unpack(e + "IIII", data[off:off + 16])
        records.append((sec * 10**9 + frac * scale, orig, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return records


def tsresol_ns(options, e):
    """Nanoseconds per tick of an interface (if_tsresol, option 9; default microseconds)."""
    off = 0
    while off + 4 <= len(options):
        code, length = struct.unpack(e + "HH", options[off:off + 4])
        if code == 0:
            break
        if code == 9 and length >= 1:
            v = options[off + 4]
            per_second = 2 ** (v & 0x7F) if v & 0x80 else 10 ** v
            return Decimal(10**9) / per_second
        off += 4 + (length + 3) // 4 * 4
    return Decimal(1000)


def read_pcapng(data):
    records, interfaces, off, e = [], [], 0, "<"
    while off + 12 <= len(data):
        if data[off:off + 4] == b"\x0a\x0d\x0d\x0a":
            e = "<" if data[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
            interfaces = []
        kind, length = struct.unpack(e + "II", data[off:off + 8])
        body = data[off + 8:off + length - 4]
        if kind == 1:  # interface description
            interfaces.append(tsresol_ns(body[8:], e))
        elif kind == 6:  # enhanced packet
            iface, high, low, cap, orig = struct.unpack(e + "IIIII", body[:20])
            ticks = (high << 32) | low
            records.append((int(ticks * interfaces[iface]), orig, body[20:20 + cap]))
        elif kind in (2, 3):
            raise ValueError("obsolete or simple packet blocks: not written by wiretap's pcapng writer")
        off += length
    return records


def read_capture(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        return read_pcap(data, big=False)
    if magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        return read_pcap(data, big=True)
    if magic == b"\x0a\x0d\x0d\x0a":
        return read_pcapng(data)
    raise ValueError("%s: neither pcap nor pcapng" % path)


def same_record(original, copy):
    """The same frame: time and length on the wire, and the copy's bytes are the original's (all
    of them, or the first ones when the copy was cut to a snap length)."""
    return original[:2] == copy[:2] and original[2].startswith(copy[2])


def frame_map(capture, extract):
    """{extract frame: capture frame}, the extract read as a subsequence of the capture; None
    when it is not one."""
    mapping, i = {}, 0
    for n, record in enumerate(extract, 1):
        while i < len(capture) and not same_record(capture[i], record):
            i += 1
        if i == len(capture):
            return None
        i += 1
        mapping[n] = i
    return mapping


# ---- findings, as the whole capture's scan and the plugin on the extract show them ----

def split(fields, tags, texts):
    """(what rests on the 4-tuple, what rests on the address): each a (fields, tags, texts)."""
    fields = [f for f in fields if f[0] != "tags"]  # compared as the tags they hold
    own = ([f for f in fields if not PER_ADDRESS_FIELD.search(f[0])], [t for t in tags if t not in PER_ADDRESS_TAG],
           [t for t in texts if not PER_ADDRESS_TEXT.search(t)])
    address = ([f for f in fields if PER_ADDRESS_FIELD.search(f[0])], [t for t in tags if t in PER_ADDRESS_TAG],
               [t for t in texts if PER_ADDRESS_TEXT.search(t)])
    return own, address


def renumber(text, mapping, pattern):
    return pattern.sub(lambda m: m.group(1) + str(mapping.get(int(m.group(2)), "?" + m.group(2))), text)


def plugin_side(frame, mapping, frame_fields):
    """A plugin frame's (fields, tags, texts, skipped), frame numbers read as the capture's."""
    fields = []
    for name, show in frame["fields"]:
        if name in frame_fields and show.isdigit():
            show = str(mapping.get(int(show), "?" + show))
        elif name == "tags":
            show = renumber(show, mapping, COPY_TAG)
        fields.append((name, show))
    tags = next((TAG.findall(show) for name, show in fields if name == "tags"), [])
    texts = [renumber(renumber(t, mapping, FRAME_IN_TEXT), mapping, COPY_TAG) for t in frame["texts"]]
    return fields, tags, texts, frame["skipped"]


def scan_side(obj):
    fields = [(k, v) for k, v in obj.items() if k not in FRAME_KEYS]
    return fields, TAG.findall(obj.get("tags", "")), obj["texts"], obj.get("skipped")


def same_fields(scan_fields, plugin_fields):
    return [k for k, _ in scan_fields] == [k for k, _ in plugin_fields] and all(
        same(v, show) for (_, v), (_, show) in zip(scan_fields, plugin_fields))


def main():
    if len(sys.argv) != 6:
        print(__doc__.split("\n\n")[-2], file=sys.stderr)
        return 2
    scan_path, capture_path, extract_path, pdml, fields_path = sys.argv[1:]
    capture, extract = read_capture(capture_path), read_capture(extract_path)
    mapping = frame_map(capture, extract)
    if mapping is None:
        print("FAIL: extract: %s is not a subsequence of the capture's frames" % extract_path)
        return 1
    if pdml == "-":
        if len(extract) != len(capture):
            print("FAIL: extract: %d of %d frames, but no plugin run to compare" % (len(extract), len(capture)))
            return 1
        print("ok: the extract is the whole capture (%d frames): every connection has findings" % len(capture))
        return 0
    with open(fields_path, encoding="utf-8") as f:
        frame_fields = {line.split("\t")[0][len("tcpreuse."):] for line in f
                        if line.startswith("tcpreuse.") and line.rstrip("\n").endswith("\tFT_FRAMENUM")}
    scanned, _ = read_scan(scan_path)
    plugin = {mapping[n]: plugin_side(p, mapping, frame_fields) for n, p in plugin_frames(pdml).items()}
    kept = set(mapping.values())

    problems, address_differences = [], 0
    for frame in sorted(set(scanned) | set(plugin)):
        s = scan_side(scanned[frame]) if frame in scanned else ([], [], [], None)
        p = plugin.get(frame, ([], [], [], None))
        if frame in scanned and frame not in kept:
            problems.append("frame %d has findings but is not in the extract" % frame)
            continue
        s_own, s_address = split(*s[:3])
        p_own, p_address = split(*p[:3])
        where = "frame %d (extract frame %d)" % (frame, next(n for n, c in mapping.items() if c == frame))
        if not same_fields(s_own[0], p_own[0]):
            problems.append("%s: fields differ\n  whole capture: %s\n  extract:       %s" % (where, s_own[0], p_own[0]))
        if s_own[1] != p_own[1]:
            problems.append("%s: tags differ: whole capture %s, extract %s" % (where, s_own[1], p_own[1]))
        if s_own[2] != p_own[2] and not (p[3] and not p[2]):
            problems.append("%s: texts differ\n  whole capture: %s\n  extract:       %s" % (where, s_own[2], p_own[2]))
        if s[3] != p[3]:
            problems.append("%s: skipped %s in the whole capture, %s in the extract" % (where, s[3], p[3]))
        if not same_fields(s_address[0], p_address[0]) or s_address[1:] != p_address[1:]:
            address_differences += 1
    for problem in problems:
        print("FAIL: extract: " + problem)
    if problems:
        return 1
    print("ok: extract of %d/%d frames: the plugin finds there what the scan found on its 4-tuples (%d frames); "
          "%d frames differ in what rests on the address (clocks, pools, ECN paths)"
          % (len(extract), len(capture), len(scanned), address_differences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
