#!/usr/bin/env python3
"""Fixtures/targeting/clients.csv: a French client export for texto-target's
tests, as French Excel saves it (Windows-1252, `;`, CRLF, dd/mm/yyyy), and
contacts.csv, what `texto-import` makes of it (run it again with
`swift run texto-import Fixtures/targeting/clients.csv -o Fixtures/targeting/contacts.csv --rejects /tmp/rejects.csv`
after changing this script).

Rows are chosen to exercise the filter of issue 4's example, "clients of
Brittany over 40 who accept SMS and have not come for 30 days" on the run
date 2026-11-22: every condition true and false, ages exactly 40 and 41,
visits exactly 30 days ago, the four Brittany départements and their
neighbours, Corsica 2A/2B, overseas, consent written many ways, a birth
date that does not exist, a 29 February birthday, empty cells.
"""
import csv, io, random

random.seed(20261122)
HEADER = ["CIVILITE", "NOM", "PRENOM", "TELEPHONE", "CODE_POSTAL", "VILLE", "DATE_NAISSANCE",
          "AUTORISE_SMS", "DERNIERE_VISITE", "FIN_ABONNEMENT", "LANGUE", "TYPE_CONTACT"]
ROWS = [
    ["M.", "LE GALL", "Yann", "06 10 00 00 01", "29200", "Brest", "14/03/1978", "Oui", "01/09/2026", "31/12/2026", "fr", "Client"],
    ["Mme", "KERBRAT", "Anne", "06 10 00 00 02", "22000", "Saint-Brieuc", "22/11/1986", "oui", "23/10/2026", "30/11/2026", "fr", "Client"],
    ["M.", "MORVAN", "Erwan", "06 10 00 00 03", "35000", "Rennes", "23/11/1985", "OUI", "22/10/2026", "", "fr", "Client"],
    ["Mme", "GUEGUEN", "Soizic", "06 10 00 00 04", "56100", "Lorient", "01/01/1960", "Non", "01/01/2026", "01/12/2026", "br", "Client"],
    ["M.", "TANGUY", "Loïc", "06 10 00 00 05", "44000", "Nantes", "01/01/1960", "oui", "01/01/2026", "", "fr", "Client"],
    ["Mme", "LE BIHAN", "Maïwenn", "06 10 00 00 06", "29000", "Quimper", "31/02/1980", "oui", "01/01/2026", "", "fr", "Prospect"],
    ["M.", "RIOU", "Gwenaël", "06 10 00 00 07", "35400", "Saint-Malo", "", "oui", "01/01/2026", "", "fr", "Client"],
    ["Mme", "CADIOU", "Nolwenn", "06 10 00 00 08", "22300", "Lannion", "29/02/1976", "1", "", "", "fr", "Client"],
    ["M.", "SANTONI", "Pierre", "06 10 00 00 09", "20000", "Ajaccio", "10/05/1970", "oui", "01/01/2026", "", "fr", "Client"],
    ["Mme", "CASANOVA", "Marie", "06 10 00 00 10", "20200", "Bastia", "10/05/1970", "x", "01/01/2026", "", "fr", "Client"],
    ["M.", "PAYET", "Jean", "0692 10 00 11", "97400", "Saint-Denis", "10/05/1970", "VRAI", "01/01/2026", "", "fr", "Client"],
    ["Mme", "LAMBERT", "Chloé", "06 10 00 00 12", "75011", "Paris", "05/06/1999", "oui", "21/11/2026", "25/11/2026", "en", "Prospect"],
    ["M.", "HERVÉ", "Tanguy", "06 10 00 00 13", "56000", "Vannes", "15/07/1950", "yes", "15/08/2026", "", "fr", "Client"],
    ["Mme", "ROPARS", "Gaëlle", "06 10 00 00 14", "29600", "Morlaix", "15/07/1950", "", "15/08/2026", "", "fr", "Client"],
    ["M.", "PRIGENT", "Ronan", "06 10 00 00 15", "35700", "Rennes", "1975-04-01", "oui", "2026-06-01", "", "fr", "Client"],
    ["Mme", "DUPONT", "Hélène", "06 10 00 00 16", "1000", "Bourg-en-Bresse", "03/03/1980", "oui", "01/01/2026", "", "fr", "Client"],
    ["M.", "LE ROUX", "Alan", "06 10 00 00 01", "29200", "Brest", "14/03/1978", "oui", "01/09/2026", "", "fr", "Client"],
    ["Mme", "QUÉRÉ", "Lena", "06 10 00 00 18", "22100", "Dinan", "21/11/1985", "oui", "24/10/2026", "", "fr", "Client"],
]
# A few dozen ordinary clients around the country.
CITIES = [("35000", "Rennes"), ("29200", "Brest"), ("69003", "Lyon"), ("13008", "Marseille"), ("56000", "Vannes"), ("22000", "Saint-Brieuc"), ("33000", "Bordeaux")]
for index in range(19, 61):
    postal, city = random.choice(CITIES)
    birth = f"{random.randint(1, 28):02d}/{random.randint(1, 12):02d}/{random.randint(1945, 2005)}"
    visit = f"{random.randint(1, 28):02d}/{random.randint(1, 11):02d}/2026"
    consent = random.choice(["Oui", "oui", "Non", "non", "OUI", ""])
    ROWS.append([random.choice(["M.", "Mme"]), f"CLIENT{index}", "Prénom", f"06 10 00 00 {index:02d}", postal, city, birth,
                 consent, visit, "", "fr", random.choice(["Client", "Prospect"])])

out = io.StringIO(newline="")
writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
writer.writerow(HEADER)
writer.writerows(ROWS)
open("Fixtures/targeting/clients.csv", "wb").write(out.getvalue().encode("cp1252"))
print(len(ROWS), "rows")
