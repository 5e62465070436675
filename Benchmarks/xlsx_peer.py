#!/usr/bin/env python3
"""The peer of xlsx-write-benchmark: the same ROWS rows written with
XlsxWriter in constant_memory mode (rows streamed to a temporary file, as
our writer streams them), the same header, widths, frozen pane and
autofilter. Dates are written as serials with the date format
(`write_number`), XlsxWriter's fastest path for them.

    python3 Benchmarks/xlsx_peer.py OUT.xlsx [ROWS]
"""
import sys, time
import xlsxwriter

path, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
MASK = (1 << 64) - 1


class Generator:
    """SplitMix64, as in Benchmarks/XLSXWrite/main.swift."""
    def __init__(self):
        self.state = 20261130

    def next(self, bound):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return (z ^ (z >> 31)) % bound


first = ["Yann", "Anne", "Zoé", "Hélène", "Louis", "Mael", "Chloé", "Jean-Pierre", "Inès", "Noah"]
last = ["LE GALL", "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY", "MOREAU"]
files = ["clients-brest.xlsx", "clients-rennes.xlsx", "prospects 2026.csv"]
errors = ["", "E001 absent subscriber", "E027 unknown number", "E069 rejected by operator", "E255 network failure"]
start = 1_795_881_600

began = time.monotonic()
book = xlsxwriter.Workbook(path, {"constant_memory": True})
sheet = book.add_worksheet("Messages")
bold = book.add_format({"bold": True})
date = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
for column, width in enumerate([14, 24, 20, 8, 19, 10, 19, 28]):
    sheet.set_column(column, column, width)
sheet.freeze_panes(1, 0)
sheet.write_row(0, 0, ["Téléphone", "Nom", "Fichier", "Ligne", "Envoi", "Statut", "Accusé", "Erreur"], bold)
random = Generator()
for row in range(rows):
    phone = "06" + str(10_000_000 + random.next(90_000_000))
    name = first[random.next(10)] + " " + last[random.next(10)]
    sent = start + row // 50
    draw = random.next(100)
    status = "delivered" if draw < 85 else "failed" if draw < 95 else "expired" if draw < 98 else "pending"
    line = row + 1
    sheet.write_string(line, 0, phone)
    sheet.write_string(line, 1, name)
    sheet.write_string(line, 2, files[row % 3])
    sheet.write_number(line, 3, row + 2)
    sheet.write_number(line, 4, sent / 86400 + 25569, date)
    sheet.write_string(line, 5, status)
    if status != "pending":
        sheet.write_number(line, 6, (sent + 3 + random.next(60)) / 86400 + 25569, date)
    if status == "failed":
        sheet.write_string(line, 7, errors[1 + random.next(4)])
sheet.autofilter(0, 0, rows, 7)
book.close()
print(f"wrote {rows} rows in {time.monotonic() - began:.3f} s")
