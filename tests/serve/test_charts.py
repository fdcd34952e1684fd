"""The SVG charts: columns evenly spaced in time, labels escaped, countries placed or reported."""

from __future__ import annotations

from khabar.serve.charts import bars, continuous, network, timeline, world_map
from khabar.serve.places import load_states


def test_charts_continuous_fills_gaps_and_keeps_the_latest():
    assert continuous(["2023-11", "2024-02"]) == (["2023-11", "2023-12", "2024-01", "2024-02"], 0)
    assert continuous(["2024-02-27", "2024-03-01"])[0] == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]
    months, earlier = continuous(["2012-10", "2018-01", "2018-10"], most=12)
    assert months[0] == "2017-11" and months[-1] == "2018-10" and len(months) == 12 and earlier == 1
    assert continuous(["unknown", "2018-01"]) == (["2018-01", "unknown"], 0)
    assert continuous([]) == ([], 0)


def test_charts_timeline_lanes_and_columns():
    rows = [{"period": "2024-01", "type": "ACCUSE", "stories": 3}, {"period": "2024-03", "type": "AID", "stories": 1}]
    svg = timeline(rows, ["2024-01", "2024-02", "2024-03"], "t")
    assert svg.count('<g class="lane"') == 2 and svg.count("<circle") == 2
    assert "2024-02" in svg  # the empty month keeps its column


def test_charts_escape_labels():
    svg = bars([("<b>", 1)], 'x"><script>')
    assert "<script>" not in svg and "<b>" not in svg.replace("<title>", "")


def test_charts_network_links_states_to_their_entity_pages():
    svg = network([{"source": "KWT", "target": "IRN", "stories": 2, "top_type": "REQUEST"}], load_states(), "n")
    assert 'href="/entities/Q817"' in svg and 'data-dyad="KWT-IRN"' in svg and "الكويت" in svg


def test_charts_map_places_known_countries_and_reports_the_rest():
    svg, unplaced = world_map([{"country": "KWT", "place": "Kuwait City", "articles": 3},
                               {"country": "XXX", "place": None, "articles": 1}], load_states(), "m")
    assert 'data-country="KWT"' in svg and unplaced == [{"country": "XXX", "articles": 1}]
