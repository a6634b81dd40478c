#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Lists what tcpreuse-scan finds differently on a capture and on the same capture reduced by
a live capture's filter and snap length (tcpreuse-scan --print-filter; tcpdump -r F -w REDUCED
FILTER, editcap -s SNAPLEN), frame by frame: frames are matched by time and bytes (a prefix
of them once cut), and the frame numbers findings show are read through that match
(check_extract.py's reading). check_live_filter.sh holds the list to what it must be: empty
for the default filter, what README.md says --control-only loses for that one.

Prints a line per difference, with the whole capture's frame numbers:
  NAME frame N left out: KEYS        a frame with findings that the filter left out
  NAME frame N FIELD: A -> B         a field that differs (None: absent)
  NAME frame N only in the reduced capture
  NAME frame N texts differ          (when the fields do not already)

usage: check_reduced.py FINDING_FIELDS_C < LIST
  FINDING_FIELDS_C: plugin/report/finding_fields.c (which fields are frame numbers)
  LIST: a line per capture, its five paths separated by tabs:
        NAME FULL.json REDUCED.json CAPTURE REDUCED_CAPTURE (*.json: tcpreuse-scan --json of each)
Exit status: 0 when it could compare them all (whatever it printed), 1 otherwise.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
from check_extract import COPY_TAG, FRAME_IN_TEXT, frame_map, read_capture, renumber  # noqa: E402
from check_scan import FRAME_KEYS, read_scan  # noqa: E402

FRAME_FIELD = re.compile(r'\{ "([a-z_.0-9]+)", TR_FIELD_FRAME \}')


def frame_fields(finding_fields_c):
    """The fields whose values are frame numbers, as plugin/report/finding_fields.c types them."""
    with open(finding_fields_c, encoding="utf-8") as f:
        return set(FRAME_FIELD.findall(f.read()))



class Same(dict):
    """Frame numbers as they are (the full capture's own)."""

    def get(self, key, default=None):
        return key


def renumbered(obj, to_full, frame_fields):
    """The finding's fields, tags and texts with frame numbers read as the full capture's."""
    fields = {}
    for k, v in obj.items():
        if k in FRAME_KEYS:
            continue
        if k in frame_fields:
            v = to_full.get(v, "?%d" % v)
        elif k == "tags":
            v = renumber(v, to_full, COPY_TAG)
        fields[k] = v
    texts = [renumber(renumber(t, to_full, FRAME_IN_TEXT), to_full, COPY_TAG) for t in obj["texts"]]
    return fields, texts, obj.get("skipped")


def compare(name, full_json, reduced_json, capture_path, reduced_path, frames):
    capture, reduced = read_capture(capture_path), read_capture(reduced_path)
    to_full = frame_map(capture, reduced)
    if to_full is None:
        print("%s: the reduced capture is not a subsequence of the capture" % name, file=sys.stderr)
        return False
    kept = set(to_full.values())
    full, _ = read_scan(full_json)
    red = {to_full[n]: obj for n, obj in read_scan(reduced_json)[0].items()}
    for frame in sorted(set(full) | set(red)):
        f, r = full.get(frame), red.get(frame)
        if f and frame not in kept:
            print("%s frame %d left out: %s" % (name, frame, " ".join(sorted(set(f) - FRAME_KEYS) or ["skipped"])))
            continue
        if not f:
            print("%s frame %d only in the reduced capture" % (name, frame))
            continue
        if not r:
            print("%s frame %d has no findings in the reduced capture" % (name, frame))
            continue
        f_fields, f_texts, f_skip = renumbered(f, Same(), frames)
        r_fields, r_texts, r_skip = renumbered(r, to_full, frames)
        f_fields["skipped"], r_fields["skipped"] = f_skip, r_skip
        differ = sorted(k for k in set(f_fields) | set(r_fields) if f_fields.get(k) != r_fields.get(k))
        for k in differ:
            print("%s frame %d %s: %s -> %s" % (name, frame, k, f_fields.get(k), r_fields.get(k)))
        if not differ and f_texts != r_texts:
            print("%s frame %d texts differ" % (name, frame))
    return True


def main():
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[-2], file=sys.stderr)
        return 2
    frames = frame_fields(sys.argv[1])
    ok = True
    for line in sys.stdin:
        paths = line.rstrip("\n").split("\t")
        if len(paths) != 5:
            print("check_reduced.py: not five paths: %r" % line, file=sys.stderr)
            return 1
        ok = compare(*paths, frames) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
