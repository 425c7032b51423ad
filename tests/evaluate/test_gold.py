"""Readers of hand-coded data, on small files in each format written for these tests."""

import json
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.gold import detect_kind, read_gold

ACLED_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
                "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                "timestamp,iso3")


def write_acled(path: Path) -> Path:
    row = ('1,566,NIG1,1,4-May-20,2020,1,Violence against civilians,Attack,Unidentified Armed Group (Nigeria),,3,'
           'Civilians (Nigeria),,7,37,Western Africa,Nigeria,Borno,Konduga,,Konduga,11.65,13.42,1,Local,National,'
           '"On 4 May 2020, gunmen killed 3 farmers near Konduga (Borno). 3 fatalities.",3,1588800000,NGA')
    path.write_text(ACLED_HEADER + "\n" + row + "\n", encoding="utf-8")
    return path


def test_acled_rows_give_notes_and_coded_fields(tmp_path):
    path = write_acled(tmp_path / "acled.csv")
    assert detect_kind(path) == "acled"
    (item,) = read_gold(path, "acled")
    assert item.article.text.startswith("On 4 May 2020, gunmen killed")
    assert item.article.published == "2020-05-06"  # the record's timestamp, not the event date
    assert item.fields["date"] == "2020-05-04"
    assert item.fields["sub_event_type"] == "Attack" and item.fields["fatalities"] == 3


def test_ucdp_rows_use_headline_and_source_date(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text("id,source_headline,source_date,best,low,high,latitude,longitude,where_coordinates,"
                    "date_start,date_end,side_a,side_b\n"
                    "7,Four killed in shelling on Ariha,2017-03-02,4,4,6,35.81,36.61,Ariha town,2017-03-01,"
                    "2017-03-01,Government of Syria,Syrian insurgents\n", encoding="utf-8")
    assert detect_kind(path) == "ucdp"
    (item,) = read_gold(path, "ucdp")
    assert item.article.text == "Four killed in shelling on Ariha"
    assert item.article.published == "2017-03-02" and item.fields["best"] == 4


def test_plover_records_map_legacy_types(tmp_path):
    path = tmp_path / "plover.json"
    path.write_text(json.dumps([
        {"id": "D", "event": "DOCUMENT", "text": "docs"},
        {"id": "X1", "event": "DEMAND", "text": "The union demanded higher wages.", "date": "2000-01-01",
         "source": [{"actorText": "union", "code": "FRA", "sector": "LAB"}], "target": "government"},
    ]), encoding="utf-8")
    assert detect_kind(path) == "plover"
    (item,) = read_gold(path, "plover")
    assert item.fields["event_type"] == "REQUEST"
    assert item.fields["source_sectors"] == ["LAB"]


def test_muc4_stories_are_split_and_keyed(tmp_path):
    (tmp_path / "dev-muc3-0001-0002").write_text(
        "DEV-MUC3-0001 (NOSC)\n\n   SAN SALVADOR, 3 JAN 90 -- GUERRILLAS KIDNAPPED A MAYOR.\n\n"
        "DEV-MUC3-0002 (NOSC)\n\n   LIMA (PERU), 4 JAN 90 (EFE) -- THE PRESIDENT MET BANKERS.\n",
        encoding="latin-1")
    (tmp_path / "key-dev-0001.muc4").write_text(
        "0.  MESSAGE: ID                     DEV-MUC3-0001 (NCCOSC)\n"
        "1.  MESSAGE: TEMPLATE               1\n"
        "4.  INCIDENT: TYPE                  KIDNAPPING\n\n"
        "0.  MESSAGE: ID                     DEV-MUC3-0002 (NCCOSC)\n"
        "1.  MESSAGE: TEMPLATE               *\n"
        "4.  INCIDENT: TYPE                  *\n", encoding="latin-1")
    items = {i.article.id: i for i in read_gold(tmp_path, "muc4")}
    assert items["DEV-MUC3-0001"].fields == {"incident": True, "types": ["KIDNAPPING"],
                                              "templates": items["DEV-MUC3-0001"].fields["templates"]}
    assert items["DEV-MUC3-0001"].article.published == "1990-01-03"
    assert items["DEV-MUC3-0002"].fields["incident"] is False
    assert items["DEV-MUC3-0002"].article.published == "1990-01-04"  # source and country in brackets


def test_unknown_gold_data_is_a_clear_error(tmp_path):
    path = tmp_path / "mystery.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SitrepError) as info:
        detect_kind(path)
    assert info.value.code == "E501"


def test_muc4_test_sets_are_read_by_their_own_names(tmp_path):
    # MUC-4's TST sets: "tst1-muc3-0001-0100" stories, "key-tst1.muc4" keys, ids "TST1-MUC3-0001"
    (tmp_path / "tst1-muc3-0001-0001").write_text(
        "TST1-MUC3-0001 (NOSC)\n\n   QUITO, 5 FEB 90 -- A BOMB EXPLODED AT A BANK.\n", encoding="latin-1")
    (tmp_path / "key-tst1.muc4").write_text(
        "0.  MESSAGE: ID                     TST1-MUC3-0001\n"
        "1.  MESSAGE: TEMPLATE               1\n"
        "4.  INCIDENT: TYPE                  BOMBING\n", encoding="latin-1")
    (item,) = read_gold(tmp_path, "muc4")
    assert item.article.id == "TST1-MUC3-0001"
    assert item.fields["types"] == ["BOMBING"]
    assert detect_kind(tmp_path / "key-tst1.muc4") == "muc4"
