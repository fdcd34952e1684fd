"""What an analyst works with on the dashboard: dyad pages, an entity's events, source and target
filtered apart, every list downloadable as CSV and JSON, search results collapsed by story, a timeline
whose axis follows the data, network edges that open their dyad and labels that do not overlap."""

from __future__ import annotations

import csv
import io
import math
import re
from html import unescape

import pytest

from khabar.serve import charts
from khabar.serve.places import State


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def _links(html: str, css: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'class="{css}" href="([^"]+)"', html)]


@pytest.fixture(scope="module")
def busiest_dyad(client) -> tuple[str, str]:
    rows = client.get("/events", params={"download": "dyads", "format": "json"}).json()
    coded = [r for r in rows if r["source"] and r["target"]]
    return coded[0]["source"], coded[0]["target"]


def test_dyad_page_charts_and_events_with_evidence(client, busiest_dyad):
    source, target = busiest_dyad
    html = client.get(f"/dyads/{source}/{target}").text
    assert 'class="chart bars"' in html and 'class="chart line"' in html and 'class="chart quads"' in html
    rows = html.count('class="event-row"')
    assert rows >= 1
    events = client.get(f"/dyads/{source}/{target}", params={"download": "events", "format": "json"}).json()
    assert len(events) == rows
    for event in events:
        assert (event["source"], event["target"]) == (source, target)
        assert event["trigger"] and event["trigger"].split("…")[0].split()[0] in event["evidence"]
    assert len(_links(html, "article-link")) == rows
    assert all(u.startswith("http") for u in _links(html, "source-url")) and _links(html, "source-url")
    assert html.count('<span class="m event"') == rows  # the trigger marked in each evidence


def test_dyad_page_quad_split_counts_its_stories(client, busiest_dyad):
    source, target = busiest_dyad
    quads = client.get(f"/dyads/{source}/{target}", params={"download": "quad_classes", "format": "json"}).json()
    months = client.get(f"/dyads/{source}/{target}", params={"download": "months", "format": "json"}).json()
    assert quads and all(q["quad_class"] in (1, 2, 3, 4) for q in quads)
    assert sum(m["stories"] for m in months) >= max(q["stories"] for q in quads)


def test_dyad_page_unknown_dyad_is_404_and_bad_code_422(client):
    assert client.get("/dyads/XXX/YYY").status_code == 404
    assert client.get("/dyads/K1/USA").status_code == 422


def test_entity_page_lists_its_events(client):
    html = client.get("/entities/Q817").text  # Kuwait
    assert 'id="entity-events"' in html
    events = client.get("/entities/Q817", params={"download": "events", "format": "json"}).json()
    assert len(events) == html.count('class="event-row"') > 3
    for event in events:
        side = event["role"]
        assert event[side] == "KWT" or "كويت" in (event[f"{side}_text"] or "")


def test_source_and_target_filter_apart(client):
    as_source = client.get("/events", params={"source": "KWT", "download": "dyads", "format": "json"}).json()
    as_target = client.get("/events", params={"target": "KWT", "download": "dyads", "format": "json"}).json()
    assert as_source and all(r["source"] == "KWT" for r in as_source)
    assert all(r["target"] == "KWT" for r in as_target)
    assert {(r["type"], r["target"]) for r in as_source} != {(r["type"], r["source"]) for r in as_target}
    html = client.get("/events", params={"source": "kwt"}).text
    assert html.count('class="dyad-row"') == min(20, len(as_source))
    assert 'name="source" value="KWT"' in html


@pytest.mark.parametrize("path, params, name", [
    ("/", {"q": "الكويت"}, "results"), ("/entities", {"type": "LOC"}, "entities"),
    ("/entities/Q817", {}, "events"), ("/entities/Q817", {}, "names"), ("/entities/Q817", {}, "named_with"),
    ("/entities/Q817", {}, "latest"), ("/events", {}, "dyads"), ("/events", {}, "timeline"),
    ("/events", {}, "datelines"),
])
def test_every_list_downloads_as_csv_and_json(client, path, params, name):
    page = client.get(path, params=params).text
    assert f'data-list="{name}"' in page
    as_json = client.get(path, params={**params, "download": name, "format": "json"})
    as_csv = client.get(path, params={**params, "download": name, "format": "csv"})
    assert "attachment" in as_csv.headers["content-disposition"] and as_csv.headers["content-type"].startswith("text/csv")
    rows, table = as_json.json(), _csv(as_csv.text)
    assert rows and len(table) == len(rows)
    assert list(table[0]) == list(rows[0])
    first = {k: ("" if v is None else str(v)) for k, v in rows[0].items() if not isinstance(v, list | dict)}
    assert {k: table[0][k] for k in first} == first


def test_download_links_keep_the_filters(client):
    html = client.get("/", params={"q": "الكويت", "agency": "KUNA"}).text
    link = unescape(re.search(r'href="([^"]+)" download class="dl-csv"', html).group(1))
    assert "agency=KUNA" in link and "download=results" in link
    rows = _csv(client.get("/" + link).text)
    assert rows and all(r["agency"] == "KUNA" for r in rows)


def test_unknown_download_is_refused(client):
    answer = client.get("/events", params={"download": "everything"})
    assert answer.status_code == 422 and "everything" in answer.text


def test_search_collapses_copies_of_a_story(client):
    everything = client.get("/", params={"download": "results", "format": "json"}).json()
    stories: dict[str, int] = {}
    for row in everything:
        stories[row["story_id"]] = stories.get(row["story_id"], 0) + 1
    story, size = max(stories.items(), key=lambda item: item[1])
    assert size > 1, "the demo corpus has syndicated copies"
    html = client.get("/").text
    shown = re.findall(r'class="result" data-story="([0-9a-f]*)"', html)
    assert len(shown) == len(set(shown)), "one result per story"
    collapsed = re.search(rf'data-story="{story}".*?data-copies="(\d+)"', html, re.S)
    assert collapsed and int(collapsed.group(1)) == size - 1
    assert f"and {size - 1} more copies" in html


def test_timeline_axis_follows_the_data():
    counts = {"2011-02": 1, "2016-07": 1, **{f"2024-{m:02d}": 20 + m for m in range(1, 13)}}
    periods, earlier = charts.span(counts)
    assert periods[0] == "2024-01" and periods[-1] == "2024-12" and earlier == 2
    balanced = {"2023-01": 10, "2023-06": 10, "2024-01": 10}
    periods, earlier = charts.span(balanced)
    assert periods[0] == "2023-01" and earlier == 0 and len(periods) == 13


def _states(codes: list[str]) -> dict[str, State]:
    return {c: State(c, f"Q{i}", c, c, None, None) for i, c in enumerate(codes)}


def test_network_edges_open_their_dyad_and_labels_keep_apart():
    codes = [f"S{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(120)]
    edges = [{"source": codes[i], "target": codes[(i * 7 + 1) % 120], "stories": 120 - i, "top_type": "CONSULT"}
             for i in range(120)]
    svg = str(charts.network(edges, _states(codes), "net"))
    links = re.findall(r'<a href="(/dyads/[^"]+)" class="edge-link"><line[^>]*data-dyad="([A-Z]+)-([A-Z]+)"', svg)
    assert len(links) == len(edges)
    assert all(href == f"/dyads/{s}/{t}" for href, s, t in links)
    angles = sorted(float(a) for a in re.findall(r'data-angle="([0-9.]+)"', svg))
    assert 3 <= len(angles) < 120  # a crowded circle: the smaller states are labelled on hover only
    radius = 600 / 2 - 110 + 22
    gaps = [b - a for a, b in zip(angles, angles[1:], strict=False)] + [2 * math.pi - angles[-1] + angles[0]]
    assert min(gaps) * radius >= charts.LABEL_GAP
    few = str(charts.network(edges[:6], _states(codes), "net"))
    assert few.count("data-angle=") == len({e["source"] for e in edges[:6]} | {e["target"] for e in edges[:6]})


def test_network_labels_read_outward_never_upside_down():
    for angle in (0.3, 1.5, 2.8, 3.5, 4.7, 6.0):
        label = str(charts._radial_label(300, 200, angle, "KWT"))
        rotation = float(re.search(r"rotate\((-?[0-9.]+)", label).group(1))
        assert -90.01 <= rotation <= 90.01, (angle, rotation)
        assert ('text-anchor="start"' in label) == (math.sin(angle) >= 0)


def test_goldstein_line_and_quads_escape_and_scale():
    svg = str(charts.line([("2024-01", 3.0), ("2024-02", None), ("2024-03", -7.0)], "<g>", low=-10, high=10))
    assert "&lt;g&gt;" in svg and svg.count('class="dot"') == 2 and 'class="zero"' in svg
    ys = [float(y) for y in re.findall(r'class="dot"[^>]*>|cy="([0-9.]+)"', svg) if y]
    assert ys[0] < ys[1]  # +3 drawn above -7
    quads = str(charts.quad_split([{"quad_class": 1, "stories": 4}, {"quad_class": 4, "stories": 2}], "q"))
    widths = {q: float(w) for w, q in re.findall(r'width="([0-9.]+)" height="18" fill="[^"]+" class="quad" '
                                                 r'data-quad="(\d)"', quads)}
    assert widths["1"] == 2 * widths["4"] and widths["2"] == 0
    assert sorted(widths) == ["1", "2", "3", "4"]


def test_event_map_places_events_where_they_happened():
    states = {"KWT": State("KWT", "Q817", "Kuwait", "الكويت", 29.4, 48.0),
              "SDN": State("SDN", "Q1049", "Sudan", "السودان", 15.6, 32.5), "XXX": State("XXX", "", "X", "X", None, None)}
    svg, unplaced = charts.event_map([
        {"country": "KWT", "place": "Kuwait City", "lat": 29.4, "lon": 48.0, "stories": 6},
        {"country": "SDN", "place": "El Fasher", "lat": None, "lon": None, "stories": 2},
        {"country": "XXX", "place": "Nowhere", "lat": None, "lon": None, "stories": 1}], states, "map")
    html = str(svg)
    assert html.count('class="spot event"') == 1 and html.count('class="spot event country"') == 1
    assert "Kuwait City: 6 stories" in html and "in SDN: El Fasher: 2 stories" in html
    assert unplaced == [{"country": "XXX", "place": "Nowhere", "stories": 1}]


def test_events_page_maps_event_places_and_lists_them(client):
    places = client.get("/events", params={"download": "places", "format": "json"}).json()
    assert places and all(p["country"] for p in places)
    html = client.get("/events").text
    exact = sum(1 for p in places if p["lat"] is not None)
    assert html.count('class="spot event"') >= 1 and exact >= 1


def test_api_articles_carry_event_locations(client):
    found = client.get("/api/v1/search", params={"q": "الفاشر"}).json()["results"]
    events = [e for r in found for e in client.get(f"/api/v1/articles/{r['id']}").json()["events"]]
    assert events and all("location" in e for e in events)
    placed = [e["location"] for e in events if e["location"]]
    assert placed and all(p["how"] in ("clause", "sentence", "dateline") and p["country"] for p in placed)
