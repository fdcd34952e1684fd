"""khabar.read_many: a stream of texts gives, in order, the articles khabar.read gives one by one."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import khabar
from khabar.errors import InputError

# Composed dispatches: agencies, datelines, actors and event verbs recombined, so that a batch mixes
# articles with and without datelines, events and quotations.
PLACES = ("الرياض 3 مايو (واس) --", "القاهرة - أ ش أ:", "الكويت - 12 - 5 (كونا) --", "")
CLAUSES = (
    "استقبل ولي العهد السعودي اليوم وزير الخارجية الأمريكي وبحث معه العلاقات الثنائية.",
    "قال الرئيس المصري إن مصر ترفض أي عدوان على غزة، وأدان القصف الإسرائيلي.",
    'وقال وزير الخارجية الكويتي إن "الحوار هو الطريق الوحيد لحل الأزمة".',
    "تظاهر آلاف الطلاب في باريس تضامنا مع الفلسطينيين.",
)


def composed(count: int) -> list[str]:
    pairs = itertools.islice(itertools.cycle(itertools.product(PLACES, CLAUSES, CLAUSES)), count)
    return [f"{place} {first} {second}".strip() for place, first, second in pairs]


def content(article) -> dict:
    """The article's JSON without `position`, which read_many sets to the item's index in the stream."""
    record = article.to_dict()
    record.pop("position", None)
    return record


def test_read_many_matches_read_one_by_one():
    texts = composed(24)
    date = dt.date(2024, 5, 1)
    singles = [content(khabar.read(text, id=f"text-{n}", date=date)) for n, text in enumerate(texts)]
    many = [content(a) for a in khabar.read_many(texts, batch=5, date=date)]
    assert [d["id"] for d in many] == [f"text-{n}" for n in range(len(texts))]
    assert many == singles
    assert any(d["events"] for d in many) and any(d["quotes"] for d in many)


def test_batch_size_does_not_change_the_articles():
    texts = composed(9)
    by_size = {size: [a.to_dict() for a in khabar.read_many(texts, batch=size)] for size in (1, 4, 64)}
    assert by_size[1] == by_size[4] == by_size[64]


def test_dicts_carry_id_and_date():
    text = composed(1)[0]
    [article] = khabar.read_many([{"id": "a-1", "text": text, "date": "2024-05-03"}])
    assert article.id == "a-1" and article.reference_date == dt.date(2024, 5, 3)
    assert content(article) == content(khabar.read(text, id="a-1", date=dt.date(2024, 5, 3)))


def test_a_refused_text_stays_in_its_place_with_reads_reason():
    texts = [composed(1)[0], "", "English words only, nothing Arabic in this sentence at all.", composed(2)[1]]
    articles = list(khabar.read_many(texts))
    assert [a.position for a in articles] == [0, 1, 2, 3]
    assert [a.error is None for a in articles] == [True, False, False, True]
    for text, article in zip(texts[1:3], articles[1:3], strict=True):
        with pytest.raises(InputError) as raised:
            khabar.read(text)
        assert article.error == raised.value.reason


def test_read_many_is_lazy():
    def endless():
        n = 0
        while True:
            yield composed(4)[n % 4]
            n += 1

    first = list(itertools.islice(khabar.read_many(endless(), batch=3), 4))
    assert len(first) == 4 and all(a.error is None for a in first)


def test_the_documented_dask_bag_recipe_gives_the_same_articles():
    bag_module = pytest.importorskip("dask.bag")
    texts = composed(8)
    records = [{"id": f"d{n}", "text": text} for n, text in enumerate(texts)]
    bag = bag_module.from_sequence(records, npartitions=3)
    answers = bag.map_partitions(lambda part: [a.to_dict() for a in khabar.read_many(part)])
    got = {d["id"]: d for d in answers.compute(scheduler="sync")}
    for record in records:
        expected = khabar.read(record["text"], id=record["id"]).to_dict()
        expected.pop("position")
        got[record["id"]].pop("position")
        assert got[record["id"]] == expected
