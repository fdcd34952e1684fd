"""The dashboard's pages rendered on the server: RTL Arabic, bilingual labels, highlights, charts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from markupsafe import escape

from khabar.serve.links import entity_url


def test_pages_search_shows_results_with_marked_hits(client):
    html = client.get("/", params={"q": "الكويت"}).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "بحث" in html and 'lang="en"' in html and "Search" in html
    assert html.count('class="result"') > 0
    assert re.search(r'<span class="m hit">[^<]*الكويت', html)


def test_pages_search_answer_is_shared_not_changed(client):
    # The search answer is kept until the store changes: a page adds its HTML to copies, so the
    # same page asked twice is drawn the same and the kept answer holds only the query's fields.
    from khabar.serve.pages import PAGE_SIZE
    from khabar.store import queries
    from khabar.store.queries import Filters

    first, second = (client.get("/", params={"q": "الكويت"}).text for _ in range(2))
    assert first == second and first.count('<span class="m hit">') == second.count('<span class="m hit">') > 0
    kept = client.app.state.store.cached(queries.search, "الكويت", Filters(), limit=PAGE_SIZE, offset=0)
    assert kept["results"] and all("snippet_html" not in r and "copies" not in r for r in kept["results"])


def test_pages_search_says_more_than_when_counting_stops(client, monkeypatch):
    from khabar.store import queries

    monkeypatch.setattr(queries, "COUNTED", 1)
    html = client.get("/", params={"q": "الكويت   الكويت"}).text  # a query no other test asked (answers are kept)
    assert re.search(r'data-total="1">أكثر من', html) and "more than" in html
    answer = client.get("/api/v1/search", params={"q": "الكويت  الكويت"}).json()
    assert answer["total"] == 1 and answer["total_exact"] is False


def test_pages_search_filters_apply(client):
    everything = client.get("/").text
    kuna = client.get("/", params={"agency": "KUNA", "from": "", "to": ""}).text
    total = lambda html: int(re.search(r'data-total="(\d+)"', html).group(1))  # noqa: E731
    assert 0 < total(kuna) < total(everything)


def test_pages_escape_what_the_reader_typed(client):
    html = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_pages_article_highlights_from_offsets(client, article_id):
    doc = client.get(f"/api/v1/articles/{article_id}").json()
    html = client.get(f"/articles/{article_id}").text
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    for mention in (m for m in doc["entities"] if m.get("in") != "headline"):
        link = f'href="{entity_url(mention["id"])}">{escape(mention["text"])}</a>'
        assert link in body, mention
    for n, event in enumerate(doc["events"]):
        if event["sentence"] >= 0:
            trigger = re.search(rf'id="trigger-{n}"[^>]*>(.*?)</span>', body).group(1)
            assert re.sub("<[^>]+>", "", trigger) == doc["body"][event["trigger_start"]:event["trigger_end"]]
    assert 'class="m quote"' in body
    assert unescape(re.sub("<[^>]+>", "", body)) == doc["body"], "the text as written, nothing added or lost"


def test_pages_article_lists_events_with_actors_and_evidence(client, article_id):
    html = client.get(f"/articles/{article_id}").text
    items = re.findall(r'<li class="event-item".*?</li>', html, re.S)
    assert items and any("REQUEST" in item and "KWT" in item and "UNSC" in item for item in items)
    assert all('<blockquote class="evidence">' in item for item in items)


def test_pages_entity_page(client):
    html = client.get("/entities/Q817").text
    assert "Kuwait" in html and "دولة الكويت" in html
    assert '<svg class="chart bars"' in html
    assert re.search(r'<ul class="co"><li><a href="/entities/', html)


def test_pages_events_page_draws_three_charts(client):
    html = client.get("/events").text
    assert '<svg class="chart timeline"' in html and 'data-type="CONSULT"' in html
    assert '<svg class="chart network"' in html and 'data-dyad="USA-IRN"' in html
    assert '<svg class="chart map events"' in html and 'data-country="KWT"' in html
    assert "<script" not in html.split("</head>", 1)[1], "charts are drawn on the server"


@pytest.mark.parametrize(("path", "status"), [("/articles/0123456789abcdef", 404), ("/entities/Q0", 404),
                                              ("/articles/bad", 422), ("/?from=2024-99-01", 422)])
def test_pages_errors_are_pages(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="message"' in response.text


def test_pages_no_asset_from_elsewhere(client, article_id):
    for path in ("/", f"/articles/{article_id}", "/entities/Q817", "/events"):
        html = client.get(path).text
        assert not re.search(r'(src="|<link[^>]*href="|url\()(https?:)?//', html), path


def test_pages_events_follow_the_filters(client):
    everything = client.get("/events").text
    late = client.get("/events", params={"from": "2024-05-19", "to": "", "country": ""}).text
    assert 'value="2024-05-19"' in late
    assert late.count("<circle") < everything.count("<circle")
    assert late.count("data-dyad=") < everything.count("data-dyad=")


# Trump: sanctions on Iran will go on (a quotation the reader attributes to Q22686)
QUOTED = ("ترامب: العقوبات على إيران ستستمر\n\nواشنطن - 16 - 5 (كونا) -- قال الرئيس الأمريكي دونالد ترامب اليوم "
          'الخميس "إن العقوبات على إيران ستستمر حتى تغير سلوكها". (النهاية)')


def test_pages_entity_page_lists_the_person_s_quotations(writable_db):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app
    from tests.serve.conftest import TOKEN

    with TestClient(create_app(writable_db, token=TOKEN)) as client:
        assert "إن العقوبات على إيران ستستمر" not in client.get("/entities/Q22686").text
        posted = client.post("/api/v1/articles", json={"text": QUOTED, "date": "2018-05-16"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert posted.status_code == 201
        html = client.get("/entities/Q22686").text
    quotes = html.split('<ul class="quotes">', 1)[1].split("</ul>", 1)[0]
    assert "إن العقوبات على إيران ستستمر حتى تغير سلوكها" in quotes
    assert f'href="/articles/{posted.json()["id"]}"' in quotes


def test_pages_policy_keeps_everything_local(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
