"""Exports open in their readers (json, pyarrow, csv) with the counts of `khabar stats`."""

from __future__ import annotations

import csv
import json

import pytest

from khabar.store.export import export
from khabar.store.export.gdelt import COLUMNS, cameo_codes
from khabar.store.export.names import actor_name
from khabar.store.export.plover import validate
from khabar.store.export.select import Selection
from khabar.store.queries import stats

# GDELT 2.0's event table, in order (GDELT 2.0 Event Codebook, "Event table" columns).
GDELT_2_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName "
    "Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long "
    "Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()


def gdelt_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_export_jsonl_is_the_read_contract(conn, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert export(conn, "jsonl", out) == {"articles": stats(conn)["articles"]}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats(conn)["articles"]
    for record in records:
        for key in ("id", "headline", "agency", "dateline", "body", "sentences", "entities", "events", "quotes",
                    "store_id", "story_id", "duplicate_of"):
            assert key in record
    assert len({r["story_id"] for r in records}) == stats(conn)["stories"]


def test_export_parquet_tables(conn, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    counts = stats(conn)
    written = export(conn, "parquet", tmp_path / "tables")
    for table in ("articles", "mentions", "entities", "events", "quotes"):
        data = pq.read_table(tmp_path / "tables" / f"{table}.parquet")
        assert data.num_rows == counts[table] == written[table], table
    articles = pq.read_table(tmp_path / "tables" / "articles.parquet")
    assert "body" in articles.column_names and articles.schema.field("position").type == "int64"


def test_export_gdelt_tsv(conn, tmp_path):
    out = tmp_path / "events.tsv"
    written = export(conn, "gdelt", out)
    rows = gdelt_rows(out)
    assert len(COLUMNS) == 61 and list(rows[0]) == list(COLUMNS) == GDELT_2_COLUMNS
    acting = conn.execute("SELECT count(*) FROM (SELECT DISTINCT a.story_id, ev.type, ev.source, ev.target "
                          "FROM events ev JOIN articles a ON a.num = ev.article_num WHERE ev.negated = 0 AND "
                          "ev.future = 0 AND ev.hypothetical = 0 AND coalesce(ev.source, ev.target) IS NOT NULL)")
    assert len(rows) == written["events"] == acting.fetchone()[0] > 0
    assert [int(r["GLOBALEVENTID"]) for r in rows] == list(range(1, len(rows) + 1))
    for row in rows:
        assert len(row["SQLDATE"]) == 8 and row["SQLDATE"].startswith("2024")
        assert int(row["NumMentions"]) >= int(row["NumArticles"]) >= 1 and int(row["NumSources"]) >= 1
        assert row["QuadClass"] in {"1", "2", "3", "4"}
        assert row["Actor1Code"] or row["Actor2Code"]
        assert len(row["EventCode"]) >= 3 and row["EventCode"].startswith(row["EventBaseCode"])
        assert row["EventBaseCode"].startswith(row["EventRootCode"]) and len(row["EventRootCode"]) == 2
        assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
        for side in ("Actor1", "Actor2"):  # names as names: no conjunction glued to the first word
            name = row[f"{side}Name"]
            assert not name or actor_name(name) == name


def test_export_gdelt_opens_in_pandas(conn, tmp_path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.tsv"
    export(conn, "gdelt", out)
    frame = pandas.read_csv(out, sep="\t", dtype=str)
    assert list(frame.columns) == GDELT_2_COLUMNS and len(frame) == len(gdelt_rows(out))


@pytest.mark.parametrize("cameo, codes", [
    ("04", ("040", "040", "04")), ("111", ("111", "111", "11")), ("0872", ("0872", "087", "08")),
    ("190", ("190", "190", "19")),
])
def test_cameo_codes_are_gdelts_three_levels(cameo, codes):
    assert tuple(cameo_codes(cameo).values()) == codes


@pytest.mark.parametrize("written, name", [
    ("والأردن", "الأردن"), ("للجيش التركي", "الجيش التركي"), ("بالولايات المتحدة", "الولايات المتحدة"),
    ("فالقوات الروسية", "القوات الروسية"), ("وزير الخارجية", "وزير الخارجية"), ("ليبيا", "ليبيا"),
    ("بغداد", "بغداد"), ("لبنان", "لبنان"), (None, None),
])
def test_actor_names_lose_their_clitics_only(written, name):
    assert actor_name(written) == name


def test_export_filters_by_date_type_and_country(conn, tmp_path):
    everything = gdelt_rows(_export(conn, tmp_path / "all.tsv"))
    day = sorted(r["SQLDATE"] for r in everything)[len(everything) // 2]
    iso = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    later = gdelt_rows(_export(conn, tmp_path / "later.tsv", Selection(date_from=iso)))
    assert later and all(r["SQLDATE"] >= day for r in later) and len(later) <= len(everything)
    kind = everything[0]["EventRootCode"]
    plover_type = conn.execute("SELECT type FROM events WHERE substr(cameo, 1, 2) = ? LIMIT 1", (kind,)).fetchone()[0]
    typed = gdelt_rows(_export(conn, tmp_path / "typed.tsv", Selection(types=(plover_type,))))
    assert typed and len(typed) < len(everything)
    country = next(r["Actor1CountryCode"] for r in everything if r["Actor1CountryCode"])
    theirs = gdelt_rows(_export(conn, tmp_path / "country.tsv", Selection(country=country)))
    assert theirs and all(country in (r["Actor1CountryCode"], r["Actor2CountryCode"], r["ActionGeo_CountryCode"])
                          for r in theirs)
    articles = tmp_path / "articles.jsonl"
    first = conn.execute("SELECT min(date) FROM articles").fetchone()[0]
    export(conn, "jsonl", articles, Selection(date_to=first))
    ids = [json.loads(line)["store_id"] for line in articles.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(r[0] for r in conn.execute("SELECT id FROM articles WHERE date <= ?", (first,)))
    assert 0 < len(ids) < stats(conn)["articles"]


def _export(conn, path, selection=None):
    export(conn, "gdelt", path, selection or Selection())
    return path


def test_export_plover_jsonl(conn, tmp_path):
    out = tmp_path / "events.jsonl"
    export(conn, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats(conn)["events"]
    for record in records:
        assert validate(record) == [], record["id"]
        assert record["event"] and record["text"] and record["eventText"]
        first_word = record["eventText"][0].split("…")[0].split()[0]  # a trigger may skip words ("أعلنت … خطة")
        assert first_word in record["text"]
        assert record["article"]["article_id"] and record["article"]["story_id"]
    assert any(r["actor"] and r["recipient"] for r in records)


def test_plover_validation_finds_what_departs_from_the_fields():
    good = {"id": "x-1", "date": "2024-05-01", "actor": [{"code": "KWT", "sector": "GOV"}], "event": ["CONSULT"]}
    assert validate(good) == []
    assert "missing required 'date'" in validate({**good, "date": None})
    assert any("'FIGHT'" in p for p in validate({**good, "event": ["FIGHT"]}))
    assert any("'source'" in p for p in validate({**good, "source": []}))
    assert any("'actorText'" in p for p in validate({**good, "actor": [{"actorText": "x"}]}))
    assert any("quadCode" in p for p in validate({**good, "quadCode": 7}))
    assert any("2024-13-01" in p for p in validate({**good, "date": "2024-13-01"}))


def test_export_unknown_format(conn, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(conn, "xml", tmp_path / "x")


def test_export_parquet_of_a_selection(conn, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    first = conn.execute("SELECT min(date) FROM articles").fetchone()[0]
    written = export(conn, "parquet", tmp_path / "part", Selection(date_to=first))
    chosen = {r[0] for r in conn.execute("SELECT id FROM articles WHERE date <= ?", (first,))}
    articles = pq.read_table(tmp_path / "part" / "articles.parquet").column("id").to_pylist()
    assert set(articles) == chosen and written["articles"] == len(chosen)
    for table in ("mentions", "events", "quotes"):
        ids = set(pq.read_table(tmp_path / "part" / f"{table}.parquet").column("article_id").to_pylist())
        assert ids <= chosen, table


def test_export_gdelt_action_geo_is_the_events_place(conn, tmp_path):
    out = tmp_path / "events.tsv"
    export(conn, "gdelt", out)
    rows = gdelt_rows(out)
    placed = [r for r in rows if r["ActionGeo_Type"]]
    assert placed, "some events of the dispatches have a place"
    for row in placed:
        assert row["ActionGeo_Type"] in {"1", "4", "5"} and row["ActionGeo_FullName"]
        # a city or a state is in a country; an area may be shared (the Kuwaiti–Saudi Divided Zone)
        code = row["ActionGeo_CountryCode"]
        assert len(code) == 3 if row["ActionGeo_Type"] in {"1", "4"} else len(code) in (0, 3)
        if row["ActionGeo_Lat"]:
            assert -90 <= float(row["ActionGeo_Lat"]) <= 90 and -180 <= float(row["ActionGeo_Long"]) <= 180
    assert any(r["ActionGeo_Lat"] for r in placed)
    plover = tmp_path / "events.jsonl"
    export(conn, "plover", plover)
    located = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    places = {(r["eventLoc"].get("resolvedPlace") or r["eventLoc"]["extractedPlace"]) for r in located if r["eventLoc"]}
    assert {r["ActionGeo_FullName"] for r in placed} <= places
    assert all(validate(r) == [] for r in located)


def test_actor_names_with_stray_white_space_are_names():
    assert actor_name(" والأردن ") == actor_name("والأردن")
    assert actor_name("الجيش\n التركي") == "الجيش التركي"
    assert actor_name("   ") == ""
    assert actor_name(None) is None


def test_export_parquet_mentions_keep_their_folded_text_in_its_place(conn, tmp_path):
    """The store no longer keeps a mention's folded text (schema 4): the export computes it."""
    pq = pytest.importorskip("pyarrow.parquet")
    from khabar.lang.normalize import fold

    export(conn, "parquet", tmp_path / "tables")
    mentions = pq.read_table(tmp_path / "tables" / "mentions.parquet")
    assert mentions.column_names == ["article_id", "n", "role", "part", "start", "end", "text", "key", "type",
                                     "entity_id", "name_en", "country", "kind", "how"]
    rows = mentions.to_pylist()
    assert rows and all(r["key"] == fold(r["text"]) for r in rows)
