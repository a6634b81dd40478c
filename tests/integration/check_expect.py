#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks a capture's expectation file (format: expect/README.md) against tshark's PDML
output of that capture, one file per pass: tshark runs once per pass and every display
filter of the file is evaluated here over the fields of each frame, instead of once per
filter by `tshark -Y`.

The filters may use what the expectation files need, with Wireshark's meaning: a field
alone (present on the frame), `field OP literal` with OP one of == != > < >= <= (or eq ne
gt lt ge le), string ("...") and number literals, && || ! (and or not) and parentheses;
`and` binds tighter than `or`. On a field with several occurrences, a comparison holds
when one occurrence satisfies it, except != which needs all of them to (Wireshark 3.6 on);
a comparison with an absent field is false, as in Wireshark. Anything else, a field tshark
does not know, or a comparison between a literal and a field of another kind is an error:
the check fails, it never passes.

Values are compared as `tshark -T fields -E occurrence=a -E aggregator=,` prints them:
PDML's `show` is the same text (both come from fvalue_to_string_repr, 4.0 to 4.6), a
field without a value prints 1, and byte and protocol fields, which -T fields prints
otherwise, are refused. Numbers, times and booleans are compared by value: Wireshark 4.0
prints booleans as 1/0, 4.2 and later as True/False.

usage: check_expect.py FIELDS EXPECT SINGLE_PASS.pdml TWO_PASS.pdml [--lab TRUTH CAPTURE]
  FIELDS: list_fields.sh's list of the fields tshark knows with the plugin, and their types
  --lab: a capture of the real-stack lab: the two-pass frames are also held to the kernel's
  counters in TRUTH (captures/lab/check.py), without a tshark run of their own
Exit status: 0 all checks hold, 1 a check failed or an expectation could not be read.
"""
import html
import os
import re
import sys
from decimal import Decimal, InvalidOperation

INT_TYPES = {"FT_FRAMENUM"} | {"FT_%sINT%d" % (sign, bits) for sign in ("U", "")
                               for bits in (8, 16, 24, 32, 40, 48, 56, 64)}
DECIMAL_TYPES = {"FT_RELATIVE_TIME", "FT_FLOAT", "FT_DOUBLE"}
# The top-level protocols check_capture.sh keeps in its PDML (tshark -J): the output of a
# busy capture is a tenth of the whole tree, and a filter on any other field is refused.
PDML_PROTOCOLS = {"frame", "tcpreuse", "_ws"}
STRING_TYPES = {"FT_STRING", "FT_STRINGZ", "FT_UINT_STRING", "FT_STRINGZPAD", "FT_STRINGZTRUNC"}


class Unreadable(Exception):
    """An expectation, a filter or a printed value this checker cannot read."""


class FieldTypes:
    """The fields tshark knows in the protocols of the PDML output, from list_fields.sh:
    `abbrev<TAB>FT_type` lines sorted bytewise (protocols have the type FT_PROTOCOL), looked
    up by binary search."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        if not self.data:
            raise Unreadable("%s lists no fields" % path)
        self.known = {}  # the fields looked up so far: what the expectations use

    def __getitem__(self, field):
        if field not in self.known:
            self.known[field] = self.lookup(field)
        return self.known[field]

    def lookup(self, field):
        data, key = self.data, field.encode() + b"\t"
        lo, hi = 0, len(data)  # lines starting before lo sort before key, from hi on after
        while lo < hi:
            start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            if data[start:end] < key:
                lo = end + 1
            else:
                hi = start
        if field.split(".")[0] not in PDML_PROTOCOLS:
            raise Unreadable("%r is not in the PDML output (check_capture.sh -J %s)"
                             % (field, " ".join(sorted(PDML_PROTOCOLS))))
        found = set()
        while data.startswith(key, lo):
            end = data.find(b"\n", lo)
            end = len(data) if end < 0 else end
            found.add(data[lo + len(key):end].decode())
            lo = end + 1
        if not found:
            raise Unreadable("tshark knows no field %r" % field)
        # an abbrev registered twice with different types has no single kind
        return found.pop() if len(found) == 1 else "ambiguous"


def kind(types, field):
    t = types[field]
    if t in INT_TYPES:
        return "int"
    if t in DECIMAL_TYPES:
        return "decimal"
    if t == "FT_BOOLEAN":
        return "bool"
    if t in STRING_TYPES:
        return "string"
    return t  # presence only


def value_of(kind_, text):
    """A printed value as a number (int, decimal, bool) or as is (string)."""
    try:
        if kind_ == "int":
            return int(text, 16) if text.lower().startswith("0x") else int(text)
        if kind_ == "decimal":
            return Decimal(text)
        if kind_ == "bool":
            return {"1": 1, "true": 1, "0": 0, "false": 0}[text.lower()]
    except (ValueError, InvalidOperation, KeyError):
        raise Unreadable("cannot read %r as a %s" % (text, kind_))
    return text


# ---- display filters -----------------------------------------------------------------

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\["\\])*")|(?P<op>==|!=|>=|<=|&&|\|\||[<>!()])'
                   r'|(?P<num>-?\d+(?:\.\d+)?(?![\w.]))|(?P<word>\w[\w.-]*))')
WORD_OPS = {"eq": "==", "ne": "!=", "gt": ">", "lt": "<", "ge": ">=", "le": "<=",
            "and": "&&", "or": "||", "not": "!"}
COMPARE = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b, "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b,
}


def tokens(text):
    out, pos = [], 0
    while text[pos:].strip():
        m = TOKEN.match(text, pos)
        if not m:
            raise Unreadable("cannot read %r" % text[pos:].strip())
        pos = m.end()
        kind_, tok = m.lastgroup, m.group(m.lastgroup)
        if kind_ == "word" and tok in WORD_OPS:
            kind_, tok = "op", WORD_OPS[tok]
        out.append((kind_, tok))
    return out


class Filter:
    """A display filter, parsed once; test(frame) says whether the frame matches it.
    A frame is {field: [printed value of each occurrence]}."""

    def __init__(self, text, types):
        self.types = types
        self.toks = tokens(text)
        self.pos = 0
        self.test = self.disjunction()
        if self.pos != len(self.toks):
            raise Unreadable("unexpected %r" % self.toks[self.pos][1])

    def peek(self, *ops):
        return self.pos < len(self.toks) and self.toks[self.pos] in [("op", o) for o in ops]

    def take(self):
        if self.pos == len(self.toks):
            raise Unreadable("the filter ends too soon")
        self.pos += 1
        return self.toks[self.pos - 1]

    def disjunction(self):
        terms = [self.conjunction()]
        while self.peek("||"):
            self.take()
            terms.append(self.conjunction())
        return terms[0] if len(terms) == 1 else lambda fr, t=terms: any(x(fr) for x in t)

    def conjunction(self):
        terms = [self.negation()]
        while self.peek("&&"):
            self.take()
            terms.append(self.negation())
        return terms[0] if len(terms) == 1 else lambda fr, t=terms: all(x(fr) for x in t)

    def negation(self):
        if self.peek("!"):
            self.take()
            inner = self.negation()
            return lambda fr: not inner(fr)
        if self.peek("("):
            self.take()
            inner = self.disjunction()
            if self.take() != ("op", ")"):
                raise Unreadable("missing )")
            return inner
        return self.relation()

    def relation(self):
        kind_, field = self.take()
        if kind_ != "word":
            raise Unreadable("expected a field name, got %r" % field)
        self.types[field]  # known to tshark, or Unreadable
        if not self.peek(*COMPARE):
            return lambda fr: field in fr
        op = self.take()[1]
        lit_kind, lit = self.take()
        fkind = kind(self.types, field)
        if fkind == "string" and lit_kind == "str":
            want = lit[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif fkind in ("int", "decimal", "bool") and lit_kind == "num":
            want = value_of(fkind, lit)
        else:
            raise Unreadable("cannot compare %s (%s) with %s" % (field, self.types[field], lit))
        cmp = COMPARE[op]
        quantifier = all if op == "!=" else any

        def test(fr):
            values = fr.get(field)
            return bool(values) and quantifier(cmp(value_of(fkind, v), want) for v in values)
        return test


# ---- the expectation file ------------------------------------------------------------

def read_expect(path, types, seen=()):
    """The checks of an expectation file and of what it includes, in order:
    (where, passes, filter or None, frame, field, wanted)."""
    if path in seen:
        raise Unreadable("%s includes itself" % path)
    checks = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            where = "%s:%d" % (os.path.basename(path), n)
            if not line or line.startswith("#"):
                continue
            if re.match(r"prefs\s+\S+$", line):
                continue  # tshark preferences: check_capture.sh passes them with -o
            m = re.match(r"include\s+(.+)$", line)
            if m:
                checks += read_expect(os.path.join(os.path.dirname(path), m.group(1)), types,
                                      seen + (path,))
                continue
            passes = (1, 2)
            m = re.match(r"([12]):(.*)$", line)
            if m:
                passes, line = (int(m.group(1)),), m.group(2)
            try:
                value = re.match(r"@(\d+)\s+(\S+)\s+=\s*(.*)$", line)
                filt = re.match(r"(.*\S)\s+=\s*([^=]*)$", line)
                if value:
                    field = value.group(2)
                    # -T fields prints these otherwise than PDML's show (byte separators, a
                    # protocol's abbreviation): checking them here could pass wrongly
                    if types[field] in ("FT_BYTES", "FT_UINT_BYTES", "FT_PROTOCOL"):
                        raise Unreadable("values of %s fields are not checked" % types[field])
                    checks.append((where, passes, None, int(value.group(1)), field,
                                   " ".join(value.group(3).split())))
                elif filt:
                    frames = filt.group(2).split()
                    if not all(x.isdigit() for x in frames):
                        raise Unreadable("frames %r are not frame numbers" % filt.group(2))
                    checks.append((where, passes, Filter(filt.group(1), types), None,
                                   filt.group(1), [int(x) for x in frames]))
                else:
                    raise Unreadable("neither a filter nor a value check")
            except Unreadable as e:
                raise Unreadable("%s: %r: %s" % (where, line, e))
    return checks


# ---- tshark's output -----------------------------------------------------------------

# A regular expression over the whole output finds the elements of the fields the checks
# use several times faster than an XML parser, which is most of a busy capture's check.
# tshark writes each element's attributes as XML-escaped text between double quotes.
# It reads bytes: decoding the whole output would cost more than the search.
PDML_SHOW = re.compile(rb'\sshow="([^"]*)"')
PDML_SHOWNAME = re.compile(rb'\sshowname="([^"]*)"')


def read_pdml(path, types):
    """{frame number: {field: [printed value of each occurrence, in tree order]}}, for the
    fields the expectations use."""
    with open(path, "rb") as f:
        text = f.read()
    if b"</pdml>" not in text[-64:]:
        raise ValueError("the output ends before </pdml>")
    wanted = b"|".join(re.escape(n.encode()) for n in sorted(types.known, key=len, reverse=True))
    elements = re.compile(rb'<packet>|</packet>|<(?:proto|field) name="(%s)"[^>]*>' % wanted)
    frames, fr = {}, None
    for m in elements.finditer(text):
        if m.group(1) is None:
            if m.group(0) == b"<packet>":
                fr = {}
            else:
                frames[int(fr["frame.number"][0])] = fr
            continue
        name = m.group(1).decode()
        # what -T fields prints: 1 for a field without a value, a protocol's label
        kind_ = types[name]
        if kind_ == "FT_NONE":
            value = "1"
        else:
            v = (PDML_SHOWNAME if kind_ == "FT_PROTOCOL" else PDML_SHOW).search(m.group(0))
            value = html.unescape(v.group(1).decode("utf-8")) if v else ""
        fr.setdefault(name, []).append(value)
    return frames


def same_value(types, field, want, got):
    """want and got (occurrences joined by commas) hold the same values."""
    if want == got:
        return True
    want, got = want.split(","), got.split(",")
    if len(want) != len(got) or kind(types, field) not in ("int", "decimal", "bool"):
        return False
    try:
        return all(value_of(kind(types, field), w) == value_of(kind(types, field), g)
                   for w, g in zip(want, got))
    except Unreadable:
        return False


def lab_checker(types):
    """captures/lab/check.py, its fields read from every frame of the output."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "..", "captures", "lab"))
    import check
    for field in check.FIELDS:
        types[field]
    return check


def main():
    args = sys.argv[1:]
    lab = None
    if len(args) == 7 and args[4] == "--lab":
        lab, args = args[5:], args[:4]
    if len(args) != 4:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        return 1
    fields_path, expect_path = args[:2]
    try:
        types = FieldTypes(fields_path)
        types["frame.number"]  # read from every frame of the output
        checks = read_expect(expect_path, types)
        lab_check = lab_checker(types) if lab else None
    except (OSError, Unreadable) as e:
        print("FAIL: %s" % e)
        return 1
    count = failed = 0
    for pass_, pdml in ((1, args[2]), (2, args[3])):
        try:
            frames = read_pdml(pdml, types)
        except (OSError, KeyError, ValueError, TypeError) as e:
            print("FAIL: [pass %d] cannot read tshark's output %s: %s" % (pass_, pdml, e))
            return 1
        for where, passes, filt, frame, what, want in checks:
            if pass_ not in passes:
                continue
            count += 1
            try:
                if filt:
                    got = [n for n in sorted(frames) if filt.test(frames[n])]
                    problem = None if got == want else "'%s': expected frames %s, got %s" % (what,
                        " ".join(map(str, want)) or "none", " ".join(map(str, got)) or "none")
                elif frame not in frames:
                    problem = "frame %d: no such frame in the output" % frame
                else:
                    got = ",".join(frames[frame].get(what, []))
                    problem = None if same_value(types, what, want, got) else \
                        "frame %d %s: expected '%s', got '%s'" % (frame, what, want, got)
            except Unreadable as e:
                problem = str(e)
            if problem:
                failed += 1
                print("FAIL: %s [pass %d] %s" % (where, pass_, problem))
    print("expectations: %d checks (single pass and two-pass), %d failed" % (count, failed))
    if lab:
        # check.py's comparison with the kernel's counters, over the two-pass frames
        print("lab truth %s:" % os.path.basename(lab[0]))
        rows = [{f: ",".join(v) for f, v in frames[n].items()} for n in sorted(frames)]
        failed += lab_check.check(lab[0], lab[1], rows) > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
