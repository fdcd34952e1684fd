"""Continuation parts ("إضافة أولى") take their lead's dateline and agency in the store, whatever the
batches: one input ingested with batch sizes 1, 7 and 64 gives the same store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.store.db import open_store
from tests.store.corpus import generated_text, ingest_all

# Wire dispatches in the Saudi agency's layout: desk tag, headline, then the dateline line; parts
# repeat the headline with a part marker and have no dateline. Glosses: a governor opens a book fair;
# a ministry announces a vaccination campaign; a council approves a budget.
LEADS = {
    "fair": ("عام / أمير المنطقة يفتتح المعرض السنوي للكتاب",
             " أبها 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n"
             " افتتح أمير المنطقة اليوم المعرض السنوي للكتاب بحضور عدد من المسؤولين والناشرين.\n"),
    "vaccine": ("عام / الوزارة تعلن بدء حملة التطعيم في المدارس",
                " جدة 3 ذو القعدة 1436 هـ الموافق 18 اغسطس 2015 م واس\n"
                " أعلنت وزارة الصحة اليوم بدء حملة التطعيم الموسمية في مدارس المنطقة الغربية.\n"),
    "budget": ("اقتصادي / المجلس يقر الميزانية الجديدة للبلديات",
               " الرياض 10 ذو القعدة 1436 هـ الموافق 25 اغسطس 2015 م واس\n"
               " أقر المجلس البلدي اليوم الميزانية الجديدة للبلديات بزيادة في بند المشاريع.\n"),
}
PART_BODY = (" وأوضح المسؤول أن العمل يستمر عشرة أيام بمشاركة عدد من الجهات الحكومية والأهلية، "
             "وأن التقرير النهائي يرفع بعد انتهاء المرحلة رقم {n}.\n")
MARKERS = ("إضافة أولى", "إضافة ثانية", "إضافة ثالثة واخيرة")


def _lead(topic: str, n: int) -> str:
    headline, rest = LEADS[topic]
    return f"{headline}\n\n{rest} ويأتي ذلك ضمن البرنامج رقم {n}.\n"


def _part(topic: str, n: int) -> str:
    return f"{LEADS[topic][0]} / {MARKERS[n % len(MARKERS)]}\n\n{PART_BODY.format(n=n)}"


# position → page: parts before and after their lead, near and farther than a batch or a window of 64.
LAYOUT = {0: ("fair", "lead"), 1: ("fair", "part"), 9: ("fair", "part"), 70: ("fair", "part"),
          2: ("vaccine", "part"), 10: ("vaccine", "part"), 75: ("vaccine", "lead"),
          5: ("budget", "lead"), 20: ("budget", "part"), 30: ("budget", "lead"), 40: ("budget", "part")}
PAGES = 80


def write_input(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(PAGES):
            topic, kind = LAYOUT.get(i, (None, None))
            text = generated_text(i) if topic is None else (_lead(topic, i) if kind == "lead" else _part(topic, i))
            handle.write(json.dumps({"id": f"p{i}", "date": "2015-09-01", "text": text}, ensure_ascii=False) + "\n")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = open_store(db)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'article_keys%'")]
        return {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("dispatch-batches")
    source = write_input(folder / "wire.jsonl")
    found = {}
    for size in (1, 7, 64):
        found[size] = folder / f"b{size}.db"
        ingest_all([source], found[size], batch_pages=size)
    return found


def test_store_is_the_same_for_every_batch_size(stores):
    one = dump(stores[1])
    assert one["dispatches"] and one["articles"]
    for size in (7, 64):
        assert dump(stores[size]) == one


def _linked(db: Path) -> dict[str, tuple]:
    conn = open_store(db)
    try:
        rows = conn.execute("SELECT page_id, agency, date, place, json_extract(doc_json(doc), '$.continues'), "
                            "json_extract(doc_json(doc), '$.dateline.inherited_from') FROM articles").fetchall()
        return {row[0]: row[1:] for row in rows}
    finally:
        conn.close()


def test_parts_take_the_nearest_lead_before_them_else_after(stores):
    linked = _linked(stores[64])
    for part, lead in (("p1", "p0"), ("p9", "p0"), ("p70", "p0"), ("p2", "p75"), ("p10", "p75"),
                       ("p20", "p5"), ("p40", "p30")):
        agency, date, place, continues, inherited = linked[part]
        lead_agency, lead_date, lead_place, *_ = linked[lead]
        assert (continues, inherited) == (lead, lead), part
        assert (agency, place) == (lead_agency, lead_place) and agency == "SPA", part
        assert date in (lead_date, "2015-09-01"), part  # the lead's, or the part's own publication date
    assert linked["p0"][3] is None and linked["p3"][3] is None  # leads and other pages continue nothing


def test_part_without_lead_keeps_its_own_reading(tmp_path):
    source = tmp_path / "parts.jsonl"
    source.write_text(json.dumps({"id": "alone", "date": "2015-09-01", "text": _part("fair", 1)},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    ingest_all([source], tmp_path / "s.db")
    agency, date, place, continues, inherited = _linked(tmp_path / "s.db")["alone"]
    assert (agency, place, continues, inherited) == (None, None, None, None)
    assert date == "2015-09-01"
