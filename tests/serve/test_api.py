"""The JSON API over the demo store: answers, unknown ids, bad input and the token-guarded write."""

from __future__ import annotations

import pytest

from tests.serve.conftest import TOKEN

LISTS = [("/api/v1/articles", "results"), ("/api/v1/search?q=الكويت", "results"), ("/api/v1/entities", None),
         ("/api/v1/events", None), ("/api/v1/events/timeline", None), ("/api/v1/quotes", None),
         ("/api/v1/stories", "results"), ("/api/v1/stats", "articles")]


@pytest.mark.parametrize(("path", "key"), LISTS)
def test_api_lists_answer(client, path, key):
    response = client.get(path)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body[key] if key else body), f"{path} answered nothing"


def test_api_search_any_written_form_with_snippet(client):
    # "وبالكويت" (and in Kuwait) finds the articles naming الكويت, with the hit marked in the snippet
    answer = client.get("/api/v1/search", params={"q": "وبالكويت", "agency": "KUNA"}).json()
    assert answer["total"] > 0
    first = answer["results"][0]
    assert first["agency"] == "KUNA"
    start, end = first["hits"][0]
    assert "الكويت" in first["snippet"][start:end]


def test_api_article_by_id(client, article_id):
    doc = client.get(f"/api/v1/articles/{article_id}").json()
    assert doc["store_id"] == article_id
    assert any(e["id"] == "Q817" for e in doc["entities"])
    assert doc["events"] and doc["quotes"]


def test_api_entity_detail(client):
    kuwait = client.get("/api/v1/entities/Q817").json()
    assert kuwait["name_en"] == "Kuwait"
    assert {"الكويت", "دولة الكويت"} <= {n["text"] for n in kuwait["names"]}
    assert kuwait["months"] and kuwait["co_mentioned"] and kuwait["latest"]


def test_api_story_holds_its_articles(client):
    story = client.get("/api/v1/stories").json()["results"][0]
    found = client.get(f"/api/v1/stories/{story['id']}").json()
    assert len(found["members"]) == story["articles"] > 1


@pytest.mark.parametrize("path", ["/api/v1/articles/0123456789abcdef", "/api/v1/entities/Q0",
                                  "/api/v1/stories/0123456789abcdef", "/api/v1/entities/text:PER:nobody"])
def test_api_unknown_ids_are_404_with_the_id(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert path.rsplit("/", 1)[1] in response.json()["detail"]


@pytest.mark.parametrize(("path", "params", "words"), [
    ("/api/v1/articles/not-an-id", {}, "pattern"),
    ("/api/v1/articles/..%2F..%2Fetc%2Fpasswd", {}, ""),
    ("/api/v1/search", {"q": "ا" * 501}, "at most 500"),
    ("/api/v1/search", {"q": "x", "limit": 0}, "greater than or equal"),
    ("/api/v1/search", {"q": "x", "limit": 10**9}, "less than or equal"),
    ("/api/v1/search", {"q": "x", "offset": -1}, "greater than or equal"),
    ("/api/v1/search", {"q": "x", "from": "2024-02-30"}, "not a date"),
    ("/api/v1/search", {"q": "x", "to": "yesterday"}, "pattern"),
    ("/api/v1/search", {"q": "x", "country": "KWT' OR 1=1"}, "pattern"),
    ("/api/v1/search", {"q": "a\x00b"}, "control characters"),
    ("/api/v1/articles", {"agency": "KUNA; DROP TABLE articles"}, "pattern"),
    ("/api/v1/entities", {"limit": "many"}, "integer"),
    ("/api/v1/events/timeline", {"by": "year"}, "month"),
    ("/api/v1/entities/" + "Q" * 300, {}, "at most 200"),
])
def test_api_bad_input_is_4xx_with_a_message(client, path, params, words):
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text
    assert words in response.json()["detail"]


@pytest.mark.parametrize("query", ["' OR 1=1 --", '"; DROP TABLE articles; --', "NEAR(الكويت قطر)", "*", '"',
                                   "الكويت OR قطر", "body:الكويت", "^الكويت", "<script>alert(1)</script>",
                                   "1; SELECT * FROM articles", "\\", "%", "الكويت\"\"\"", "(("])
def test_api_injection_attempts_are_plain_text(client, query):
    before = client.get("/api/v1/stats").json()
    response = client.get("/api/v1/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert response.json()["query"] == query
    assert client.get("/api/v1/stats").json() == before


def test_api_write_is_off_without_a_configured_token(client):
    response = client.post("/api/v1/articles", json={"text": "نص"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403
    assert "token" in response.json()["detail"]


# Kuwait opens its international book fair (a subject the demo corpus does not have).
PAGE = ("الكويت تفتتح معرض الكتاب الدولي\n\nالكويت - 21 - 5 (كونا) -- افتتحت دولة الكويت اليوم الثلاثاء معرض "
        "الكتاب الدولي بمشاركة دور نشر من قطر والسعودية. (النهاية)")


def test_api_write_needs_the_token_then_stores(writable_store):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    with TestClient(create_app(writable_store, token=TOKEN)) as client:
        assert client.post("/api/v1/articles", json={"text": PAGE}).status_code == 401
        wrong = client.post("/api/v1/articles", json={"text": PAGE}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "token" in wrong.json()["detail"]
        assert client.get("/api/v1/search", params={"q": "\"معرض الكتاب\""}).json()["total"] == 0
        before = client.get("/api/v1/stats").json()["articles"]  # now cached: the write must refresh it
        good = {"Authorization": f"Bearer {TOKEN}"}
        created = client.post("/api/v1/articles", json={"text": PAGE, "date": "2024-05-21"}, headers=good)
        assert created.status_code == 201, created.text
        article_id = created.json()["id"]
        doc = client.get(f"/api/v1/articles/{article_id}").json()
        assert doc["agency"] == "KUNA" and any(e["id"] == "Q817" for e in doc["entities"])
        assert doc["story_id"]
        assert client.get("/api/v1/search", params={"q": "\"معرض الكتاب\""}).json()["total"] == 1
        assert client.get("/api/v1/stats").json()["articles"] == before + 1
        again = client.post("/api/v1/articles", json={"text": PAGE}, headers=good)
        assert again.status_code == 200 and again.json()["created"] is False
        assert client.post("/api/v1/articles", json={"text": ""}, headers=good).status_code == 422
        bad = client.post("/api/v1/articles", json={"text": "This is an English notice only."}, headers=good)
        assert bad.status_code == 422 and "could not be read" in bad.json()["detail"]


def _post_all(db, pages: list[tuple[str, str]], barrier=None) -> list[dict]:
    """POST each (text, url) to a new app (a server of its own) on `db`; the answers."""
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    answers = []
    with TestClient(create_app(db, token=TOKEN)) as client:
        if barrier is not None:
            barrier.wait()
        for text, url in pages:
            answer = client.post("/api/v1/articles", json={"text": text, "url": url},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
            assert answer.status_code == 201, answer.text
            answers.append(answer.json())
    return answers


def test_api_two_servers_writing_at_once_to_postgresql_keep_the_counts(writable_db, demo_db, postgres):
    """Two servers on one PostgreSQL store each POST at the same moment pages that join one story (a
    near-duplicate, a second page under the same URL): the store ends as SQLite does when the same
    pages are posted one after another (stories merged once, every kept count the same)."""
    import threading

    from khabar.store.copy import copy_store
    from khabar.store.db import open_store
    from tests.store.corpus import DISPATCHES
    from tests.store.postgres import different_tables

    page = {d[0]: (d[4], d[3]) for d in DISPATCHES}
    first, second = [page["spa-1"], page["afp-2"]], [page["outlet-1"], page["afp-2-update"]]
    url = postgres.database("two_writers")
    copy_store(demo_db, url)
    barrier = threading.Barrier(2)
    answers: dict[int, list[dict]] = {}
    threads = [threading.Thread(target=lambda n=n, pages=pages: answers.__setitem__(n, _post_all(url, pages, barrier)))
               for n, pages in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 2 and all(a["created"] for pages in answers.values() for a in pages)
    _post_all(writable_db, first + second)  # the same pages, one after another, into SQLite
    lite, pg = open_store(writable_db), open_store(url)
    try:
        assert different_tables(lite, pg) == []
        spa, outlet = (pg.execute("SELECT story_id FROM articles WHERE id = ?", (a["id"],)).fetchone()[0]
                       for a in (answers[0][0], answers[1][0]))
        assert spa == outlet  # the near-duplicates written at once by two servers are one story
    finally:
        lite.close()
        pg.close()


def test_api_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/entities",
                 "/api/v1/entities/{entity_id}", "/api/v1/events", "/api/v1/quotes", "/api/v1/stories",
                 "/api/v1/stats"):
        assert path in paths
    assert "post" in paths["/api/v1/articles"]
    assert not any(not p.startswith("/api/v1/") for p in paths), "pages stay out of the API schema"


def test_api_quotes_latest_first_and_by_speaker(client):
    quotes = client.get("/api/v1/quotes").json()
    assert len(quotes) == 3
    assert [q["date"] for q in quotes] == sorted((q["date"] for q in quotes), reverse=True)
    speaker = quotes[0]["speaker"]
    assert {q["speaker"] for q in client.get("/api/v1/quotes", params={"speaker": speaker}).json()} == {speaker}
