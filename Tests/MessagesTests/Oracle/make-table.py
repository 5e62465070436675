#!/usr/bin/env python3
"""Writes sms.tsv: mixed SMS texts and their size by an independent oracle.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install smsutil==1.1.3 gsm0338==1.1.0
    /tmp/venv/bin/python make-table.py > sms.tsv

The oracle is two PyPI packages that agree with each other on every row (the
script stops otherwise):

- `smsutil` (1.1.3) decides the encoding (every character in the GSM 03.38
  basic or extension table, else UTF-16) and splits into parts: 153 septets /
  134 octets (67 units) per part, where an extension character (2 septets) or
  a character outside the BMP (2 units) that does not fit whole moves to the
  next part, and one part when the total is within 160 septets / 140 octets.
  That is exactly 3GPP TS 23.038 / 23.040 as DOMAIN.md §2 states it.
- `gsm0338` (1.1.0), a codec, gives the septet length independently
  (len(text.encode("gsm03.38")), the escape included) and whether the text
  is encodable at all; UTF-16 units are len(text.encode("utf-16-be")) / 2.

Both tables have capital Ç and no small ç, like 3GPP and DOMAIN.md §2. The
escape character 0x1B itself, which both packages accept as text, is never
generated (it is not a character Texto sends).

Columns: text (backslash escapes: \\t \\n \\r \\f \\\\), encoding (GSM7 or
UCS2), length (septets or UTF-16 units), segments, part lengths (comma
separated, from smsutil's parts). The text is NFC-normalized by the Swift
test first; a few rows are decomposed on purpose, and the oracle sees NFC.
"""
import random
import sys
import unicodedata

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)
import smsutil

BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
EXTENSION = "\f^{}\\[~]|€"
FRENCH_NON_GSM = "âêëîïôûÿçœŒÀÂÈÊËÎÏÔÙÛ«»’‘“”–—…\u00a0\u202f"
BMP_OTHER = "☺★✓♥→中文字日本語한국어ÐĞŁ"
ASTRAL = ["😀", "🎉", "👍", "😊", "🚀", "𝄞", "👍🏽", "🇫🇷", "👨‍👩‍👧"]
# GSM-7 only (the non-GSM letters come from the pools above).
WORDS = ("Bonjour Madame Dupont, votre commande 4521 est arrivée. Profitez de -20% "
         "sur la nouvelle collection été ! Réservez au 01 23 45 67 89. A très vite, "
         "l'équipe du magasin. Offre valable jusqu'au 30/06 dans la limite des "
         "stocks disponibles. STOP au 36035").split(" ")
BOUNDARIES = [70, 71, 67 * 2, 67 * 2 + 1, 67 * 3, 67 * 3 + 1, 160, 161, 153 * 2, 153 * 2 + 1,
              153 * 3, 153 * 3 + 1, 153 * 4, 153 * 4 + 1]


def oracle(text):
    split = smsutil.split(text)
    if split.encoding == "gsm0338":
        septets = len(text.encode("gsm03.38"))
        assert septets == split.total_bytes, (text, septets, split.total_bytes)
        return "GSM7", septets, [part.bytes for part in split.parts]
    try:
        text.encode("gsm03.38")
        raise AssertionError(f"gsm0338 encodes what smsutil sends as UTF-16: {text!r}")
    except UnicodeEncodeError:
        pass
    units = len(text.encode("utf-16-be")) // 2
    assert units * 2 == split.total_bytes, (text, units, split.total_bytes)
    return "UCS2", units, [part.bytes // 2 for part in split.parts]


def escape(text):
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r").replace("\f", "\\f"))


def words_text(rng, length):
    """French words up to about `length` characters."""
    out = ""
    while len(out) < length:
        out += rng.choice(WORDS) + " "
    return out[:length]


def sprinkle(rng, text, pool, count):
    chars = list(text)
    for _ in range(count):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(pool)
    return "".join(chars)


def messages(rng):
    # Around every boundary, in each flavour.
    for target in BOUNDARIES:
        for delta in (-2, -1, 0, 1, 2):
            n = max(1, target + delta)
            yield words_text(rng, n)                                   # GSM-7 basic
            yield sprinkle(rng, words_text(rng, n), EXTENSION, rng.randint(1, 4))  # escapes
            yield sprinkle(rng, words_text(rng, n), FRENCH_NON_GSM, 1)  # UCS-2 by one letter
            text = words_text(rng, n)                                   # UCS-2 with emoji
            cut = rng.randrange(len(text))
            yield text[:cut] + rng.choice(ASTRAL) + text[cut + 1:]
    # An escape pair or a surrogate pair exactly at a part boundary.
    for k in (1, 2, 3):
        for offset in (-1, 0, 1):
            n = 153 * k + offset
            yield "a" * (n - 1) + "€" + "b" * 10
            yield "]" * (n // 2) + "x" * (n % 2) + "[" * 3
            m = 67 * k + offset
            yield "é" * 2 + "ê" * (m - 3) + "😀" + "z" * 5
    yield "]" * 153
    yield "a" * 152 + "€"
    yield "a\r\nb" * 60
    yield "e\u0301" * 80          # decomposed: NFC makes 80 é (GSM-7)
    yield "c\u0327a va ?"          # decomposed ç: UCS-2
    yield "Ça va ? " * 20
    yield "ça va ? " * 20
    # Random mixes of every pool, 1 to 500 characters.
    pools = [BASIC, BASIC + EXTENSION, BASIC + FRENCH_NON_GSM, BASIC + BMP_OTHER, BASIC + EXTENSION + "".join(ASTRAL)]
    for _ in range(160):
        pool = rng.choice(pools)
        n = rng.choice([rng.randint(1, 80), rng.randint(60, 200), rng.randint(140, 620)])
        text = "".join(rng.choice(pool) for _ in range(n))
        if pool.endswith(ASTRAL[-1]) and rng.random() < 0.5:
            text += rng.choice(ASTRAL)
        yield text


def main():
    rng = random.Random(3038)
    out = sys.stdout
    out.write("text\tencoding\tlength\tsegments\tparts\n")
    seen = set()
    for text in messages(rng):
        if not text or "\x1b" in text or text in seen:
            continue
        seen.add(text)
        encoding, length, parts = oracle(unicodedata.normalize("NFC", text))
        out.write(f"{escape(text)}\t{encoding}\t{length}\t{len(parts)}\t{','.join(map(str, parts))}\n")


if __name__ == "__main__":
    main()
