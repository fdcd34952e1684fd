"""Malformed rows are refused with file and line; user files add to or replace packaged rows."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.errors import DataFileError
from khabar.kb import load_kb

CITY_HEADER = "qid\tname_en\tcountry\tnames_ar\tpopulation\tis_capital\n"
LEADER_HEADER = "qid\tname_en\tnames_ar\tcountry\torg\trole\ttitle_ar\tstart\tend\n"


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "line", "reason"), [
    (CITY_HEADER + "\tTestville\tKWT\tتستفيل\t100\t0\n\tBroken\tKWT\tبروكن\n", 3, "columns"),
    (CITY_HEADER + "# comment\n\n\tTestville\tXYZ\tتستفيل\t100\t0\n", 4, "XYZ"),
    (CITY_HEADER + "\tTestville\tKWT\tTestville\t100\t0\n", 2, "no Arabic letter"),
    (CITY_HEADER + "\tTestville\tKWT\tتستفيل||تست\t100\t0\n", 2, "empty name"),
    (CITY_HEADER + "\tTestville\tKWT\tتستفيل\tmany\t0\n", 2, "whole number"),
    (CITY_HEADER + "\tTestville\tKWT\tتستفيل\t100\t2\n", 2, "0 or 1"),
    (CITY_HEADER + "Q12x\tTestville\tKWT\tتستفيل\t100\t0\n", 2, "Wikidata id"),
    (CITY_HEADER + "\tTestville\tKWT\tتستفيل\t1\t0\n\tTestville\tKWT\tتستفيل\t2\t0\n", 3, "already used"),
    (LEADER_HEADER + "\tA Person\tشخص ما\tKWT\t\tking\t\t2020-01-01\t\n", 2, "role"),
    (LEADER_HEADER + "\tA Person\tشخص ما\tKWT\t\tother\t\t2020-13-01\t\n", 2, "date"),
    (LEADER_HEADER + "\tA Person\tشخص ما\tKWT\t\tother\t\t2020-01-02\t2020-01-01\n", 2, "before start"),
    (LEADER_HEADER + "\tA Person\tشخص ما\t\tNOPE\tother\t\t\t\n", 2, "NOPE"),
    ("name\tcolour\nx\ty\n", 1, "header"),
    (CITY_HEADER + "Q30\tNot a state\tUSA\tمدينة\t1\t0\n", 2, "already a state"),
    ("iso3\tname_en\tnames_ar\nXYA\tA\tدولة أ\nXYA\tB\tدولة ب\n", 3, "iso3 XYA already used"),
])
def test_malformed_user_file(tmp_path, body, line, reason):
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(DataFileError) as caught:
        load_kb([path])
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_user_file_adds_a_city(tmp_path):
    path = _write(tmp_path, "mine.tsv", CITY_HEADER + "\tTestville\tKWT\tتستفيل|مدينة تستفيل\t1000\t0\n")
    assert load_kb().place("تستفيل") is None
    kb = load_kb([path])
    place = kb.place("وتستفيل")
    assert place is not None and place.name_en == "Testville" and place.id == "khabar:city:testville-kwt"
    assert kb.place("الكويت").name_en == "Kuwait City"  # packaged data still there


def test_single_path_is_not_split_into_characters(tmp_path):
    path = _write(tmp_path, "one.tsv", CITY_HEADER + "\tOnetown\tQAT\tونتاون\t10\t0\n")
    assert load_kb(str(path)).place("ونتاون").name_en == "Onetown"


def test_user_directory_and_columns_in_any_order(tmp_path):
    _write(tmp_path, "a.tsv", "names_ar\tname_en\tcountry\nبلدة الاختبار\tTest Town\tOMN\n")
    _write(tmp_path, "b.tsv", "name_en\tnames_ar\tkind\tcode\nTest Org\tمنظمة الاختبار\tngo\tTESTORG\n")
    kb = load_kb([tmp_path])
    assert kb.place("بلدة الاختبار").country == "OMN"
    assert kb.lookup("منظمة الاختبار")[0].code == "TESTORG"


def test_user_row_with_same_id_replaces_packaged_row(tmp_path):
    path = _write(tmp_path, "dc.tsv", CITY_HEADER + "Q61\tWashington, D.C.\tUSA\tواشنطن|العاصمة الفيدرالية\t700000\t1\n")
    kb = load_kb([path])
    assert kb.lookup("العاصمة الفيدرالية")[0].id == "Q61"
    assert kb.state("USA").capital == "Q61"


def test_user_leader_row(tmp_path):
    path = _write(tmp_path, "people.tsv",
                  LEADER_HEADER + "\tTest Minister\tوزير الاختبار\tKWT\t\tforeign_minister\tوزير الخارجية\t2030-01-01\t\n")
    kb = load_kb([path])
    assert "Test Minister" in {e.name_en for e in kb.holders("KWT", "foreign_minister", dt.date(2030, 6, 1))}
    assert "Test Minister" not in {e.name_en for e in kb.holders("KWT", "foreign_minister", dt.date(2029, 6, 1))}


def test_missing_user_file(tmp_path):
    with pytest.raises(DataFileError):
        load_kb([tmp_path / "absent.tsv"])
