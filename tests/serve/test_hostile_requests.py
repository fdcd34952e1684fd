"""Requests made to hurt: oversized bodies refused before they are read (the token first), NUL refused
in every field, punctuation-only queries match nothing, and pages refuse unknown parameters too."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest

from khabar.serve.app import MAX_BODY_BYTES
from tests.serve.conftest import TOKEN

TEXT = "الكويت 12 مايو (كونا) -- قال وزير الخارجية إن الحكومة ستعمل على خطة جديدة لدعم المزارعين."


@pytest.fixture
def write_client(writable_db):
    from fastapi.testclient import TestClient

    from khabar.serve.app import create_app

    with TestClient(create_app(writable_db, token=TOKEN)) as client:
        yield client


def _raw_post(url: str, headers: dict[str, str], body: bytes) -> str:
    """Send headers and only the first bytes of the body; the status line comes back at once when the
    server refuses before reading the rest (a server that waits for the body would time out here)."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as conn:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        conn.sendall(f"POST /api/v1/articles HTTP/1.1\r\nHost: x\r\n{head}\r\n".encode() + body)
        return conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]


def test_a_huge_body_is_refused_by_its_length_before_it_is_sent(live_url):
    # The server is started without a token: writing is off, and said so before any body arrives.
    status = _raw_post(live_url, {"Content-Length": str(400_000_000), "Content-Type": "application/json"}, b"{")
    assert " 403 " in status


def test_a_body_over_the_limit_is_refused_even_with_the_token(write_client):
    body = b'{"text": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    response = write_client.post("/api/v1/articles", content=body,
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    assert response.status_code == 413


def test_without_the_token_a_post_is_refused_before_its_body_is_read(write_client):
    body = b'{"text": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    response = write_client.post("/api/v1/articles", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 401  # not 413: the body was never looked at


def test_nul_is_refused_in_a_posted_page(write_client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for fields in ({"text": TEXT + "\x00"}, {"text": TEXT, "url": "https://x.test/\x00"}):
        response = write_client.post("/api/v1/articles", json=fields, headers=auth)
        assert response.status_code == 422 and "control characters" in response.json()["detail"]
    assert write_client.post("/api/v1/articles", json={"text": TEXT}, headers=auth).status_code in (200, 201)


@pytest.mark.parametrize("query", ['"', "*", "(", "((", '" * ( ) -', "،؛؟"])
def test_a_query_of_only_punctuation_matches_nothing(client, query):
    assert client.get("/api/v1/search", params={"q": ""}).json()["total"] > 0  # no query lists all
    answer = client.get("/api/v1/search", params={"q": query}).json()
    assert answer["total"] == 0 and answer["results"] == []


@pytest.mark.parametrize("path", ["/", "/entities", "/events", "/api/v1/search"])
def test_nul_in_a_query_is_refused_by_pages_and_api(client, path):
    response = client.get(path, params={"q": "الكويت\x00"} if path in ("/", "/api/v1/search") else
                          {"entity": "الكويت\x00"})
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["/", "/entities", "/events"])
def test_pages_refuse_unknown_parameters_like_the_api(client, path):
    response = client.get(path, params={"form": "2024-01-01"})
    assert response.status_code == 422 and "form" in response.text
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path,name,value", [("/api/v1/quotes", "offset", "2"), ("/api/v1/articles", "offset", "2"),
                                             ("/", "q", "الكويت")])
def test_a_parameter_given_twice_is_refused(client, path, name, value):
    response = client.get(f"{path}?{name}=x&{name}={value}")
    assert response.status_code == 422 and name in response.text
    assert client.get(f"{path}?{name}={value}").status_code == 200
