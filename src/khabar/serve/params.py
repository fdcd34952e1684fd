"""Query parameters shared by the API and the pages, with their bounds: bad input is refused with a
422 and a message before any query runs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import HTTPException, Path, Query, Request
from pydantic import AfterValidator

from khabar.store.queries import Filters

if TYPE_CHECKING:
    from khabar.serve.readers import Store

API_PREFIX = "/api/v1"
MAX_QUERY_CHARS = 500
MAX_NAME_CHARS = 200
MAX_LIMIT = 100
MAX_OFFSET = 10_000
CODE_PATTERN = r"^([A-Za-z]{2,12})?$"  # agencies, ISO3 countries, PLOVER types
ARTICLE_ID_PATTERN = r"^[0-9a-f]{16}$"



def searchable(value: str) -> str:
    """A query without control characters (NUL and the like), which no search key can hold."""
    if _has_control(value):
        raise ValueError("control characters are not allowed")
    return value


Text = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description='Words and "phrases"; any written form'),
                 AfterValidator(searchable)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# Patterns accept "": an HTML form sends an empty field so, and it means no filter.
Code = Annotated[str | None, Query(pattern=CODE_PATTERN)]
Name = Annotated[str | None, Query(max_length=MAX_NAME_CHARS)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD")]
ArticleId = Annotated[str, Path(pattern=ARTICLE_ID_PATTERN, description="16 hex digits")]
EntityId = Annotated[str, Path(min_length=1, max_length=MAX_NAME_CHARS)]


def filters(
    date_from: Annotated[Day, Query(alias="from")] = None,
    date_to: Annotated[Day, Query(alias="to")] = None,
    agency: Code = None,
    outlet: Name = None,
    entity: Annotated[str | None, Query(max_length=MAX_NAME_CHARS, description="Entity id or name")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO3")] = None,
    event: Code = None,
) -> Filters:
    """The article filters of a request; empty values are no filter."""
    return Filters(_day("from", date_from), _day("to", date_to), agency or None, outlet or None, entity or None,
                   country or None, event or None)


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise HTTPException(422, f"query.{name}: {value!r} is not a date (YYYY-MM-DD)") from exc


def refuse_control(**values: str | None) -> None:
    """Refuse text with control characters that no search key can hold (NUL and the like)."""
    for name, value in values.items():
        if value and _has_control(value):
            raise HTTPException(422, f"{name}: control characters are not allowed")


def _has_control(value: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r" for c in value)


def refuse_unknown(request: Request) -> None:
    """Refuse query parameters the route does not take: a misspelt filter (`?form=`) would otherwise
    be ignored silently and the answer would look filtered when it is not."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    # From the route's own declaration (pages are not in the schema, and are checked the same way).
    known = _query_names(dependant) if dependant else set()
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise HTTPException(422, f"unknown query parameter {unknown[0]!r}; this call takes: "
                                 + (", ".join(sorted(known)) or "none"))
    # every parameter takes one value: of "?offset=x&offset=2" only one would be read, silently
    repeated = sorted(k for k in set(request.query_params) if len(request.query_params.getlist(k)) > 1)
    if repeated:
        raise HTTPException(422, f"query parameter {repeated[0]!r} is given more than once")


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def store_of(request: Request) -> Store:
    return request.app.state.store
