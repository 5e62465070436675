#!/usr/bin/env python3
"""Benchmark data: a French contact export of N rows x 15 columns, as
contacts-<N>.xlsx (written the way Excel writes a workbook) and
contacts-<N>.csv (the same rows as French Excel saves "CSV (séparateur :
point-virgule)": Windows-1252, ';', CRLF, dd/mm/yyyy dates, decimal comma),
and contacts-<N>-utf8.csv, its twin in UTF-8 with ',' (fields holding a ','
quoted, as RFC 4180 says; CRLF), for engines that read only UTF-8 (DuckDB).

    Benchmarks/generate.py --rows 1000000 --out Benchmarks/data/

XLSX, as Excel writes it: parts in Excel's order (the sheet before
sharedStrings.xml, so a reader that streams the ZIP front to back meets the
sheet before the strings it needs), every text cell t="s" into
sharedStrings.xml (with count and uniqueCount), cells with r, s only where the
cell is styled (as Excel: default-style cells carry no s), rows
`<row r="N" spans="1:15">`, empty cells left out, dates and times as serial
numbers with a date/time cellXf, numbers with 17 significant digits at most.
Deflate level 6. Deterministic for a given --rows and --seed.

Columns and values:
  CIVILITE, NOM, PRENOM      from lists (NOM ~ French surname frequencies)
  TELEPHONE                  mobile in mixed forms: "06 12 34 56 78",
                             "0612345678", "+33 6 12 34 56 78",
                             "06.12.34.56.78", numeric 612345678 (lost zero),
                             landlines, overseas, empty, invalid, ~1% reused
  TELEPHONE2                 mostly empty, else a landline or mobile
  EMAIL                      unique
  DATE_NAISSANCE             date serial, some empty
  ADRESSE, CODE_POSTAL, VILLE  text (postal codes as text: 01000 keeps its 0)
  AUTORISE_SMS               OUI / NON
  DERNIERE_VISITE            date-time serial (minutes)
  FIN_ABONNEMENT             date serial, some empty
  SOLDE                      decimal, format 0.00
  NB_VISITES                 integer
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
import zipfile
from xml.sax.saxutils import escape

FIXED = (2026, 1, 1, 0, 0, 0)
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

HEADER = ["CIVILITE", "NOM", "PRENOM", "TELEPHONE", "TELEPHONE2", "EMAIL",
          "DATE_NAISSANCE", "ADRESSE", "CODE_POSTAL", "VILLE", "AUTORISE_SMS",
          "DERNIERE_VISITE", "FIN_ABONNEMENT", "SOLDE", "NB_VISITES"]
COLS = "ABCDEFGHIJKLMNO"

NOMS = """MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT
SIMON MICHEL LEFEBVRE LEROY ROUX DAVID BERTRAND MOREL FOURNIER GIRARD BONNET
DUPONT LAMBERT FONTAINE ROUSSEAU VINCENT MULLER LEFÈVRE FAURE ANDRÉ MERCIER
BLANC GUÉRIN BOYER GARNIER CHEVALIER FRANÇOIS LEGRAND GAUTHIER GARCIA PERRIN
ROBIN CLÉMENT MORIN NICOLAS HENRY ROUSSEL MATHIEU GAUTIER MASSON MARCHAND
DUVAL DENIS DUMONT MARIE LEMAIRE NOËL MEYER DUFOUR MEUNIER BRUN BLANCHARD
GIRAUD JOLY RIVIÈRE LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GÉRARD
ROCHE RENARD SCHMITT ROY LEROUX COLIN VIDAL CARON PICARD ROGER FABRE AUBERT
LEMOINE RENAUD DUMAS LACROIX OLIVIER PHILIPPE BOURGEOIS PIERRE BENOÎT REY
LECLERC PAYET ROLLAND LECLERCQ GUILLAUME LECOMTE LOPEZ JEAN DUPUY GUILLOT
HUBERT BERGER CARPENTIER SANCHEZ DUPUIS MOULIN LOUIS DESCHAMPS HUET VASSEUR
PEREZ BOUCHER FLEURY ROYER KLEIN JACQUET ADAM PARIS POIRIER MARTY AUBRY
GUYOT CARRÉ CHARLES RENAULT CHARPENTIER MÉNARD MAILLARD BARON BERTIN BAILLY
HERVÉ SCHNEIDER FERNANDEZ LE GALL COLLET LÉGER BOUVIER JULIEN PRÉVOST MILLET
PERROT DANIEL LE ROUX COUSIN GERMAIN BRETON BESSON LANGLOIS RÉMY LE GOFF
PELLETIER LÉVÊQUE PERRIER LEBLANC BARRÉ LEBRUN MARCHAL WEBER MALLET HAMON
BOULANGER JACOB MONNIER MICHAUD RODRIGUEZ GUICHARD GILLET ÉTIENNE GRONDIN
POULAIN TESSIER CHEVALLIER COLLIN CHAUVIN DA SILVA BOUCHET GAY LEMAÎTRE
BÉNARD MARÉCHAL HUMBERT REYNAUD ANTOINE HOARAU PERRET BARTHÉLEMY CORDIER
PICHON LEJEUNE GILBERT LAMY DELAUNAY PASQUIER CARLIER LAPORTE NGUYEN CŒUR
D’ALMEIDA O’NEILL DE OLIVEIRA""".split()

PRENOMS_F = """Marie Nathalie Isabelle Sylvie Catherine Françoise Valérie Christine
Sandrine Monique Véronique Sophie Céline Nicole Chantal Stéphanie Patricia
Julie Aurélie Camille Émilie Laura Léa Manon Chloé Inès Zoé Maëlle Gaëlle
Hélène Élise Noémie Anaïs Océane Clémence Agnès Thérèse Bénédicte Josée
Marie-Claire Anne-Sophie Léna Jade Louise Alice Ambre Lucie Mathilde""".split()

PRENOMS_H = """Jean Michel Philippe Alain Patrick Nicolas Christophe Pierre
Christian Éric Frédéric Laurent Stéphane David Pascal Daniel Sébastien
Julien Thierry Olivier Bernard Thomas Alexandre Gérard Didier Dominique
Vincent François Bruno Guillaume Jérôme Hugo Lucas Louis Gabriel Raphaël
Noël Loïc Benoît Jérémy Maël Théo Clément Mathéo Jean-François Jean-Pierre
Jean-Luc Anthony Kévin Rémi""".split()

VOIES = ["rue", "rue", "rue", "avenue", "boulevard", "place", "allée",
         "chemin", "impasse", "route", "quai", "cours"]
NOMS_VOIES = """de la Paix|Victor Hugo|Jean Jaurès|des Lilas|de la Gare|du Moulin|
de l’Église|Pasteur|du Général de Gaulle|de la République|des Écoles|Gambetta|
Jules Ferry|du Château|des Acacias|de Verdun|Voltaire|Émile Zola|des Tilleuls|
de la Mairie|du Stade|Carnot|de Paris|Nationale|de la Fontaine|des Roses|
du Port|Saint-Michel|Sainte-Anne|des Prés|de la Libération|du 8 Mai 1945|
du 11 Novembre|Louis Pasteur|Anatole France|de Bretagne|Mozart|des Peupliers|
du Commerce|de la Forêt|Aristide Briand|de Lattre de Tassigny|Molière|
des Vignes|de Provence|des Pêcheurs|Bel-Air|de l’Océan|du Bœuf|d’Alsace""".replace("\n", "").split("|")

VILLES = """75001 Paris|75011 Paris|75015 Paris|75018 Paris|13001 Marseille|
13008 Marseille|69001 Lyon|69003 Lyon|31000 Toulouse|06000 Nice|44000 Nantes|
67000 Strasbourg|34000 Montpellier|33000 Bordeaux|59000 Lille|35000 Rennes|
51100 Reims|83000 Toulon|42000 Saint-Étienne|76600 Le Havre|38000 Grenoble|
21000 Dijon|49000 Angers|30000 Nîmes|63000 Clermont-Ferrand|72000 Le Mans|
13100 Aix-en-Provence|29200 Brest|37000 Tours|80000 Amiens|87000 Limoges|
74000 Annecy|66000 Perpignan|92100 Boulogne-Billancourt|57000 Metz|
25000 Besançon|45000 Orléans|93200 Saint-Denis|68100 Mulhouse|14000 Caen|
54000 Nancy|95000 Cergy|01000 Bourg-en-Bresse|02100 Saint-Quentin|
03100 Montluçon|05000 Gap|97400 Saint-Denis|97410 Saint-Pierre|
97200 Fort-de-France|97110 Pointe-à-Pitre|97300 Cayenne|20000 Ajaccio|
64100 Bayonne|17000 La Rochelle|86000 Poitiers|56100 Lorient|22000 Saint-Brieuc|
85000 La Roche-sur-Yon|50100 Cherbourg-en-Cotentin|19100 Brive-la-Gaillarde""".replace("\n", "").split("|")
VILLES = [tuple(v.split(" ", 1)) for v in VILLES]

DOMAINES = ["gmail.com"] * 6 + ["orange.fr"] * 3 + ["hotmail.fr", "yahoo.fr",
            "free.fr", "sfr.fr", "laposte.net", "outlook.fr", "wanadoo.fr"]

ASCII = str.maketrans({**dict(zip("àâäçéèêëîïôöùûüÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ",
                                  "aaaceeeeiioouuuyAAACEEEEIIOOUUU")),
                       "œ": "oe", "æ": "ae", "Œ": "OE", "Æ": "AE", "’": "", "'": "",
                       " ": "-"})

BASE = dt.date(1899, 12, 30)


def serial(d):
    return (d - BASE).days


def label(rows):
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows % 1000 == 0:
        return f"{rows // 1000}k"
    return str(rows)


def email_part(s):
    return s.translate(ASCII).lower()


class Strings:
    """sharedStrings.xml: index per distinct string, in order of first use."""

    def __init__(self):
        self.index = {}
        self.count = 0

    def ref(self, s):
        self.count += 1
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.index)
        return i


def csv_field(s, sep=";"):
    if sep in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def generate(rows, out_dir, seed=20261122):
    rnd = random.Random(seed)
    name = label(rows)
    xlsx_path = os.path.join(out_dir, f"contacts-{name}.xlsx")
    csv_path = os.path.join(out_dir, f"contacts-{name}.csv")
    utf8_path = os.path.join(out_dir, f"contacts-{name}-utf8.csv")
    sst = Strings()

    # date text caches (CSV) for the serial ranges we draw from
    def dmy(s):
        d = BASE + dt.timedelta(days=s)
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"

    birth_lo, birth_hi = serial(dt.date(1938, 1, 1)), serial(dt.date(2008, 12, 31))
    visit_lo, visit_hi = serial(dt.date(2023, 1, 2)), serial(dt.date(2026, 11, 21))
    end_lo, end_hi = serial(dt.date(2025, 1, 1)), serial(dt.date(2028, 12, 31))
    dmy_cache = {s: dmy(s) for s in range(birth_lo, end_hi + 1)}
    # visit times: 08:00 to 19:55 every 5 minutes
    minutes = list(range(8 * 60, 20 * 60, 5))
    frac = {m: m / 1440 for m in minutes}
    hhmm = {m: f"{m // 60:02d}:{m % 60:02d}" for m in minutes}

    emails_seen = {}
    phones_made = []

    noms = NOMS
    noms_w = [max(1, 200 - i) for i in range(len(noms))]  # frequent names first
    cum_noms = list(__import__("itertools").accumulate(noms_w))

    def mobile_digits():
        if rnd.random() < 0.8:
            return "6" + f"{rnd.randrange(10**8):08d}"
        return "7" + str(rnd.randrange(3, 10)) + f"{rnd.randrange(10**7):07d}"

    def fmt_phone(nsn, form):
        """nsn: 9 digits without the trunk 0. Returns (text or None, number or None)."""
        d = "0" + nsn
        if form < 0.38:
            return f"{d[0:2]} {d[2:4]} {d[4:6]} {d[6:8]} {d[8:10]}", None
        if form < 0.58:
            return d, None
        if form < 0.68:
            return f"+33 {nsn[0]} {nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:9]}", None
        if form < 0.76:
            return f"{d[0:2]}.{d[2:4]}.{d[4:6]}.{d[6:8]}.{d[8:10]}", None
        if form < 0.80:
            return "+33" + nsn, None
        if form < 0.82:
            return f"{d[0:2]}-{d[2:4]}-{d[4:6]}-{d[6:8]}-{d[8:10]}", None
        return None, int(nsn)  # numeric cell: Excel dropped the leading 0

    def phone1():
        r = rnd.random()
        if r < 0.03:
            return None, None
        if r < 0.05:
            return "06 " + f"{rnd.randrange(10**6):06d}"[:2] + " 00 0" + "O", None  # invalid
        if r < 0.10:
            nsn = str(rnd.randrange(1, 6)) + f"{rnd.randrange(10**8):08d}"  # landline
            return fmt_phone(nsn, rnd.random() * 0.6)
        if r < 0.11:
            return f"0692 {rnd.randrange(100):02d} {rnd.randrange(100):02d} {rnd.randrange(100):02d}", None
        if r < 0.12 and phones_made:
            nsn = phones_made[rnd.randrange(len(phones_made))]  # a duplicate
        else:
            nsn = mobile_digits()
            if len(phones_made) < 50000:
                phones_made.append(nsn)
        return fmt_phone(nsn, rnd.random())

    def phone2():
        r = rnd.random()
        if r < 0.72:
            return None, None
        if r < 0.88:
            nsn = str(rnd.randrange(1, 6)) + f"{rnd.randrange(10**8):08d}"
        else:
            nsn = mobile_digits()
        return fmt_phone(nsn, rnd.random() * 0.8)

    t0 = time.time()
    os.makedirs(out_dir, exist_ok=True)
    tmp_xlsx = xlsx_path + ".tmp"
    tmp_csv = csv_path + ".tmp"
    tmp_utf8 = utf8_path + ".tmp"
    zf = zipfile.ZipFile(tmp_xlsx, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)

    def zinfo(n):
        zi = zipfile.ZipInfo(n, date_time=FIXED)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        zi.create_system = 0
        return zi

    def put(n, text):
        zf.writestr(zinfo(n), text.encode("utf-8"), compresslevel=6)

    last = len(HEADER)
    put("[Content_Types].xml", XML_DECL + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        '</Types>'))
    put("_rels/.rels", XML_DECL + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>'))
    put("xl/workbook.xml", XML_DECL + (
        f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><fileVersion appName="xl" lastEdited="7" '
        'lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>'
        '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" '
        'windowHeight="15840"/></bookViews><sheets><sheet name="Contacts" sheetId="1" '
        'r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>'))
    put("xl/_rels/workbook.xml.rels", XML_DECL + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>'))

    # the sheet, streamed; the CSV alongside
    sheet = zf.open(zinfo("xl/worksheets/sheet1.xml"), "w", force_zip64=True)
    csvf = open(tmp_csv, "wb")
    utf8f = open(tmp_utf8, "wb")
    head = XML_DECL + (
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x14ac xr xr2 xr3" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
        'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
        'xr:uid="{00000000-0001-0000-0000-000000000000}">'
        f'<dimension ref="A1:{COLS[last - 1]}{rows + 1}"/><sheetViews><sheetView '
        'tabSelected="1" workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>')
    hdr = "".join(f'<c r="{COLS[i]}1" t="s"><v>{sst.ref(h)}</v></c>' for i, h in enumerate(HEADER))
    sheet.write((head + f'<row r="1" spans="1:{last}">{hdr}</row>').encode("utf-8"))
    csvf.write((";".join(HEADER) + "\r\n").encode("cp1252"))
    utf8f.write((",".join(HEADER) + "\r\n").encode("utf-8"))

    ref = sst.ref
    xml_rows = []
    csv_rows = []
    utf8_rows = []
    for n in range(2, rows + 2):
        femme = rnd.random() < 0.52
        prenom = rnd.choice(PRENOMS_F if femme else PRENOMS_H)
        civ = "Mme" if femme else "M."
        nom = rnd.choices(noms, cum_weights=cum_noms)[0]
        t1, n1 = phone1()
        t2, n2 = phone2()
        dom = rnd.choice(DOMAINES)
        key = (prenom, nom, dom)
        k = emails_seen.get(key, 0)
        emails_seen[key] = k + 1
        email = f"{email_part(prenom)}.{email_part(nom)}{k if k else ''}@{dom}"
        birth = rnd.randrange(birth_lo, birth_hi) if rnd.random() < 0.93 else None
        adresse = f"{rnd.randrange(1, 160)} {rnd.choice(VOIES)} {rnd.choice(NOMS_VOIES)}"
        cp, ville = rnd.choice(VILLES)
        sms = "OUI" if rnd.random() < 0.9 else "NON"
        vday = rnd.randrange(visit_lo, visit_hi)
        vmin = rnd.choice(minutes)
        visit = vday + frac[vmin]
        fin = rnd.randrange(end_lo, end_hi) if rnd.random() < 0.9 else None
        solde = 0.0 if rnd.random() < 0.3 else round(rnd.uniform(-150, 2500), 2)
        visites = int(rnd.expovariate(0.08))

        c = [f'<row r="{n}" spans="1:{last}">',
             f'<c r="A{n}" t="s"><v>{ref(civ)}</v></c>',
             f'<c r="B{n}" t="s"><v>{ref(nom)}</v></c>',
             f'<c r="C{n}" t="s"><v>{ref(prenom)}</v></c>']
        if t1 is not None:
            c.append(f'<c r="D{n}" t="s"><v>{ref(t1)}</v></c>')
        elif n1 is not None:
            c.append(f'<c r="D{n}"><v>{n1}</v></c>')
        if t2 is not None:
            c.append(f'<c r="E{n}" t="s"><v>{ref(t2)}</v></c>')
        elif n2 is not None:
            c.append(f'<c r="E{n}"><v>{n2}</v></c>')
        c.append(f'<c r="F{n}" t="s"><v>{ref(email)}</v></c>')
        if birth is not None:
            c.append(f'<c r="G{n}" s="1"><v>{birth}</v></c>')
        c.append(f'<c r="H{n}" t="s"><v>{ref(adresse)}</v></c>'
                 f'<c r="I{n}" t="s"><v>{ref(cp)}</v></c>'
                 f'<c r="J{n}" t="s"><v>{ref(ville)}</v></c>'
                 f'<c r="K{n}" t="s"><v>{ref(sms)}</v></c>'
                 f'<c r="L{n}" s="2"><v>{visit!r}</v></c>')
        if fin is not None:
            c.append(f'<c r="M{n}" s="1"><v>{fin}</v></c>')
        c.append(f'<c r="N{n}" s="3"><v>{solde!r}</v></c>' if solde else f'<c r="N{n}" s="3"><v>0</v></c>')
        c.append(f'<c r="O{n}"><v>{visites}</v></c></row>')
        xml_rows.append("".join(c))

        fields = (
            civ, nom, prenom,
            t1 if t1 is not None else (str(n1) if n1 is not None else ""),
            t2 if t2 is not None else (str(n2) if n2 is not None else ""),
            email, dmy_cache[birth] if birth is not None else "",
            adresse, cp, ville, sms,
            f"{dmy_cache[vday]} {hhmm[vmin]}",
            dmy_cache[fin] if fin is not None else "",
            f"{solde:.2f}".replace(".", ","), str(visites))
        # Only the address may hold a ';'; with ',' the decimal comma of
        # SOLDE is quoted too.
        csv_rows.append(";".join(fields[:7] + (csv_field(adresse),) + fields[8:]) + "\r\n")
        utf8_rows.append(",".join(csv_field(f, ",") for f in fields) + "\r\n")

        if len(xml_rows) == 20000:
            sheet.write("".join(xml_rows).encode("utf-8"))
            csvf.write("".join(csv_rows).encode("cp1252"))
            utf8f.write("".join(utf8_rows).encode("utf-8"))
            xml_rows.clear()
            csv_rows.clear()
            utf8_rows.clear()
            if sys.stderr.isatty():
                print(f"\r{n - 1:,} rows", end="", file=sys.stderr)
    tail = "".join(xml_rows) + ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" '
                                'bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    sheet.write(tail.encode("utf-8"))
    sheet.close()
    csvf.write("".join(csv_rows).encode("cp1252"))
    csvf.close()
    utf8f.write("".join(utf8_rows).encode("utf-8"))
    utf8f.close()
    if sys.stderr.isatty():
        print("\r", end="", file=sys.stderr)
    sheet_size = zf.getinfo("xl/worksheets/sheet1.xml").file_size

    put("xl/styles.xml", XML_DECL + (
        f'<styleSheet xmlns="{NS_MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/>'
        '<family val="2"/><scheme val="minor"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        '</cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
        'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'))

    s = zf.open(zinfo("xl/sharedStrings.xml"), "w", force_zip64=True)
    s.write((XML_DECL + f'<sst xmlns="{NS_MAIN}" count="{sst.count}" '
             f'uniqueCount="{len(sst.index)}">').encode("utf-8"))
    buf = []
    for text in sst.index:  # dicts keep insertion order = index order
        if "&" in text or "<" in text or ">" in text:
            text = escape(text)
        buf.append(f"<si><t>{text}</t></si>")
        if len(buf) == 50000:
            s.write("".join(buf).encode("utf-8"))
            buf.clear()
    s.write(("".join(buf) + "</sst>").encode("utf-8"))
    s.close()

    put("docProps/core.xml", XML_DECL + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:creator>Texto benchmark</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">'
        '2026-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
        '2026-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'))
    put("docProps/app.xml", XML_DECL + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity></Properties>'))
    zf.close()
    os.replace(tmp_xlsx, xlsx_path)
    os.replace(tmp_csv, csv_path)
    os.replace(tmp_utf8, utf8_path)

    secs = time.time() - t0
    mb = 1 << 20
    print(f"{xlsx_path}: {os.path.getsize(xlsx_path) / mb:.1f} MiB "
          f"(sheet1.xml {sheet_size / mb:.1f} MiB uncompressed, "
          f"{len(sst.index):,} unique of {sst.count:,} shared strings)")
    print(f"{csv_path}: {os.path.getsize(csv_path) / mb:.1f} MiB")
    print(f"{utf8_path}: {os.path.getsize(utf8_path) / mb:.1f} MiB")
    print(f"{rows:,} rows x {len(HEADER)} columns in {secs:.1f} s")


def main():
    p = argparse.ArgumentParser(description="Generate benchmark contact files.")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    p.add_argument("--seed", type=int, default=20261122)
    a = p.parse_args()
    generate(a.rows, a.out, a.seed)


if __name__ == "__main__":
    main()
