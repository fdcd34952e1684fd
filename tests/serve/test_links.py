"""Links written into pages: entity ids quoted whole, only web URLs linked."""

from __future__ import annotations

import pytest

from khabar.serve.links import entity_url, web_url


@pytest.mark.parametrize(("entity_id", "url"), [
    ("Q817", "/entities/Q817"),
    ("text:ORG:24/7 news?#", "/entities/text%3AORG%3A24%2F7%20news%3F%23"),
    ("text:LOC:للبلدين", "/entities/text%3ALOC%3A%D9%84%D9%84%D8%A8%D9%84%D8%AF%D9%8A%D9%86"),
])
def test_links_entity_url_quotes_the_whole_id(entity_id, url):
    assert entity_url(entity_id) == url


@pytest.mark.parametrize(("url", "linked"), [
    ("https://kuna.net.kw/a?b=1", True), ("http://x.test", True), (" HTTPS://x.test/ ", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,<b>", False),
    ("//evil.test/x", False), ("/relative", False), ("http://", False), ("", False), (None, False),
])
def test_links_web_url_only_http(url, linked):
    assert (web_url(url) is not None) is linked


def test_links_unlinked_entity_pages_open(client):
    unlinked = [e for e in client.get("/api/v1/entities", params={"limit": 100}).json()
                if e["id"].startswith("text:")]
    assert unlinked, "the demo corpus has names outside the knowledge base"
    for found in unlinked[:5]:
        assert client.get(entity_url(found["id"])).status_code == 200
        assert client.get("/api/v1" + entity_url(found["id"])).json()["id"] == found["id"]


def test_links_id_with_a_slash_is_one_id(client):
    response = client.get("/api/v1/entities/a%2Fb")
    assert response.status_code == 404 and "'a/b'" in response.json()["detail"]


def test_links_stored_script_url_is_not_a_link(writable_db):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app
    from tests.serve.conftest import TOKEN
    from tests.serve.test_api import PAGE

    with TestClient(create_app(writable_db, token=TOKEN)) as client:
        posted = client.post("/api/v1/articles", json={"text": PAGE, "url": "javascript:alert(1)"},
                             headers={"Authorization": f"Bearer {TOKEN}"}).json()
        html = client.get(f"/articles/{posted['id']}").text
    assert "javascript:alert(1)" in html and 'href="javascript:' not in html
