#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks that tcpreuse-scan reports a capture as the plugin does: the same frames, each with
the same tcpreuse fields (names, values, order) and the same texts, and the same statistics
tree. Reads the plugin's two-pass run that check_capture.sh already made (its PDML, then the
tree tshark -z tcpreuse,tree printed after it) and `tcpreuse-scan --json --summary` of the
same capture with the same preferences: no tshark run of its own.

Values are compared by kind, as the JSON has them: numbers as integers, times as decimals,
flags as booleans (Wireshark 4.0 prints them 1, 4.2 and later True), strings as they are.

usage: check_scan.py TWO_PASS.pdml TREE.txt SCAN_OUTPUT
Exit status: 0 equal, 1 a difference (each printed) or an output that cannot be read.
"""
import html
import json
import re
import sys
from decimal import Decimal

PREFIX = "tcpreuse."
# The keys of a JSON line that are not tcpreuse fields: where and when the frame is.
FRAME_KEYS = {"frame", "time_epoch", "time_relative", "src", "srcport", "dst", "dstport", "skipped", "texts"}
TOP_LABEL = "TCP Socket-Pair Reuse"
SKIP_EXPERTS = {"tcpreuse.expert.truncated": "truncated", "tcpreuse.expert.malformed": "malformed"}


ATTR = re.compile(r'(\w+)="([^"]*)"')


def attrs(line):
    return {k: html.unescape(v) for k, v in ATTR.findall(line)}


def plugin_frames(path):
    """{frame: {"fields": [(name, show)], "texts": [...], "skipped": kind or None}} for
    every frame the plugin drew something on. PDML puts an element a line, indented two
    spaces a level: a group's label is a field without a name right under the protocol."""
    frames, number, current = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.lstrip(" ")
            if stripped.startswith('<field name="num" '):
                number = int(attrs(line)["show"])
            elif stripped.startswith('<proto name="tcpreuse" '):
                current = {"fields": [], "texts": [], "skipped": None}
                frames[number] = current
                # A copy or an implausible segment says what it is on the protocol's own
                # line: "TCP Socket-Pair Reuse (<text>)", then ": <tags>" when it has tags.
                own = re.match(re.escape(TOP_LABEL) + r" \((.*)\)(?:: \[.*\])?$", attrs(line)["showname"])
                if own:
                    current["texts"].append(own.group(1))
            elif stripped.startswith("</proto>") and len(line) - len(stripped) == 2:
                current = None
            elif current is not None and stripped.startswith("<field "):
                a = attrs(line)
                name = a.get("name", "")
                if name == "" and len(line) - len(stripped) == 4:
                    current["texts"].append(a["show"])
                elif name in SKIP_EXPERTS:
                    current["skipped"] = SKIP_EXPERTS[name]
                elif name.startswith(PREFIX) and not name.startswith(PREFIX + "expert."):
                    current["fields"].append((name[len(PREFIX):], a.get("show", "")))
    return frames


def same(json_value, show):
    """A JSON value and the PDML text of the same field hold the same value."""
    if isinstance(json_value, bool):
        return show in ("1", "True") if json_value else show in ("0", "False")
    if isinstance(json_value, int):
        return show.isdigit() and int(show) == json_value
    if isinstance(json_value, Decimal):
        try:
            return Decimal(show) == json_value
        except ArithmeticError:
            return False
    return show == json_value


HEADER = ("Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate", "Burst Start")
COMPARED = ("Count", "Average", "Min Val", "Max Val", "Percent")


def tree_rows(lines):
    """The rows of a printed stats tree as {path: (count, average, min, max, percent)}, each
    column cut where the header puts it and the next begins (tshark's widths differ between
    Wireshark versions; the scanner leaves out the rates)."""
    rows, path, starts, body = {}, [], None, False
    for line in lines:
        if line.startswith("Topic / Item"):
            starts = sorted((line.index(n), n) for n in HEADER if n in line)
            continue
        if re.fullmatch(r"-+", line):
            body = bool(starts) and not body
            continue
        if not body or not line.strip():
            continue
        name_part = line[:starts[0][0]].rstrip()
        depth = len(name_part) - len(name_part.lstrip(" "))
        del path[depth:]
        path.append(name_part.strip())
        ends = [start for start, _ in starts[1:]] + [len(line)]
        cells = {name: line[start:end].strip() for (start, name), end in zip(starts, ends)}
        rows[tuple(path)] = tuple(cells.get(name, "") for name in COMPARED)
    return rows


def read_scan(path):
    """tcpreuse-scan's output: its JSON lines as {frame: finding}, and the lines after them (a
    summary starts with an empty line)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    split = lines.index("") if "" in lines else len(lines)
    findings = {}
    for line in lines[:split]:
        obj = json.loads(line, parse_float=Decimal)
        findings[obj["frame"]] = obj
    return findings, lines[split:]


def main():
    if len(sys.argv) != 4:
        print(__doc__.split("\n\n")[-2], file=sys.stderr)
        return 2
    pdml, tree, scan = sys.argv[1:]
    plugin = plugin_frames(pdml)
    scanned, summary = read_scan(scan)

    problems = []
    for frame in sorted(set(plugin) | set(scanned)):
        p, s = plugin.get(frame), scanned.get(frame)
        if not p or not s:
            problems.append("frame %d: only %s reports it" % (frame, "the plugin" if p else "tcpreuse-scan"))
            continue
        fields = [(k, v) for k, v in s.items() if k not in FRAME_KEYS]
        if [k for k, _ in fields] != [k for k, _ in p["fields"]] or not all(
                same(v, show) for (_, v), (_, show) in zip(fields, p["fields"])):
            problems.append("frame %d: fields differ\n  plugin: %s\n  scan:   %s" % (frame, p["fields"], fields))
        if s["texts"] != p["texts"] and not (p["skipped"] and not p["texts"]):
            problems.append("frame %d: texts differ\n  plugin: %s\n  scan:   %s" % (frame, p["texts"], s["texts"]))
        if s.get("skipped") != p["skipped"]:
            problems.append("frame %d: skipped %s by the plugin, %s by the scan" % (frame, p["skipped"], s.get("skipped")))

    with open(tree, encoding="utf-8") as f:
        plugin_tree = tree_rows(f.read().split("\n"))
    scan_tree = tree_rows(summary)
    if not plugin_tree:
        problems.append("no statistics tree in %s" % tree)
    for path in sorted(set(plugin_tree) | set(scan_tree)):
        if plugin_tree.get(path) != scan_tree.get(path):
            problems.append("tree row %s: plugin %s, scan %s" % (" / ".join(path), plugin_tree.get(path),
                                                                 scan_tree.get(path)))
    for problem in problems:
        print("FAIL: tcpreuse-scan: " + problem)
    if problems:
        return 1
    print("ok: tcpreuse-scan reports the plugin's %d frames and its %d tree rows" % (len(plugin), len(plugin_tree)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
