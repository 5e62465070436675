#!/usr/bin/env python3
"""Tests/PhonesTests/Golden/phones.tsv: phone inputs as people type them or
spreadsheets export them, phonenumbers' verdict on each, and what Texto must
give. Python makes the table; Texto never runs it.

Columns (TSV, header line; TAB, LF, CR and backslash inside `input` written
as \\t \\n \\r \\\\):

    input  region  pn_e164  pn_kind  pn_region  texto_e164  texto_kind  texto_region  why

pn_*: phonenumbers.parse(input, region), E.164, the kind (`mobile`, `fixed`,
`fixed_or_mobile`, `voip`, `toll_free`, `premium`, `shared_cost`, `personal`,
`pager`, `uan`, `voicemail`, `invalid` when not valid), region_code_for_number;
`unparseable` (and empty E.164) when parse raises. Where a kind is `invalid`
the E.164 and region columns are empty.

texto_*: equal to pn_* except where Texto deliberately differs; `why` then
says why (empty otherwise). Texto's verdict is made by these rules, in this
order; the first that gives a verdict decides (j only turns separators into
spaces, so u, o, a or i can still decide after it):

  h  Empty or only white space (any Unicode space): `missing`.
  p  A placeholder that says "no number": only punctuation (`-`, `/`, `?`,
     `...`, `()`, `+`), only zeros (`0`, `00`, `0000000000`, `0.0`), or a
     word people type for none (`néant`, `N/A`, `NC`, `aucun`, `inconnu`,
     `x`...): `missing`, which is what the accountant meant (phonenumbers
     rejects or misreads them).
  c  Excel scientific notation (`6.3005066E+08`, `6,3005066E+08`,
     `3.3630050660E+10`): `invalid:scientific_notation`; the digits are gone.
  e  Two numbers in one cell: the cell split on `;` `|` `/` `,` `&` a line
     break, ` - `, `ou`/`et`/`or` or two spaces gives two or more parts of 8+
     digits, or it holds 18+ digits and a space cuts it into two parts of 9+
     digits: `invalid:two_numbers`.
  d  An extension: `poste`, `ext`, `ext.`, `extension`, `x`, `p`, `#` or
     `;ext=` then 1-6 digits at the end, after 8+ digits:
     `invalid:extension` (phonenumbers keeps it aside, or reads `poste` as
     digits).
  l  A label before the number or a remark after it (PhoneParser+Labels.swift
     says it in full): once the spaces and a leading `tel:` are set aside,
     the number runs from the first digit, `+` or `(` to the last digit;
     each side holds only letters (`°` `º` and any non-ASCII character that
     is not a space or a quote count as letters), spaces, `.` `:` `-` `'`
     `"` `« » ‘ ’ ‚ ‛ “ ” „ ‟` (and `(` `)` `,` after the number); a label
     does not end with a letter other than `°`/`º`, a remark starts with a
     space or punctuation; at most 3 words (runs of non-space characters
     with a letter) and 20 characters from the first to the last non-space
     one; no word of one ASCII letter alone (`O 6 30…`: a mistyped zero).
     The number alone is then read by these rules; if that gives a valid
     number, `invalid:two_numbers` or `invalid:extension`, that is the
     verdict (`Tél. 06 19 35 49 84`, `N° 0033 6…`, `06… (pro)`,
     `"06/45/53/51/65"`); otherwise the next rules decide on the whole cell.
  b  A letter, or a character that is not a digit, a separator, `+`, `#`
     or `*`, anywhere once a leading `tel:` is set aside (`06 30 05 06 6O`,
     `0800 FLEURS`, `Tél. 06 30 05 06 6`, `0630050660 = pro`):
     `invalid:letters` (phonenumbers converts vanity letters or drops
     them, and drops what stands around a number).
  j  `,` U+202F (narrow no-break space), U+2009 (thin space) and U+2007
     (figure space) are separators, like the space, U+00A0, `.`, `-`, `/`
     that phonenumbers already accepts; the number is then read as
     phonenumbers reads it with spaces there. (DOMAIN.md §1 lists
     `06,30,05,06,60`; French number formats group with U+202F.)
  u  A country code outside Texto's table (Texto knows +33 +590 +596 +594
     +262 +508 +377 +32 +41 +352 +49 +34 +39 +44 +351 +31):
     `unsupported_country`, with phonenumbers' E.164 and region (the Swift
     side rejects unknown countries separately).
  a  The French national plan is shared by FR GP BL MF MQ GF RE YT: a number
     written nationally (trunk 0, no + or 00) with one of them as the
     default region, invalid there but valid for exactly one E.164 number
     when read with another of them as default, is that number:
     `0692 12 34 56` from FR is `+262692123456` (Réunion), `06 12 34 56 78`
     from RE is `+33612345678`. Kind and region from that territory.
  o  A French country code without + or 00 (Excel drops the + as it
     drops the leading 0): with one of FR GP BL MF MQ GF RE YT as the
     default region, digits (not starting with 0, no +) that begin with
     +33, +262, +508, +590, +594 or +596, invalid as phonenumbers reads
     them there but valid with a + before them, are that number:
     `262692123456` from FR is `+262692123456`, `33630050660` from RE is
     `+33630050660` (phonenumbers already does it for the default's own
     code). Wallis +681, New Caledonia +687, French Polynesia +689 are not
     in Texto's table. PM's 6-digit numbers (`508 41 23 45`) read as
     French ones first (`05 08 41 23 45`), as phonenumbers reads them.
  a2 The same when Excel dropped the trunk 0 (9 digits, no + or 00, not
     starting with 0): `692123456` from FR is `+262692123456`. (DOMAIN.md
     §1: a numeric cell `630050660` is a French mobile; phonenumbers
     already reads that one with FR.) Drop this rule if Texto must not
     guess for the overseas ranges.
  i  Not valid and the national significant number (as phonenumbers
     reads it) shorter than every possible length of its territory:
     `invalid:too_short`; longer than every one: `invalid:too_long`;
     otherwise plain `invalid`.

Checked, not deviations (phonenumbers already agrees): `630050660` and
`33630050660` with FR; `+33 (0)6…`, `0033 (0)6…`, `33(0)6…`, `+33 06…`
(a trunk 0 after the country code is dropped); U+00A0 and en dash as
separators; `tel:+33-6-…`.

Usage: python3 Tests/PhonesTests/Golden/make-golden.py   (deterministic)
"""

import collections
import importlib.util
import os
import random
import re
import sys

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumberFormat
from phonenumbers import CountryCodeSource

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "phones.tsv")
SEED = 20260101

spec = importlib.util.spec_from_file_location(
    "numbering_plan", os.path.join(ROOT, "Sources", "Phones", "numbering-plan.py"))
plan_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plan_module)
KIND_NAMES = plan_module.KIND_NAMES
TERRITORIES = plan_module.TERRITORIES
NAMES = {t[0]: t[2] for t in TERRITORIES}
NAMES["FR"] = "mainland France"
OUR_REGIONS = [t[0] for t in TERRITORIES]
OUR_CODES = {t[1] for t in TERRITORIES}
FAMILY = ["FR", "GP", "BL", "MF", "MQ", "GF", "RE", "YT"]
FRENCH_CODES = ["33", "262", "508", "590", "594", "596"]

COLUMNS = ["input", "region", "pn_e164", "pn_kind", "pn_region",
           "texto_e164", "texto_kind", "texto_region", "why"]

UNICODE_SPACES = " \t\u00a0\u2007\u2009\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000\ufeff"


# --- phonenumbers' verdict ------------------------------------------------

def parse(text, region):
    try:
        return phonenumbers.parse(text, region, keep_raw_input=True)
    except NumberParseException:
        return None


def verdict(n):
    """(e164, kind, region) of a parsed number, phonenumbers' way."""
    if n is None:
        return ("", "unparseable", "")
    if not phonenumbers.is_valid_number(n):
        return ("", "invalid", "")
    kind = KIND_NAMES.get(phonenumbers.number_type(n), "invalid")
    if kind == "invalid":
        return ("", "invalid", "")
    return (phonenumbers.format_number(n, PhoneNumberFormat.E164), kind,
            phonenumbers.region_code_for_number(n) or "")


def pn_verdict(text, region):
    return verdict(parse(text, region))


# --- Texto's verdict ----------------------------------------------------------

SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
TWO_SEPARATORS = re.compile(r"[;|/,&\n]|\s-\s|\s{2,}|(?i:\b(?:ou|et|or)\b)")
EXTENSION = re.compile(
    r"(?i)(?<![^\W\d_])(?:poste|ext(?:ension)?\.?|x|p|#|;\s*ext=)\s*[:.]?\s*\d{1,6}\s*$")
TEL_SCHEME = re.compile(r"(?i)^\s*tel:")
SEPARATORS_TEXTO_ADDS = {",": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "}

WHY = {
    "h": "Empty cell: missing, not a parse failure.",
    "p": "A placeholder for no number: missing, not invalid.",
    "c": "Excel scientific notation has lost digits: a reject, not a guess.",
    "e": "Two numbers in one cell: a reject, not a guess.",
    "d": "An extension cannot receive SMS: a reject, not silently dropped.",
    "l": "A label or remark around one number is set aside (at most 3 words, 20 characters a side).",
    "b": "Letters are not converted or dropped: a reject.",
    "j": "Comma, U+202F, U+2009 and U+2007 are separators in French exports.",
    "u": "country not in Texto's table",
    "o": "{name}'s country code without its + (Excel drops it): a French number, read as the home code is.",
    "a": "Written nationally, this is a {name} number (shared French plan), not an invalid {default} one.",
    "a2": "Excel dropped the trunk 0: with it, this is a {name} number (shared French plan).",
    "i": "Not valid and {what} than every {region} length.",
}


def digits_of(text):
    return re.sub(r"\D", "", phonenumbers.normalize_digits_only(text))


def is_two_numbers(text):
    parts = TWO_SEPARATORS.split(text)
    if sum(1 for p in parts if p and len(digits_of(p)) >= 8) >= 2:
        return True
    # One space between two full numbers: 18+ digits that a space cuts into
    # two parts of 9+ digits each (no single number is that long).
    if len(digits_of(text)) >= 18:
        for m in re.finditer(r"\s+", text):
            if len(digits_of(text[:m.start()])) >= 9 and len(digits_of(text[m.end():])) >= 9:
                return True
    return False


def is_extension(text):
    m = EXTENSION.search(text)
    return m is not None and len(digits_of(text[:m.start()])) >= 8


SCAN_CHARACTERS = set("0123456789 .-()\t/,;|&\n\r+#*")


def has_letters(text):
    """A letter, or a character Texto's scan does not take as part of a number."""
    rest = TEL_SCHEME.sub("", text, count=1)
    rest = re.sub(r"(?i);\s*ext=", "", rest)
    return any(ch.isalpha() or (ch not in SCAN_CHARACTERS and ch not in SWIFT_SPACES) for ch in rest)


# PhoneParser's spaces: leading ones (spaceWidth) and trailing ones (trailingSpaceWidth).
SWIFT_SPACES = set(" \t\u00a0\u202f\ufeff\u3000") | {chr(c) for c in range(0x2000, 0x200C)} | \
    {chr(c) for c in range(0x2010, 0x2016)}
SWIFT_TRAILING_SPACES = set(" \t\n\r\u00a0\u202f\u3000") | {chr(c) for c in range(0x2000, 0x200C)}
LABEL_PUNCTUATION = set(".:-'\"\u00ab\u00bb") | {chr(c) for c in range(0x2018, 0x2020)}
REMARK_PUNCTUATION = LABEL_PUNCTUATION | set("(),")
LABEL_MARKS = set("\u00b0\u00ba")
LABEL_WORDS = 3
LABEL_CHARACTERS = 20


def label_character(ch, remark):
    if ch in SWIFT_SPACES:
        return "space"
    if ch in (REMARK_PUNCTUATION if remark else LABEL_PUNCTUATION):
        return "punctuation"
    if ch in LABEL_MARKS:
        return "mark"
    if ch.isascii():
        return "ascii_letter" if ch.isalpha() else None
    return "letter"


def is_label(side, remark):
    """Rule l: `side` is empty, or a label (before the number) or a remark (after it)."""
    if not side:
        return True
    kinds = [label_character(ch, remark) for ch in side]
    if None in kinds:
        return False
    if remark and kinds[0] not in ("space", "punctuation"):
        return False
    if not remark and kinds[-1] in ("ascii_letter", "letter"):
        return False
    words = 0
    word = []
    for kind in kinds + ["space"]:
        if kind != "space":
            word.append(kind)
            continue
        letters = [k for k in word if k in ("ascii_letter", "letter", "mark")]
        if letters == ["ascii_letter"]:
            return False
        words += bool(letters)
        word = []
    visible = [i for i, kind in enumerate(kinds) if kind != "space"]
    span = visible[-1] - visible[0] + 1 if visible else 0
    return words <= LABEL_WORDS and span <= LABEL_CHARACTERS


def number_between_labels(text):
    """Rule l: the number alone when a label and/or a remark stand around it, else None."""
    start, end = 0, len(text)
    while start < end and text[start] in SWIFT_SPACES:
        start += 1
    while end > start and text[end - 1] in SWIFT_TRAILING_SPACES:
        end -= 1
    if end - start > 4 and text[start:start + 4].lower() == "tel:":
        start += 4
    first = start
    while first < end and text[first] not in "0123456789+(":
        first += 1
    last = end
    while last > first and text[last - 1] not in "0123456789":
        last -= 1
    if last <= first or (first == start and last == end):
        return None
    if not is_label(text[start:first], False) or not is_label(text[last:end], True):
        return None
    return text[first:last]


PLACEHOLDER_WORDS = {
    "n/a", "na", "nc", "n.c.", "néant", "neant", "aucun", "aucune", "inconnu", "inconnue", "non communiqué",
    "non communique", "pas de numéro", "pas de numero", "sans", "none", "unknown", "x", "xx",
}


def is_placeholder(stripped):
    """Texto's `PhoneParser` placeholders: words, punctuation only, zeros only."""
    if stripped.lower() in PLACEHOLDER_WORDS:
        return True
    digits = [c for c in stripped if c.isdigit()]
    if not digits:
        return all(c in " .-()/+?,;|&" for c in stripped)
    return len(digits) <= 10 and set(digits) == {"0"} and all(c.isdigit() or c in " .-()/" for c in stripped)


def texto_verdict(text, region):
    """(e164, kind, region, [rules that changed the outcome])."""
    if text.strip(UNICODE_SPACES) == "":
        return ("", "missing", "", ["h"])
    stripped = text.strip(UNICODE_SPACES)
    if is_placeholder(stripped):
        return ("", "missing", "", ["p"])
    if SCIENTIFIC.match(stripped):
        return ("", "invalid:scientific_notation", "", ["c"])
    if is_two_numbers(text):
        return ("", "invalid:two_numbers", "", ["e"])
    if is_extension(text):
        return ("", "invalid:extension", "", ["d"])
    number = number_between_labels(text)
    if number is not None:
        inner = texto_verdict(number, region)
        if inner[1] not in ("missing", "unparseable", "unsupported_country") and not inner[1].startswith("invalid") \
                or inner[1] in ("invalid:two_numbers", "invalid:extension"):
            return inner[:3] + (["l"] + inner[3],)
    if has_letters(text):
        return ("", "invalid:letters", "", ["b"])

    rules = []
    normalized = "".join(SEPARATORS_TEXTO_ADDS.get(ch, ch) for ch in text)
    if normalized != text and verdict(parse(normalized, region)) != pn_verdict(text, region):
        rules.append("j")
    n = parse(normalized, region)
    if n is None:
        return ("", "unparseable", "", rules)

    if n.country_code not in OUR_CODES:
        return (phonenumbers.format_number(n, PhoneNumberFormat.E164), "unsupported_country",
                phonenumbers.region_code_for_number(n) or "", rules + ["u"])

    e164, kind, where = verdict(n)
    if kind != "invalid":
        return (e164, kind, where, rules)

    bare = french_code_without_plus(normalized, region, n)
    if bare:
        return bare + (rules + ["o"],)

    remapped = overseas(normalized, region, n)
    if remapped:
        rule, v = remapped
        return v + (rules + [rule],)

    nsn = phonenumbers.national_significant_number(n)
    home = phonenumbers.region_code_for_country_code(n.country_code)
    lengths = PhoneMetadata.metadata_for_region(home).general_desc.possible_length
    if len(nsn) < min(lengths):
        return ("", "invalid:too_short", "", rules + ["i"])
    if len(nsn) > max(lengths):
        return ("", "invalid:too_long", "", rules + ["i"])
    return ("", "invalid", "", rules)


def french_code_without_plus(text, region, n):
    """Rule o: the verdict of `text` read with a + before it, or None."""
    if region not in FAMILY or n.country_code_source != CountryCodeSource.FROM_DEFAULT_COUNTRY or "+" in text:
        return None
    digits = digits_of(text)
    if digits.startswith("0") or not any(digits.startswith(code) for code in FRENCH_CODES):
        return None
    v = verdict(parse("+" + digits, "ZZ"))
    if v[1] in ("invalid", "unparseable"):
        return None
    return v


def overseas(text, region, n):
    """Rules a and a2: ("a"|"a2", verdict) or None."""
    if region not in FAMILY or n.country_code_source != CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return None
    digits = digits_of(text)
    if digits.startswith("0") and not digits.startswith("00"):
        rule, national = "a", digits
    elif len(digits) == 9 and not digits.startswith("0"):
        rule, national = "a2", "0" + digits
    else:
        return None
    found = {}
    for other in FAMILY:
        if other == region:
            continue
        v = verdict(parse(national, other))
        if v[1] != "invalid" and v[1] != "unparseable":
            found[v[0]] = v
    if len(found) != 1:
        return None
    return rule, found.popitem()[1]


def why_for(rules, text, region, texto):
    out = []
    for r in rules:
        if r == "o":
            out.append(WHY[r].format(name=NAMES.get(texto[2], texto[2])))
        elif r in ("a", "a2"):
            out.append(WHY[r].format(name=NAMES.get(texto[2], texto[2]), default=region))
        elif r == "i":
            n = parse("".join(SEPARATORS_TEXTO_ADDS.get(ch, ch) for ch in text), region)
            home = phonenumbers.region_code_for_country_code(n.country_code)
            what = "shorter" if texto[1] == "invalid:too_short" else "longer"
            out.append(WHY[r].format(what=what, region=home))
        else:
            out.append(WHY[r])
    return " ".join(out)


# --- inputs --------------------------------------------------------------------

rng = random.Random(SEED)
PLAN = plan_module.parse_swift(plan_module.OUT)


def random_nsn(region, kind, tries=200):
    """A random NSN of `region` that phonenumbers calls `kind`, drawn under
    the plan's lines of that kind."""
    cc, _, tables = PLAN[region]
    lines = [(length, p) for length, t in sorted(tables.items()) for p, k in sorted(t.items()) if k == kind]
    if not lines:
        return None
    # Half the draws weigh a line by how many numbers it covers (so 06 is
    # not drowned by 0695, 0698, 0699), half pick any line (the small ranges).
    weights = [10.0 ** -len(p) for _, p in lines]
    for _ in range(tries):
        if rng.random() < 0.5:
            length, p = rng.choices(lines, weights)[0]
        else:
            length, p = rng.choice(lines)
        nsn = p + "".join(rng.choice("0123456789") for _ in range(length - len(p)))
        if plan_module.pn_kind(region, cc, nsn) == kind:
            return nsn
    return None


def kinds_of(region):
    return sorted({k for t in PLAN[region][2].values() for k in t.values()} - {"invalid"})


def number(region, nsn):
    return plan_module.phone_number(PLAN[region][0], nsn)


SEPS = [" ", " ", " ", ".", "-", "", "/", "\u00a0", " ", ".", "-", ""]
RARE_SEPS = [",", "\u202f", "\u2009", "–", "\u00a0"]


def regroup(formatted, sep):
    """Replace the grouping spaces of a phonenumbers format by sep."""
    return formatted.replace(" ", sep)


def national_form(region, nsn, sep=None):
    n = number(region, nsn)
    text = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
    if sep is None:
        sep = rng.choice(SEPS)
    return regroup(text, sep)


def international_form(region, nsn, style=None, sep=None):
    n = number(region, nsn)
    cc = str(n.country_code)
    text = phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL)  # "+33 6 30 05 06 60"
    rest = text[len(cc) + 2:]
    if sep is None:
        sep = rng.choice(SEPS)
    rest = regroup(rest, sep)
    trunk = PhoneMetadata.metadata_for_region(region).national_prefix
    style = style or rng.choice(["+", "+", "+", "00", "+nospace", "00nospace", "(0)", "+0"] +
                                (["bare"] if cc in ("33", "590", "596", "594", "262") or rng.random() < 0.1 else []))
    if style == "+":
        return f"+{cc} {rest}"
    if style == "00":
        return f"00{cc} {rest}"
    if style == "+nospace":
        return f"+{cc}{nsn}"
    if style == "00nospace":
        return f"00{cc}{nsn}"
    if style == "(0)" and trunk:
        return f"+{cc} ({trunk}){rest}" if sep == "" else f"+{cc} ({trunk}) {rest}"
    if style == "+0" and trunk:
        return f"+{cc} {trunk}{rest}"
    if style == "bare":
        return f"{cc}{nsn}"
    return f"+{cc} {rest}"


rows = []
row_rules = []
seen = set()


def add(text, region="FR"):
    if (text, region) in seen:
        return
    seen.add((text, region))
    pn = pn_verdict(text, region)
    e164, kind, where, rules = texto_verdict(text, region)
    texto = (e164, kind, where)
    changed = [r for r in rules] if texto != pn else []
    if texto != pn and not changed:
        raise AssertionError(f"{text!r} {region}: Texto {texto} differs from {pn} without a rule")
    rows.append((text, region) + pn + texto + (why_for(changed, text, region, texto) if changed else "",))
    row_rules.append(changed)


def domain_forms(nsn, cc="33"):
    """DOMAIN.md §1's forms of +33 6 30 05 06 60, for any 9-digit FR NSN."""
    g = [nsn[0]] + [nsn[i:i + 2] for i in range(1, 9, 2)]
    nat = ["0" + g[0]] + g[1:]
    return [
        "-".join(nat), " ".join(nat), "".join(nat), nsn, "/".join(nat), ",".join(nat),
        ".".join(nat), f"{cc}{nsn}", f"{cc}(0){nsn}", f"+{cc}{nsn}", f"00{cc}{nsn}",
        f"+{cc} (0)" + " ".join(g), f"00{cc} (0)" + " ".join(g), f"tel:+{cc}-" + "-".join(g),
        "\u00a0".join(nat), "\u202f".join(nat), "  " + " ".join(nat) + " ", "\u00a0" + "".join(nat) + "\u00a0",
        f"+{cc} 0{nsn}", f"+{cc} " + " ".join(nat),
        f"0033 (0)" + "".join(nat)[1:], f"{cc} " + " ".join(g), f"+{cc}-(0)" + "-".join(g),
        "\t" + " ".join(nat), " ".join(nat) + "\n",
    ]


def make_rows():
    # 1. The forms DOMAIN.md lists, for the seed number and 30 other FR mobiles.
    for text in domain_forms("630050660"):
        add(text)
    for _ in range(30):
        nsn = random_nsn("FR", "mobile")
        for text in domain_forms(nsn):
            if rng.random() < 0.6:
                add(text)

    # 2. Every kind of every territory, national and international forms.
    defaults = {"FR": "FR", "RE": "RE", "GP": "GP", "BE": "BE", "CH": "CH", "MC": "MC"}
    for region in OUR_REGIONS:
        for kind in kinds_of(region):
            count = 8 if region in FAMILY or region in ("BE", "CH", "MC", "LU") else 5
            for _ in range(count):
                nsn = random_nsn(region, kind)
                if nsn is None:
                    continue
                add(international_form(region, nsn), rng.choice(["FR", "FR", "FR", "RE", "BE"]))
                if region in FAMILY:
                    add(national_form(region, nsn), rng.choice(["FR", "FR", region if region in defaults else "FR", "RE", "GP"]))
                elif region in defaults:
                    add(national_form(region, nsn), region)
                elif rng.random() < 0.1:
                    # written nationally in a French file: read as French
                    add(national_form(region, nsn), "FR")

    # 3. Overseas mobiles and fixed lines written nationally from FR and the
    # other defaults of the family, and internationally.
    for region in ["GP", "BL", "MF", "MQ", "GF", "RE", "YT"]:
        for kind in ("mobile", "fixed"):
            for _ in range(10):
                nsn = random_nsn(region, kind)
                if nsn is None:
                    continue
                add(national_form(region, nsn), "FR")
                add(national_form(region, nsn, sep=""), rng.choice(["FR", "GP", "RE"]))
                add(international_form(region, nsn), "FR")
                if rng.random() < 0.5:
                    add(nsn, "FR")  # the 0 lost by Excel
    for text in ["0692 12 34 56", "0693 12 34 56", "0692123456", "0639 40 12 34", "0639 01 23 45",
                 "0690 12 34 56", "0691 22 34 56", "0694 20 12 34", "0696 12 34 56", "0697 12 34 56",
                 "07 09 00 12 34", "07 09 12 34 56", "07 09 22 34 56", "07 09 31 23 45", "07 09 36 12 34",
                 "0262 12 34 56", "0263 12 34 56", "0269 61 23 45", "0590 27 12 34", "0590 12 34 56",
                 "0594 30 12 34", "0596 30 12 34", "692 12 34 56", "692123456", "639401234", "690123456"]:
        add(text, "FR")
    for text in ["06 12 34 56 78", "0612345678", "07 51 22 33 44", "612345678", "01 23 45 67 89",
                 "09 70 12 34 56", "0692 12 34 56", "0690 12 34 56", "0262 12 34 56"]:
        for region in ("RE", "GP", "MQ", "YT", "GF"):
            add(text, region)

    # France's special ranges by hand: M2M 0700-0702, 0706-0709, 08 xx, 09.
    for text in ["07 00 12 34 56", "07 01 12 34 56", "07 02 12 34 56", "07 06 12 34 56", "07 09 52 12 34",
                 "07 30 12 34 56", "07 39 12 34 56", "07 51 22 33 44", "07 99 12 34 56", "06 39 12 34 56",
                 "06 90 12 34 56", "06 94 12 34 56", "06 95 12 34 56", "06 98 12 34 56", "06 99 12 34 56",
                 "08 00 12 34 56", "08 05 12 34 56", "08 06 12 34 56", "08 10 12 34 56", "08 11 12 34 56",
                 "08 20 12 34 56", "08 21 12 34 56", "08 25 12 34 56", "08 26 12 34 56", "08 36 01 23 45",
                 "08 36 04 12 34", "08 40 12 34 56", "08 84 12 34 56", "08 90 12 34 56", "08 92 12 34 56",
                 "08 99 12 34 56", "08 70 12 34 56", "09 48 12 34 56", "09 50 12 34 56", "09 70 12 34 56",
                 "09 72 12 34 56", "09 77 12 34 56", "01 23 45 67 89", "02 62 12 34 56", "02 63 12 34 56",
                 "02 69 12 34 56", "04 00 12 34 56", "04 10 12 34 56", "05 90 12 34 56", "05 94 12 34 56",
                 "05 96 12 34 56", "05 97 12 34 56", "00 12 34 56 78", "0 800 123 456", "3646", "118 712",
                 "15", "112", "+33 1 23 45 67 89", "+33 9 70 12 34 56", "+33 8 00 12 34 56", "+33 7 00 12 34 56"]:
        add(text, "FR")

    # 4. Monaco and Luxembourg.
    for kind in kinds_of("MC"):
        for _ in range(6):
            nsn = random_nsn("MC", kind)
            if nsn:
                add(international_form("MC", nsn, style=rng.choice(["+", "00", "+nospace", "00nospace"])), "FR")
                add(national_form("MC", nsn), rng.choice(["MC", "FR"]))
    for text in ["+377 6 12 34 56 78", "00377 6 12 34 56 78", "+377 4 44 12 34 5", "+377 44 12 34 56",
                 "+377 93 15 12 34", "+377 99 99 12 34", "+377 3 12 34 56 7", "+377 7 12 34 56 78",
                 "06 12 34 56 78", "93 15 12 34", "04 12 34 56 78", "+3774612345"]:
        add(text, "FR")
        add(text, "MC")
    for kind in kinds_of("LU"):
        for _ in range(4):
            nsn = random_nsn("LU", kind)
            if nsn:
                add(international_form("LU", nsn, style=rng.choice(["+", "00", "+nospace"])), "FR")
    for text in ["+352 621 123 456", "00352 621 123 456", "+352621123456", "621 123 456", "+352 691 123 456",
                 "+352 26 12 34 56", "+352 6211 23456"]:
        add(text, "FR")

    # 5. The traps.
    mobiles = [random_nsn("FR", "mobile") for _ in range(40)]
    for i, nsn in enumerate(mobiles[:12]):
        nat = "0" + nsn
        spaced = " ".join([nat[:2], nat[2:4], nat[4:6], nat[6:8], nat[8:]])
        pos = rng.randrange(1, len(spaced))
        while not spaced[pos].isdigit():
            pos -= 1
        swap = {"0": "O", "1": "l", "5": "S", "8": "B"}.get(spaced[pos], "O")
        add(spaced[:pos] + swap + spaced[pos + 1:])
        add("O" + nat[1:])
        if i % 2:
            add(f"{float(nsn):.7E}")
            add(f"{float('33' + nsn):.10E}")
        else:
            add(f"{float(nsn):.7E}".replace(".", ","))
            add(f"{float(nsn):.8e}")
        ext = rng.choice(["poste", "Poste", "ext.", "ext", "x", "X", "#", "p", "extension", ";ext="])
        add(f"{spaced} {ext}{rng.choice(['', ' '])}{rng.randint(1, 9999)}")
        other = "0" + rng.choice(mobiles)
        joiner = rng.choice([" / ", "/", " ou ", " et ", ";", " ; ", ", ", "\n", " - ", " | ", "  ", " & "])
        add(spaced + joiner + " ".join([other[:2], other[2:4], other[4:6], other[6:8], other[8:]]))
        add(nsn)                      # f: the lost zero
        add("33" + nsn)               # f: country code without + or 00
        add("33(0)" + nsn)            # g
        add("+33 0" + nsn)            # g
        add("0033 (0)" + nsn)         # g
        add("+33 (0)" + nsn[0] + " " + nsn[1:])
    for text in ["06 30 05 06 6O", "O6 30 05 06 60", "06 3O O5 O6 6O", "0800 FLEURS", "0800 FLEURS 1",
                 "08 00 FL EU RS", "1-800-FLOWERS", "+33 6 ABC DE FG", "Tél. 06 30 05 06 60", "tél : 0630050660",
                 "06 30 05 06 60 (portable)", "Port. 06 30 05 06 60", "Mob: +33 6 30 05 06 60", "06 30 05 06 60 M. Dupont",
                 "néant", "N/A", "n/a", "NC", "inconnu", "aucun", "pas de tel", "#N/A", "#VALEUR!",
                 "6.3005066E+08", "6,3005066E+08", "3.3630050660E+10", "3,3630050660E+10", "6.30050660E8",
                 "6.3005066e+08", "6E+08", "3.36E+10", " 6.3005066E+08 ", "-6.3005066E+08",
                 "06 30 05 06 60 poste 12", "06 30 05 06 60 ext. 12", "06 30 05 06 60 x12", "06 30 05 06 60 #12",
                 "0630050660x12", "+33 6 30 05 06 60 ext 1234", "tel:+33630050660;ext=12", "01 23 45 67 89 poste 203",
                 "06 30 05 06 60 p 12", "06 30 05 06 60 - poste 12",
                 "06 30 05 06 60 / 06 11 22 33 44", "06 30 05 06 60 ou 06 11 22 33 44", "0630050660;0611223344",
                 "0630050660/0611223344", "06 30 05 06 60, 06 11 22 33 44", "06 30 05 06 60\n06 11 22 33 44",
                 "06 30 05 06 60 et 01 23 45 67 89", "+33630050660 | +33611223344", "0630050660 0611223344",
                 "06 30 05 06 60  06 11 22 33 44", "06 30 05 06 60 - 06 11 22 33 44", "0630050660 & 0611223344",
                 "", " ", "   ", "\u00a0", "\t", "\u202f", "\u3000",
                 "-", "0", "00", "+", "+33", "0033", ".", "/", "()", "?", "x", "--", "...", "0000000000",
                 "06", "0630", "06300", "063005", "0630050", "06300506", "063005066", "06 30 05 06 6",
                 "06 30 05 06 600", "06 30 05 06 60 0", "063005066000", "06300506600000", "0630050660000000000",
                 "123", "12345", "1234567", "+33 6", "+33 6 30", "+33 630 050 66", "+33 6300506600", "+33 63005066000",
                 "630050660.0", "+33630050660.0", "0.0", "33630050660.0",
                 "+1 212 555 0123", "+1 (212) 555-0123", "001 212 555 0123", "+1 800 555 0199", "+1 201 555 0123",
                 "+212 6 12 34 56 78", "00212 6 12 34 56 78", "+212 5 22 12 34 56", "+213 5 51 23 45 67",
                 "+216 20 123 456", "+225 07 12 34 56 78", "+7 912 345 67 89", "+86 138 0013 8000", "+90 532 123 45 67",
                 "+999 123 456 789", "+1 555", "+44 7700 900123", "+44 20 7946 0958", "0044 7700 900123",
                 "+49 151 12345678", "+49 30 123456", "0049 171 1234567", "+34 612 34 56 78", "+39 312 345 6789",
                 "+39 06 1234 5678", "+351 912 345 678", "+31 6 12345678", "+32 470 12 34 56", "+41 79 123 45 67",
                 "+41 74 012 34 56", "+41 860 123 456 789", "+508 55 12 34", "+508 41 12 34", "+508 708 45 12 34"]:
        add(text, "FR")
    # 6. French country codes without + (rule o), and what they must not catch.
    for text in ["262692123456", "590690820422", "594694235356", "596696121454", "262639766318", "262 692 12 34 56",
                 "262(0)692123456", "590 0690 82 04 22", "590-690-82-04-22", "262262214365", "590590271234",
                 "596709121234", "508708451234", "33 6 19 35 49 84", "262 692 12 34 5", "2626921234567", "262123456789",
                 "269639123456", "269 321 23 45", "687 75 12 34", "689 87 12 34 56", "681 72 12 34", "508412345",
                 "508 55 12 34", "32470123456", "41791234567", "0262692123456", "00262692123456"]:
        add(text, "FR")
    for text in ["33630050660", "33 6 30 05 06 60", "590690820422", "262692123456", "596696121454", "33(0)630050660"]:
        for region in ("RE", "GP", "YT", "MQ"):
            add(text, region)
    for text in ["262692123456", "590690820422", "33630050660"]:
        for region in ("BE", "CH", "MC"):
            add(text, region)

    # 7. Labels and remarks around one number (rule l), and the look-alikes
    # that stay refused: letters inside or touching the number, prose, a
    # one-letter word, characters no label has, what is not a valid number.
    for text in ["Tél. 06 19 35 49 84", "Tel: 0619354984", "Tel:0619354984", "TEL : 06 19 35 49 84", "Port. 06 19 35 49 84",
                 "Portable : 06 19 35 49 84", "Portable: 06.19.35.49.84", "Mobile 06 19 35 49 84", "GSM: 06 19 35 49 84",
                 "N° 0033 6 19 35 49 84", "N°0033 6 19 35 49 84", "n° 06 19 35 49 84", "Nº 06 19 35 49 84",
                 "Tél. portable : 06 19 35 49 84", "Téléphone portable : 0619354984", "Portable de Marie : 0619354984",
                 "Tél : +33 (0)6 19 35 49 84", "Tél. 0692 12 34 56", "Tel: 262692123456", "Tel: 619354984",
                 "Fixe : 01 42 68 53 00", "Tél.\u00a0: 06\u00a019\u00a035\u00a049\u00a084", "- 06 19 35 49 84",
                 "0619354984 (pro)", "0619354984(pro)", "06 19 35 49 84 perso", "06 19 35 49 84 - perso",
                 "06 19 35 49 84, le soir", "06 19 35 49 84 (pro, soir)", "Mobile : 06 19 35 49 84 (perso)",
                 "\"06/45/53/51/65\"", "'0645535165", "« 06 19 35 49 84 »", "\u201c06 19 35 49 84\u201d", "06 19 35 49 84.",
                 "tel: 06 19 35 49 84", "+33 6 19 35 49 84 (mobile)",
                 "Tél. 06 30 05 06 60 / 06 11 22 33 44", "Tél. 06 30 05 06 60 ou 06 11 22 33 44",
                 "Tél. 01 42 68 53 00 poste 12", "01 42 68 53 00 poste 12 (standard)", "Tel: 06 19 35 49 84 #12",
                 "O 6 19 35 49 84", "O. 6 19 35 49 84", "Tel06 19 35 49 84", "0619354984pro", "06 19 35 49 84 x",
                 "06 19 35 49 84 p", "Tél. 0800 FLEURS", "0800 FLEURS (fleuriste)", "Tél. 06 19 35 49 8", "Tél. 06 19 35 49 84 5",
                 "Numéro de téléphone portable : 06 19 35 49 84", "Téléphone portable perso : 06 19 35 49 84",
                 "06 19 35 49 84 appeler le soir svp", "06 19 35 49 84 à appeler après 18h", "Tel/Fax: 06 19 35 49 84",
                 "Tel = 06 19 35 49 84", "N/A 06 19 35 49 84", "Tél. 6.3005066E+08", "Tél. néant", "Tél. 0",
                 "Tél.\n06 19 35 49 84", "Tél. (pro) 06 19 35 49 84", "06 19 35 49 84 !", "Tel: +1 212 555 0123",
                 "Tél. 06 30 05 06 6O", "06 30 05 06 6O (pro)"]:
        add(text, "FR")
    for text, region in [("Tel: 0470 12 34 56", "BE"), ("GSM 0470 12 34 56", "BE"), ("Natel 079 123 45 67", "CH"),
                         ("Tél. 0692 12 34 56", "RE"), ("Tél. 06 19 35 49 84", "RE")]:
        add(text, region)

    for text in ["0470 12 34 56", "0470123456", "470123456", "+32 470 12 34 56", "02 123 45 67", "0800 12 345",
                 "0900 12 345", "06 12 34 56 78", "0032 470 12 34 56", "04 70 12 34 56", "+33 6 30 05 06 60"]:
        add(text, "BE")
    for text in ["079 123 45 67", "0791234567", "+41 79 123 45 67", "074 012 34 56", "074 212 34 56",
                 "022 123 45 67", "0800 123 456", "0900 123 456", "0041 79 123 45 67", "079,123,45,67",
                 "+41 860 79 123 45 67", "06 30 05 06 60", "+33 6 30 05 06 60"]:
        add(text, "CH")


def escape(field):
    return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    make_rows()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(escape(x) for x in row) + "\n")
    print(f"{len(rows)} rows in {os.path.relpath(OUT)}")
    by_kind = collections.Counter(r[6] for r in rows)
    by_pn = collections.Counter(r[3] for r in rows)
    print("texto_kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items(), key=lambda x: -x[1])))
    print("pn_kind:    " + ", ".join(f"{k} {n}" for k, n in sorted(by_pn.items(), key=lambda x: -x[1])))
    by_rule = collections.Counter(r for rules in row_rules for r in rules)
    deviations = sum(1 for r in rows if r[8])
    print(f"deviations: {deviations} rows; per rule: " + ", ".join(f"{k} {by_rule[k]}" for k in WHY))
    print("regions: " + ", ".join(f"{k} {n}" for k, n in sorted(collections.Counter(r[1] for r in rows).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
