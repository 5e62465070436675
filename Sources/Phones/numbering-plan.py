#!/usr/bin/env python3
"""Sources/Phones/NumberingPlan+Data.swift: the numbering plan Texto knows,
as prefix tables made from the Python package `phonenumbers` (Google
libphonenumber's PhoneNumberMetadata.xml). Python makes the data; Texto never
runs it.

For every territory and every national-significant-number (NSN) length the
metadata allows, the table gives the kind of each NSN of that length as
phonenumbers gives it:

    kind(R, nsn) = number_type(n)   if is_valid_number(n) and
                                       region_code_for_number(n) == R
                   invalid          otherwise

(n = the PhoneNumber +CC nsn). For a country code that several regions share
(+590 GP BL MF, +262 RE YT), phonenumbers gives a number to the first region
in its list (main region first, the order of this file) that accepts it, and
it is `invalid` in the others' tables: at most one region of a code gives a
kind other than `invalid`, so the order in which Texto tries them does not
matter. (GP and BL have the same mobile ranges: all of them are GP's.)

How the tables are made (exact, not sampled): phonenumbers decides the kind
of an NSN from which of a handful of regular expressions match it in full
(general_desc and the per-type patterns of R, and for a shared code those of
the regions listed before R, plus their leading_digits). Each expression is
compiled into an NFA (from Python's own regex parser); for a prefix P, the
product of the NFAs' state sets after reading P tells which combinations of
"matches / does not match" the completions of P can reach, each with a
witness completion. phonenumbers is asked for the kind of every witness
(so the kinds come from the oracle itself, not from a re-implementation of
its type order); if they all agree, P is a leaf, otherwise the script
recurses into P0..P9. A dynamic programme then picks, at every inner node,
the default kind that needs the fewest lines, so that a line is written only
where the kind differs from what the parent prefix gives. Semantics (the
Swift side): the longest listed prefix of the NSN gives its kind; `*` is the
default for the length; no line for the length means `invalid`.

Usage:
    python3 Sources/Phones/numbering-plan.py            # write the Swift file
    python3 Sources/Phones/numbering-plan.py --check N  # compare the written
        table with phonenumbers on N uniform random NSNs and N random NSNs
        under a listed prefix, per territory and length (seeded)
"""

import argparse
import multiprocessing
import os
import random
import re._constants as sre_c
import re._parser as sre_parse
import sys
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberType

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "NumberingPlan+Data.swift")
EXPECTED_VERSION = "9.0.43"

# (region, country code, name, who publishes its plan). phonenumbers does not
# carry the XML's <references> (source URLs), so these name the authority
# that publishes each plan, not what libphonenumber cites.
TERRITORIES = [
    ("FR", 33, "France", "ARCEP, plan national de numérotation téléphonique"),
    ("GP", 590, "Guadeloupe", "ARCEP (overseas ZNE 0590/0690-0691, 07 09 0x)"),
    ("BL", 590, "Saint-Barthélemy", "ARCEP (shares +590 with GP and MF; GP is phonenumbers' main region)"),
    ("MF", 590, "Saint-Martin", "ARCEP (shares +590 with GP and BL)"),
    ("MQ", 596, "Martinique", "ARCEP (overseas ZNE 0596/0696-0697, 07 09 1x)"),
    ("GF", 594, "Guyane", "ARCEP (overseas ZNE 0594/0694, 07 09 3[0-3])"),
    ("RE", 262, "Réunion", "ARCEP (overseas ZNE 0262-0263/0692-0693, 07 09 2x; main region of +262)"),
    ("YT", 262, "Mayotte", "ARCEP (overseas ZNE 0269/0639, 07 09 3[5-7]; shares +262 with RE)"),
    ("PM", 508, "Saint-Pierre-et-Miquelon", "ARCEP (6-digit local plan and 9-digit 07/08 ranges)"),
    ("MC", 377, "Monaco", "the national numbering plan Monaco notifies to the ITU-T (E.164 country notice)"),
    ("BE", 32, "Belgium", "BIPT/IBPT national numbering plan"),
    ("CH", 41, "Switzerland", "OFCOM/BAKOM E.164 numbering plan"),
    ("LU", 352, "Luxembourg", "ILR (Institut Luxembourgeois de Régulation) numbering plan"),
    ("DE", 49, "Germany", "Bundesnetzagentur Nummernplan"),
    ("ES", 34, "Spain", "CNMC / Ministerio (SETID) plan nacional de numeración"),
    ("IT", 39, "Italy", "AGCOM piano di numerazione"),
    ("GB", 44, "United Kingdom", "Ofcom National Telephone Numbering Plan (GG IM JE share +44 and are not in this table)"),
    ("PT", 351, "Portugal", "ANACOM plano nacional de numeração"),
    ("NL", 31, "Netherlands", "ACM / Ministerie van EZK nummerplan"),
]

KIND_NAMES = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}
KINDS = list(KIND_NAMES.values()) + ["invalid"]

# Every PhoneNumberDesc that _number_type_helper consults.
DESCS = ["general_desc", "premium_rate", "toll_free", "shared_cost", "voip",
         "personal_number", "pager", "uan", "voicemail", "fixed_line", "mobile"]

DIGITS = "0123456789"


# --- the oracle ------------------------------------------------------------

def phone_number(cc, nsn):
    """The PhoneNumber whose national_significant_number() is exactly nsn
    (leading zeros kept as Italian leading zeros, as parse would)."""
    stripped = nsn.lstrip("0")
    zeros = len(nsn) - len(stripped)
    if not stripped:
        return PhoneNumber(country_code=cc, national_number=0,
                           italian_leading_zero=True, number_of_leading_zeros=zeros - 1)
    if zeros:
        return PhoneNumber(country_code=cc, national_number=int(stripped),
                           italian_leading_zero=True, number_of_leading_zeros=zeros)
    return PhoneNumber(country_code=cc, national_number=int(stripped))


def pn_kind(region, cc, nsn):
    """phonenumbers' verdict on +cc nsn, as seen from region."""
    n = phone_number(cc, nsn)
    assert phonenumbers.national_significant_number(n) == nsn, nsn
    if not phonenumbers.is_valid_number(n):
        return "invalid"
    if phonenumbers.region_code_for_number(n) != region:
        return "invalid"
    return KIND_NAMES.get(phonenumbers.number_type(n), "invalid")


# --- regular expressions as NFAs --------------------------------------------

class NFA:
    """Thompson NFA over the digits 0-9 for one full-match pattern."""

    def __init__(self, pattern):
        self.moves = []   # state -> list of (frozenset of digits, target)
        self.eps = []     # state -> list of targets
        self.start = self._state()
        self.accept = self._build(sre_parse.parse(pattern), self.start)

    def _state(self):
        self.moves.append([])
        self.eps.append([])
        return len(self.moves) - 1

    def _charset(self, items):
        out = set()
        for op, arg in items:
            if op is sre_c.LITERAL:
                out.add(chr(arg))
            elif op is sre_c.RANGE:
                out.update(chr(c) for c in range(arg[0], arg[1] + 1))
            elif op is sre_c.CATEGORY and arg is sre_c.CATEGORY_DIGIT:
                out.update(DIGITS)
            else:
                raise ValueError(f"unsupported class item {op} {arg}")
        return frozenset(out) & frozenset(DIGITS)

    def _build(self, seq, start):
        cur = start
        for op, arg in seq:
            if op is sre_c.LITERAL:
                nxt = self._state()
                self.moves[cur].append((frozenset(chr(arg)) & frozenset(DIGITS), nxt))
                cur = nxt
            elif op is sre_c.IN:
                nxt = self._state()
                self.moves[cur].append((self._charset(arg), nxt))
                cur = nxt
            elif op is sre_c.SUBPATTERN:
                cur = self._build(arg[3], cur)
            elif op is sre_c.BRANCH:
                end = self._state()
                for alt in arg[1]:
                    s = self._state()
                    self.eps[cur].append(s)
                    self.eps[self._build(alt, s)].append(end)
                cur = end
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
                lo, hi, sub = arg
                if hi is sre_c.MAXREPEAT:
                    raise ValueError("unbounded repeat")
                for _ in range(lo):
                    cur = self._build(sub, cur)
                end = self._state()
                self.eps[cur].append(end)
                for _ in range(hi - lo):
                    cur = self._build(sub, cur)
                    self.eps[cur].append(end)
                cur = end
            else:
                raise ValueError(f"unsupported regex op {op}")
        return cur

    def closure(self, states):
        todo = list(states)
        seen = set(states)
        while todo:
            s = todo.pop()
            for t in self.eps[s]:
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        return frozenset(seen)

    def initial(self):
        return self.closure([self.start])

    def step(self, states, digit):
        return self.closure([t for s in states for cs, t in self.moves[s] if digit in cs])


class Classifier:
    """The product of the NFAs phonenumbers consults for one region and one
    NSN length; reach() lists the match vectors a prefix can still lead to."""

    def __init__(self, region, cc, length):
        self.region, self.cc, self.length = region, cc, length
        patterns = []
        for q in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc]:
            meta = PhoneMetadata.metadata_for_region(q)
            if meta.leading_digits is not None and q != region:
                patterns.append(f"(?:{meta.leading_digits})\\d*")
            for name in DESCS:
                desc = getattr(meta, name)
                if desc is None or not desc.national_number_pattern:
                    continue
                if desc.possible_length and length not in desc.possible_length:
                    continue
                patterns.append(desc.national_number_pattern)
            if q == region:
                break
        self.nfas = [NFA(p) for p in dict.fromkeys(patterns)]
        self.kind_of_vector = {}
        self.step = lru_cache(maxsize=None)(self._step)
        self.reach = lru_cache(maxsize=None)(self._reach)

    def initial(self):
        return tuple(nfa.initial() for nfa in self.nfas)

    def _step(self, state, digit):
        return tuple(nfa.step(s, digit) for nfa, s in zip(self.nfas, state))

    def _reach(self, state, remaining):
        """{match vector: a completion of `remaining` digits reaching it}."""
        if remaining == 0:
            return {tuple(nfa.accept in s for nfa, s in zip(self.nfas, state)): ""}
        out = {}
        for d in DIGITS:
            nxt = self.step(state, d)
            if not any(nxt):
                vec = tuple(False for _ in self.nfas)
                out.setdefault(vec, d + "0" * (remaining - 1))
                continue
            for vec, tail in self.reach(nxt, remaining - 1).items():
                out.setdefault(vec, d + tail)
        return out

    def kinds(self, prefix, state):
        """The kinds the completions of prefix can have, from phonenumbers
        itself on one witness per match vector (and the check that the kind
        is a function of the vector)."""
        found = set()
        for vec, tail in self.reach(state, self.length - len(prefix)).items():
            kind = pn_kind(self.region, self.cc, prefix + tail)
            known = self.kind_of_vector.setdefault(vec, kind)
            if known != kind:
                raise AssertionError(f"{self.region} {prefix + tail}: {kind} but {known} for the same match vector")
            found.add(kind)
        return found


# --- the prefix tree and the fewest lines ------------------------------------

def build_tree(cls, prefix="", state=None):
    """A leaf is the kind (str); an inner node is a list of 10 subtrees."""
    if state is None:
        state = cls.initial()
    kinds = cls.kinds(prefix, state)
    if len(kinds) == 1:
        kind = kinds.pop()
        # Belt and braces: the all-0 and all-9 completions agree.
        rest = cls.length - len(prefix)
        for tail in ("0" * rest, "9" * rest):
            if pn_kind(cls.region, cls.cc, prefix + tail) != kind:
                raise AssertionError(f"{cls.region} {prefix}{tail} is not {kind}")
        return kind
    return [build_tree(cls, prefix + d, cls.step(state, d)) for d in DIGITS]


def line_costs(tree, memo):
    """For an inner node: {label: lines needed below it if it is labelled
    label}; memo[id(node)] keeps it for emit()."""
    own = {label: 0 for label in KINDS}
    for child in tree:
        if isinstance(child, str):
            for label in KINDS:
                own[label] += child != label
        else:
            sub = line_costs(child, memo)
            for label in KINDS:
                own[label] += min(sub[l] + (l != label) for l in KINDS)
    memo[id(tree)] = own
    return own


def best_label(own, inherited):
    """The label with the fewest lines; the inherited one (no line) on a tie,
    then the first in KINDS."""
    return min(KINDS, key=lambda l: (own[l] + (l != inherited), l != inherited, KINDS.index(l)))


def emit(tree, prefix, inherited, memo, out):
    if isinstance(tree, str):
        if tree != inherited:
            out.append((prefix, tree))
        return
    label = best_label(memo[id(tree)], inherited)
    if label != inherited:
        out.append((prefix, label))
    for d, child in zip(DIGITS, tree):
        emit(child, prefix + d, label, memo, out)


def table_lines(region, cc, length):
    """[(prefix, kind)] for one region and length; the `*` line ("") first."""
    cls = Classifier(region, cc, length)
    tree = build_tree(cls)
    if isinstance(tree, str):
        return [("", tree)]
    memo = {}
    line_costs(tree, memo)
    # The root always has its `*` line: nothing is inherited there.
    label = best_label(memo[id(tree)], None)
    out = [("", label)]
    for d, child in zip(DIGITS, tree):
        emit(child, d, label, memo, out)
    return out


# --- the Swift file ----------------------------------------------------------

def metadata_comment(region):
    meta = PhoneMetadata.metadata_for_region(region)
    lengths = ",".join(str(x) for x in meta.general_desc.possible_length)
    parts = [f"possible lengths {lengths}"]
    local = meta.general_desc.possible_length_local_only
    if local:
        parts.append("local-only " + ",".join(str(x) for x in local))
    if meta.national_prefix_for_parsing:
        parts.append(f"national prefix for parsing {meta.national_prefix_for_parsing}")
    if meta.national_prefix_transform_rule:
        parts.append(f"transform rule {meta.national_prefix_transform_rule}")
    return "# metadata: " + "; ".join(parts)


def territory_block(territory):
    region, cc, name, source = territory
    meta = PhoneMetadata.metadata_for_region(region)
    assert meta.country_code == cc, (region, meta.country_code)
    trunk = meta.national_prefix or "-"
    lines = [f"# {name} (+{cc}): {source}", metadata_comment(region),
             f"territory {region} {cc} {trunk}"]
    rows = []
    for length in sorted(meta.general_desc.possible_length):
        for prefix, kind in table_lines(region, cc, length):
            rows.append((length, prefix, kind))
    rows.sort(key=lambda r: (r[0], r[1]))
    for length, prefix, kind in rows:
        lines.append(f"{length} {prefix or '*'} {kind}")
    return region, lines, rows


def swift_file(blocks):
    body = []
    for _, lines, _ in blocks:
        body.extend(lines)
    table = "\n".join("        " + line for line in body)
    return f'''// Generated by Sources/Phones/numbering-plan.py from the Python package
// phonenumbers {phonenumbers.__version__} (Google libphonenumber's PhoneNumberMetadata.xml).
// Do not edit: change the script and run it again. Check: `python3 Sources/Phones/numbering-plan.py --check 100000`.
// Sources: libphonenumber's metadata, which follows ARCEP for France and the overseas
// departments and collectivities, the ITU-T E.164 country-code assignments and notices,
// and each country's numbering authority (named on its block).

extension NumberingPlan {{
    /// One block per territory: `territory REGION CODE TRUNK` (TRUNK is the
    /// national prefix dialled before the NSN at home, `-` when none), then
    /// `LENGTH PREFIX KIND` lines (PREFIX `*` = any). The longest prefix wins;
    /// a length with no line is `invalid`. Of the regions sharing a code
    /// (+590 GP BL MF, +262 RE YT), at most one gives a number a kind other
    /// than `invalid` (phonenumbers' region_code_for_number decides).
    /// A raw literal: the comments quote the metadata's patterns (`\\d`).
    static let table = #"""
{table}
        """#
}}
'''


# --- reading the Swift file back and checking it ------------------------------

def parse_swift(path):
    """{region: (cc, trunk, {length: {prefix: kind}})} from the Swift file."""
    text = open(path, encoding="utf-8").read()
    body = text.split('static let table = #"""', 1)[1].split('"""#', 1)[0]
    plan = {}
    current = None
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split()
        if f[0] == "territory":
            current = f[1]
            plan[current] = (int(f[2]), f[3], {})
            continue
        length, prefix, kind = int(f[0]), f[1], f[2]
        assert kind in KINDS, line
        plan[current][2].setdefault(length, {})["" if prefix == "*" else prefix] = kind
    return plan


def lookup(prefixes, nsn):
    for i in range(len(nsn), -1, -1):
        kind = prefixes.get(nsn[:i])
        if kind is not None:
            return kind
    return "invalid"


def check_one(job):
    region, cc, length, prefixes, n = job
    rng = random.Random(f"{region}-{length}")
    listed = sorted(p for p in prefixes if p)
    bad = []
    total = 0
    for i in range(2 * n):
        if i < n or not listed:
            nsn = "".join(rng.choice(DIGITS) for _ in range(length))
        else:
            p = rng.choice(listed)
            nsn = p + "".join(rng.choice(DIGITS) for _ in range(length - len(p)))
        total += 1
        want = pn_kind(region, cc, nsn)
        got = lookup(prefixes, nsn)
        if want != got:
            bad.append((nsn, got, want))
    return region, length, total, bad


def check(n):
    plan = parse_swift(OUT)
    meta_lengths = {r: PhoneMetadata.metadata_for_region(r).general_desc.possible_length
                    for r, *_ in TERRITORIES}
    jobs = []
    for region, cc, *_ in TERRITORIES:
        pcc, _, tables = plan[region]
        assert pcc == cc
        for length in meta_lengths[region]:
            jobs.append((region, cc, length, tables.get(length, {}), n))
        # a length outside the metadata's must be invalid everywhere
        extra = set(tables) - set(meta_lengths[region])
        assert not extra, (region, extra)
    with multiprocessing.Pool() as pool:
        results = pool.map(check_one, jobs, chunksize=1)
    per = {}
    failures = []
    for region, length, total, bad in results:
        t, b = per.get(region, (0, 0))
        per[region] = (t + total, b + len(bad))
        failures.extend((region, length) + x for x in bad)
    ok = True
    for region, *_ in TERRITORIES:
        t, b = per[region]
        print(f"{region}  {t:>9} checks  {100.0 * (t - b) / t:8.4f}% agree  {b} disagree")
        ok = ok and b == 0
    for region, length, nsn, got, want in failures[:50]:
        print(f"  {region} len {length} {nsn}: table {got}, phonenumbers {want}")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", type=int, metavar="N",
                    help="check the written table against phonenumbers with N+N numbers per territory and length")
    args = ap.parse_args()
    if phonenumbers.__version__ != EXPECTED_VERSION:
        print(f"warning: phonenumbers {phonenumbers.__version__}, the file says {EXPECTED_VERSION}",
              file=sys.stderr)
    with multiprocessing.Pool() as pool:
        blocks = pool.map(territory_block, TERRITORIES, chunksize=1)
    text = swift_file(blocks)
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{os.path.relpath(OUT)} is not what this script writes now: run it again")
                return 1
        return check(args.check)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    total = 0
    for region, lines, rows in blocks:
        depth = max(len(p) for _, p, _ in rows)
        total += len(rows)
        flag = "  (deeper than 8)" if depth > 8 else ""
        print(f"{region}  {len(rows):>5} lines  deepest prefix {depth}{flag}")
    print(f"{total} table lines, {text.count(chr(10))} lines in {os.path.relpath(OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
