"""Ukrainian villages from the KATOTTG codifier: romanization, the data file, their placement."""

from __future__ import annotations

from sitrep.resolve.geonames import (
    ESTIMATED_FEATURE_CODE,
    PlaceEntry,
    UkrainianPlaces,
    ua_settlement_entries,
    ua_settlements,
)
from sitrep.resolve.placenames import romanize_ukrainian, ukrainian_variants


def test_national_romanization():
    assert romanize_ukrainian("Водяне") == "Vodiane"
    assert romanize_ukrainian("Щастя") == "Shchastia"
    assert romanize_ukrainian("Ясинувата") == "Yasynuvata"  # я at the start is ya
    assert romanize_ukrainian("Мар'їнка") == "Marinka"  # apostrophe dropped, ї inside is i
    assert romanize_ukrainian("Згурівка") == "Zghurivka"  # зг is zgh, not zh


def test_press_variants():
    assert {"Vodiane", "Vodyane", "Vodyanoye"} <= set(ukrainian_variants("Водяне"))
    assert "Petrivskoye" in ukrainian_variants("Петрівське")
    assert "Starognativka" in ukrainian_variants("Старогнатівка")


def test_packaged_codifier_has_the_donbas_villages():
    rows = ua_settlements()
    names = {(r.oblast, r.name) for r in rows if r.category == "C"}
    assert ("14", "Старогнатівка") in names and ("44", "Оріхове") in names
    assert {r.category for r in rows} <= set("OPHMTCX") and "C" in {r.category for r in rows}


TSV = """\
# test
0100000000\tO\tДонецька
0102000000\tP\tПерший
0102001000\tH\tПерша
0102001001\tC\tАльфа
0102001002\tC\tБета
0102001003\tC\tГама
"""


def _place(gid: int, name: str, lat: float, lon: float) -> PlaceEntry:
    return PlaceEntry(gid, name, "UA", lat, lon, "P", "PPL", admin1_code="05", names=[name])


def test_a_missing_village_is_placed_at_its_hromadas_places_and_marked_estimated():
    places = UkrainianPlaces()
    places.add(_place(1, "Alfa", 48.0, 37.0), ["Альфа"])
    places.add(_place(2, "Beta", 48.1, 37.2), ["Бета"])
    oblast = PlaceEntry(9, "Donetska oblast", "UA", None, None, "A", "ADM1", admin1_code="05")
    entries = list(ua_settlement_entries(ua_settlements(TSV), places, [oblast]))
    assert [e.name for e in entries] == ["Hama"]  # Alfa and Beta are cities500's own
    (hama,) = entries
    assert hama.feature_code == ESTIMATED_FEATURE_CODE and hama.admin1_code == "05"
    assert abs(hama.lat - 48.05) < 1e-6 and abs(hama.lon - 37.1) < 1e-6
