"""The French contacts every fixture is made from.

Fictitious people; phone numbers in the forms users type (DOMAIN.md §1).
Values are typed Python values; `Formatted(value, code)` is a number that the
writer must store as a number with that Excel number format; `None` is an
empty cell; `BLANK_ROW` is a row with no cell at all.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Formatted:
    value: float
    code: str  # Excel number format code, e.g. "0000000000"


HEADER = [
    "CIVILITE", "NOM", "PRENOM", "TELEPHONE", "TELEPHONE2", "EMAIL",
    "DATE_NAISSANCE", "CODE_POSTAL", "VILLE", "AUTORISE_SMS",
    "DERNIERE_VISITE", "FIN_ABONNEMENT", "SOLDE", "NB_VISITES", "COMMENTAIRE",
]

BLANK_ROW = None

D = dt.date
T = dt.datetime

ROWS = [
    ["M.", "DUPONT", "Jean-François", "06 30 05 06 60", None,
     "jf.dupont@exemple.fr", D(1978, 3, 14), "75011", "Paris", True,
     T(2026, 10, 2, 18, 45), D(2027, 1, 31), 1024.6, 12,
     "Client fidèle depuis 2015"],
    ["Mme", "LEFÈVRE", "Hélène", "0630050661", None,
     "helene.lefevre@exemple.fr", D(1985, 11, 2), "69003", "Lyon", True,
     T(2026, 9, 15, 9, 30), D(2026, 12, 31), -12.5, 3, None],
    # landline first, mobile second
    ["M.", "MARTIN", "Loïc", "01 42 68 53 00", "07 81 23 45 67",
     "loic.martin@exemple.fr", D(1990, 7, 21), "92100",
     "Boulogne-Billancourt", False, T(2026, 6, 1, 14, 0), D(2026, 6, 30),
     250.75, 7, "Préfère être appelé le matin ; pas de SMS le week-end"],
    ["Mme", "CŒUR", "Gaëlle", "+33 6 12 34 56 78", None,
     "gaelle.coeur@exemple.fr", D(2001, 1, 1), "13008", "Marseille", True,
     T(2026, 11, 20, 11, 5), D(2027, 11, 19), 89.9, 1,
     "« VIP » — nouvelle adhérente"],
    ["Mme", "O’BRIEN", "Zoé", "06.45.67.89.01", None,
     "zoe.obrien@exemple.fr", None, "33000", "Bordeaux", True,
     T(2026, 11, 21, 8, 0), D(2026, 11, 30), 0, 25, 'Dit "Zozo" à l’accueil'],
    # Excel dropped the leading zero: the cell is the number 630050662
    ["M.", "NGUYEN", "Noël", 630050662, None,
     None, D(1969, 12, 31), "59000", "Lille", True,
     T(2025, 12, 24, 17, 15), D(2026, 3, 1), 15, 2, None],
    BLANK_ROW,
    # Réunion mobile and landline in national form
    ["Mme", "PAYET", "Marie-Josée", "0692 12 34 56", "0262 21 43 65",
     "mj.payet@exemple.re", D(1958, 8, 15), "97400", "Saint-Denis", True,
     T(2026, 10, 30, 10, 0), D(2027, 4, 30), 3.14, 40, None],
    # no first phone, a mobile in the second column
    ["M.", "GARÇON", "François", None, "06 98 76 54 32",
     "francois.garcon@exemple.fr", D(1992, 2, 29), "44000", "Nantes", True,
     T(2026, 1, 5, 19, 20), D(2026, 1, 31), 1234567.89, 0, None],
    # same mobile as DUPONT Jean-François, other form: a duplicate
    ["Mme", "DUPONT", "Élise", "06.30.05.06.60", None,
     "elise.dupont@exemple.fr", D(1980, 5, 5), "75011", "Paris", False,
     T(2026, 10, 2, 18, 46), D(2027, 1, 31), 0.1, 5, "Épouse de Jean-François"],
    # letter O instead of zero: invalid
    ["M.", "BÉRANGER", "Benoît", "06 30 05 06 6O", None,
     "benoit.beranger@exemple.fr", D(1975, 10, 10), "21000", "Dijon", True,
     T(2026, 7, 14, 12, 0), D(2026, 12, 1), 42, 9, None],
    # phone stored as a number with format 0000000000 (Excel shows 0612345679)
    ["Mme", "D’ALMEIDA", "Inès", Formatted(612345679, "0000000000"),
     "+33630050663", "ines.dalmeida@exemple.fr", D(1999, 12, 31), "01000",
     "Bourg-en-Bresse", True, T(2026, 11, 22, 10, 30), D(2027, 5, 15),
     1000000, 123, None],
    # second phone stored as a number shown "07 51 22 33 44"
    ["Mme", "LE GALL", "Maëlle", "0033 6 11 22 33 44",
     Formatted(751223344, "00 00 00 00 00"), "maelle.legall@exemple.fr",
     D(1988, 4, 1), "29200", "Brest", True, T(2026, 8, 8, 8, 8),
     D(2026, 8, 31), 7.5, 4, "Œnologue, Bœuf & Cie"],
]


def contact_rows():
    """Header then rows; BLANK_ROW stays None."""
    return [HEADER] + ROWS


# The multiline variant (multiline.csv): comments with separators, quotes and
# line breaks inside quoted fields, then ordinary rows after them.
MULTILINE_COMMENTS = {
    0: "Rappeler avant le 15/12 ;\nnouvelle adresse :\n12 rue de la Paix",
    2: 'Préfère "le matin"\r\nsurtout pas le lundi',
    3: "Ligne 1\n\nLigne 3 (une ligne vide avant)",
}
