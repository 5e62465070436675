#!/usr/bin/env python3
"""A messages.csv as texto-render writes it for a 1-SMS campaign: COUNT
rows, random distinct mobile numbers, names, postal codes and towns.
Deterministic. Used by Benchmarks/emit.sh and Benchmarks/ingest.sh.

    python3 Benchmarks/generate_messages.py OUT.csv COUNT
"""
import random, sys
path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261129)
first = ["Yann", "Anne", "Zoé", "Hélène", "Louis", "Mael", "Chloé", "Jean-Pierre", "Inès", "Noah"]
last = ["LE GALL", "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY", "MOREAU"]
cities = [("29200", "Brest"), ("22000", "Saint-Brieuc"), ("35000", "Rennes"), ("56100", "Lorient"), ("29000", "Quimper")]
numbers = rng.sample(range(10_000_000, 20_000_000), count)
with open(path, "w", encoding="utf-8", newline="") as out:
    out.write("_source,_row,_phone,_phone_raw,_text,_encoding,_length,_segments,CIVILITE,NOM,PRENOM,CODE_POSTAL,VILLE\n")
    for index, number in enumerate(numbers):
        name, family = rng.choice(first), rng.choice(last)
        postal, city = rng.choice(cities)
        text = f"Bonjour {name}, -20 % sur votre prochaine visite à {city} ! L'équipe Ker Kafé\nSTOP au 36035"
        out.write(f'contacts.xlsx#Feuil1,{index + 2},+336{number},06 {number},"{text}",GSM7,{len(text)},1,M.,{family},{name},{postal},{city}\n')
