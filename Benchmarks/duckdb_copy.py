#!/usr/bin/env python3
"""The peer the CSV import is measured against (issue 8): DuckDB reading a
CSV export and writing it back as CSV, every column as text, on all cores.

    Benchmarks/duckdb_copy.py INPUT.csv OUTPUT.csv [--delim ,]

It does no phone work, no deduplication and no rejects: it is the plainest
copy the fastest engine a user could pick makes of the same file. DuckDB
reads UTF-8 only, so a Windows-1252 export is compared through its UTF-8
twin (generate.py writes contacts-<N>-utf8.csv).

Prints one line, `copy SECONDS`: the time of the COPY statement alone
(DuckDB loaded, the connection open), so that Python's start-up does not
count against DuckDB.
"""

import argparse
import time

import duckdb


def main():
    p = argparse.ArgumentParser(description="DuckDB CSV-to-CSV copy, every column as text.")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--delim", default=",")
    a = p.parse_args()

    con = duckdb.connect()  # in memory; threads default to the number of cores
    # Literals, not parameters: COPY takes no prepared parameters.
    def lit(s):
        return "'" + s.replace("'", "''") + "'"

    sql = (f"COPY (SELECT * FROM read_csv({lit(a.input)}, all_varchar = true, header = true, "
           f"delim = {lit(a.delim)}, quote = '\"', escape = '\"')) "
           f"TO {lit(a.output)} (HEADER, DELIMITER ',')")
    start = time.perf_counter()
    con.execute(sql)
    print(f"copy {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
