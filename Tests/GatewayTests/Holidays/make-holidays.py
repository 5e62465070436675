#!/usr/bin/env python3
"""Tests/GatewayTests/Holidays/holidays.tsv: the public holidays of France
for 2020-2040 as the PyPI package `holidays` gives them, the oracle that
FrenchHolidays.swift is checked against. Python makes the table; Texto
never runs it.

    pip install holidays && python3 make-holidays.py

Columns (TSV, one comment line, then a header line):

    calendar  date  holiday  name_fr  name_en

calendar: `national` (country FR, no subdivision) or `alsace-moselle`
(subdivision 57, Moselle; the script checks that 6AE, the Collectivité
européenne d'Alsace, has the same days). holiday: Texto's name for it
(FrenchHolidays.Holiday), mapped from the package's English name; an
unknown name stops the script, so that a package that adds or renames a
holiday is noticed. name_fr, name_en: the package's own names. When two
holidays fall on one day (Ascension on 1 May) the package joins their
names with "; "; the table has one row for each.
"""
import sys
from pathlib import Path

import holidays

YEARS = range(2020, 2041)

# The package's English (en_US) name -> FrenchHolidays.Holiday.
TEXTO = {
    "New Year's Day": "newYearsDay",
    "Good Friday": "goodFriday",
    "Easter Monday": "easterMonday",
    "Labor Day": "labourDay",
    "Victory Day": "victoryDay",
    "Ascension Day": "ascension",
    "Pentecost Monday": "whitMonday",
    "Whit Monday": "whitMonday",
    "National Day": "nationalDay",
    "Assumption Day": "assumption",
    "All Saints' Day": "allSaints",
    "Armistice Day": "armistice",
    "Christmas Day": "christmas",
    "Saint Stephen's Day": "saintStephen",
}


def days(subdiv, language):
    """{date: [names]} of the public holidays for YEARS."""
    calendar = holidays.country_holidays("FR", subdiv=subdiv, years=YEARS, language=language,
                                         categories=(holidays.PUBLIC,))
    return {date: names.split("; ") for date, names in calendar.items()}


def rows(label, subdiv):
    french, english = days(subdiv, "fr"), days(subdiv, "en_US")
    assert french.keys() == english.keys()
    for date in sorted(english):
        assert len(french[date]) == len(english[date]), date
        for name_fr, name_en in zip(french[date], english[date]):
            if name_en not in TEXTO:
                sys.exit(f"{date}: unknown holiday {name_en!r} ({name_fr!r}): map it in TEXTO")
            yield (label, date.isoformat(), TEXTO[name_en], name_fr, name_en)


def main():
    for subdiv in ("57", "6AE"):
        assert subdiv in holidays.FR.subdivisions, f"no subdivision {subdiv} in holidays {holidays.__version__}"
    if days("57", "en_US") != days("6AE", "en_US"):
        sys.exit("Moselle (57) and Alsace (6AE) differ: Alsace-Moselle is no longer one calendar")
    lines = [f"# made by make-holidays.py with holidays {holidays.__version__} (PyPI), years {YEARS[0]}-{YEARS[-1]}",
             "calendar\tdate\tholiday\tname_fr\tname_en"]
    for label, subdiv in (("national", None), ("alsace-moselle", "57")):
        lines += ["\t".join(row) for row in rows(label, subdiv)]
    Path(__file__).with_name("holidays.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 2} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
