"""The GeoNames and Wikidata importers, on small samples written here."""

from __future__ import annotations

import json
import zipfile

from khabar.kb import load_kb
from khabar.kb.importers import arabic_names, import_geonames, import_wikidata


def _geonames_row(gid: int, name: str, alternates: list[str], code: str, country: str, population: int) -> str:
    cells = [str(gid), name, name, ",".join(alternates), "29.3", "47.9", "P", code, country, "", "01", "", "", "",
             str(population), "", "10", "Asia/Kuwait", "2024-01-01"]
    assert len(cells) == 19
    return "\t".join(cells)


GEONAMES_ROWS = [
    _geonames_row(1, "Testabad", ["Testabad", "تستاباد", "تِستاباد", "تستآباد‌ی"], "PPL", "KW", 52000),
    _geonames_row(2, "Riyadh", ["Riyadh", "الرياض"], "PPLC", "SA", 7000000),  # already packaged
    _geonames_row(3, "Tinyville", ["تايني"], "PPL", "KW", 900),  # too small
    _geonames_row(4, "Nonameville", ["Nonameville"], "PPL", "KW", 90000),  # no Arabic name
    _geonames_row(5, "Newcap", ["نيوكاب"], "PPLC", "OM", 80000),
    _geonames_row(6, "Elsewhere", ["إلسوير"], "PPL", "ZZ", 80000),  # not a known state
]


def test_arabic_names_filters_and_dedupes():
    assert arabic_names(["Kuwait", "الكويت", "الْكُوَيْت", "کویت", "", "مدينة الكويت"]) == ["الكويت", "مدينة الكويت"]


def test_import_geonames_text(tmp_path):
    source = tmp_path / "cities.txt"
    source.write_text("\n".join(GEONAMES_ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "geo_cities.tsv"
    assert import_geonames(source, out, min_population=15000) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "qid\tname_en\tcountry\tnames_ar\tpopulation\tis_capital"
    kb = load_kb([out])
    testabad = kb.place("تستاباد")
    assert testabad is not None and testabad.country == "KWT" and testabad.population == 52000
    assert testabad.names_ar == ("تستاباد",)  # vowelled duplicate and Persian form dropped
    newcap = kb.place("نيوكاب")
    assert newcap is not None and newcap.is_capital and newcap.country == "OMN"
    assert kb.place("تايني") is None and kb.place("إلسوير") is None
    assert [e.name_en for e in kb.lookup("الرياض")] == ["Riyadh"]


def test_import_geonames_zip(tmp_path):
    archive = tmp_path / "cities15000.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("cities15000.txt", "\n".join(GEONAMES_ROWS) + "\n")
    out = tmp_path / "geo.tsv"
    assert import_geonames(archive, out, min_population=60000) == 1  # only Newcap is big enough


def _entity(qid: str, en: str, ar: str | None, classes: list[str], **claims) -> dict:
    entity = {"id": qid, "type": "item", "labels": {"en": {"language": "en", "value": en}}, "aliases": {},
              "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": c}}}} for c in classes]}}
    if ar:
        entity["labels"]["ar"] = {"language": "ar", "value": ar}
    for prop, values in claims.items():
        entity["claims"][prop] = [{"mainsnak": {"datavalue": {"value": v}}} for v in values]
    return entity


def test_import_wikidata(tmp_path):
    entities = [
        _entity("Q9000001", "Testland", "تستلاند", ["Q3624078"], P298=["TLX"], P297=["TX"]),
        _entity("Q9000002", "Test City", "مدينة الاختبار", ["Q515"], P17=[{"id": "Q9000001"}],
                P1082=[{"amount": "+120000", "unit": "1"}]),
        _entity("Q9000003", "Ahmad Test", "أحمد الاختبار", ["Q5"], P27=[{"id": "Q817"}]),
        _entity("Q9000004", "Test Union", "اتحاد الاختبار", ["Q484652"]),
        _entity("Q9000005", "Test Sea", "بحر الاختبار", ["Q165"]),
        _entity("Q30", "United States", "الولايات المتحدة", ["Q3624078"], P298=["USA"]),  # already packaged
        _entity("Q9000006", "No Arabic", None, ["Q515"]),
    ]
    entities[2]["aliases"]["ar"] = [{"language": "ar", "value": "أبو الاختبار"}]
    dump = tmp_path / "dump.json"
    dump.write_text("[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n]\n",
                    encoding="utf-8")
    out = tmp_path / "wd"
    counts = import_wikidata(dump, out)
    assert counts == {"states": 1, "cities": 1, "regions": 1, "organisations": 1, "persons": 1}
    kb = load_kb([out])
    assert kb.state("TLX").id == "Q9000001"
    city = kb.place("مدينة الاختبار")
    assert city.country == "TLX" and city.population == 120000
    person = kb.lookup("أبو الاختبار")[0]
    assert person.type == "PER" and person.country == "KWT" and person.role == "other"
    assert kb.lookup("اتحاد الاختبار")[0].subkind == "igo"
    assert kb.lookup("بحر الاختبار")[0].subkind == "sea"
    assert kb.by_id("Q30").name_en == "United States" and len(kb.lookup("الولايات المتحدة")) == 1
