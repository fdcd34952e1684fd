"""Property-based run of the whole API from its own OpenAPI schema: schemathesis makes requests that fit
the schema (positive) and requests that break it (negative) for every operation, hypothesis runs them;
none may get a server error, every answer must fit its declared schema (errors included), and every
request that breaks the schema must be refused with a 4xx and a message."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (the test extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    response_schema_conformance,
)

EXAMPLES = 50  # per operation and mode
OPERATIONS = [("GET", "/api/v1/articles"), ("POST", "/api/v1/articles"), ("GET", "/api/v1/articles/{article_id}"),
              ("GET", "/api/v1/search"), ("GET", "/api/v1/entities"), ("GET", "/api/v1/entities/{entity_id}"),
              ("GET", "/api/v1/events"), ("GET", "/api/v1/events/timeline"), ("GET", "/api/v1/quotes"),
              ("GET", "/api/v1/stories"), ("GET", "/api/v1/stories/{story_id}"), ("GET", "/api/v1/stats")]
RUN = {"examples": 0}


@pytest.fixture(scope="module")
def api_schema(live_url):
    return schemathesis.openapi.from_url(f"{live_url}/openapi.json")


def test_schema_covers_every_operation(api_schema):
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_schema_no_server_error(api_schema, method, path, mode):
    operation = api_schema[path][method]
    if mode is GenerationMode.NEGATIVE and path == "/api/v1/stats":
        pytest.skip("no parameter to break")

    @given(operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        RUN["examples"] += 1
        response = case.call()
        extra = negative_data_rejection if mode is GenerationMode.NEGATIVE else response_schema_conformance
        case.validate_response(response, checks=[not_a_server_error, extra])
        assert response.status_code < 500, (case.path, case.query, response.text[:300])
        if response.status_code >= 400:
            assert response.json()["detail"], "a refusal says why"
        # A "negative" query value is not always invalid once in a URL (['false'] is sent as "false"),
        # so a 200 to a negative case is not a failure; a 5xx always is.

    check()


def test_schema_posting_with_the_token_no_server_error(writable_db):
    # The write path itself, authorised: any posted body is read and stored, or refused with a 4xx.
    from khabar.serve.app import create_app
    from tests.serve.conftest import TOKEN

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(writable_db, token=TOKEN))
    operation = schema["/api/v1/articles"]["POST"]
    statuses: set[int] = set()

    @given(operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        RUN["examples"] += 1
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        statuses.add(response.status_code)
        assert response.status_code in (200, 201, 422), response.text[:300]

    check()
    assert statuses & {422}, "random bodies are refused with a reason"


def test_schema_examples_were_run():
    # after the cases above (file order): how many requests the run made
    print(f"\nschemathesis: {RUN['examples']} requests over {len(OPERATIONS)} operations")
    if RUN["examples"]:
        assert RUN["examples"] >= len(OPERATIONS) * 2 * 5
