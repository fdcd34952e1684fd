"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same queries as the API."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from khabar.resources import data_path
from khabar.serve import charts
from khabar.serve.highlight import Mark, article_marks, render
from khabar.serve.links import entity_url, web_url
from khabar.serve.params import ArticleId, Code, EntityId, Offset, Text, filters, refuse_control, store_of
from khabar.serve.places import load_states
from khabar.store import queries
from khabar.store.queries import Filters

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=data_path("khabar.serve", "templates"))
templates.env.filters.update(entity_url=entity_url, web_url=web_url)
Filtered = Annotated[Filters, Depends(filters)]
PAGE_SIZE = 20
HEADER_COUNTS = ("articles", "stories", "entities", "events", "quotes")
DAYS_BELOW_MONTHS = 3  # fewer months than this: the timeline is drawn by day


def _page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _page(request, "error.html", status, status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, where: Filtered, q: Text = "", offset: Offset = 0) -> HTMLResponse:
    refuse_control(q=q, entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    answer = queries.search(store.reader(), q, where, limit=PAGE_SIZE, offset=offset)
    for result in answer["results"]:
        result["snippet_html"] = render(result["snippet"], [Mark(s, e, "hit") for s, e in result["hits"]])
    more = None
    if answer["total"] > offset + PAGE_SIZE:
        more = "?" + urlencode({**request.query_params, "offset": offset + PAGE_SIZE})
    return _page(request, "search.html", q=q, where=where, answer=answer, more=more,
                 stats=store.cached(queries.counts, HEADER_COUNTS) if not q and offset == 0 else None)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    store = store_of(request)
    doc = queries.article(store.reader(), article_id)
    if doc is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    story = store.cached(queries.story, doc["story_id"]) if doc.get("story_id") else None
    return _page(request, "article.html", doc=doc, article_id=article_id,
                 headline=render(doc.get("headline") or "", article_marks(doc, "headline")),
                 body=render(doc.get("body") or "", article_marks(doc, "body")),
                 events=[_event_view(doc, n, e) for n, e in enumerate(doc.get("events") or [])],
                 story=[m for m in (story or {}).get("members", []) if m["id"] != article_id])


def _event_view(doc: dict[str, Any], n: int, event: dict[str, Any]) -> dict[str, Any]:
    """An event with its evidence: the sentence (or headline) it was read from, trigger marked."""
    if event.get("sentence", -1) >= 0 and event["sentence"] < len(doc.get("sentences") or []):
        sentence = doc["sentences"][event["sentence"]]
        start, text = sentence["start"], doc["body"][sentence["start"]:sentence["end"]]
    else:
        start, text = 0, doc.get("headline") or ""
    marks = []
    if event.get("trigger_start") is not None:
        marks.append(Mark(event["trigger_start"] - start, event["trigger_end"] - start, "event"))
    modes = [name for name in ("negated", "future", "hypothetical") if event.get(name)]
    return {**event, "n": n, "evidence": render(text, marks), "modes": modes}


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, where: Filtered, type: Code = None) -> HTMLResponse:
    refuse_control(entity=where.entity, outlet=where.outlet)
    rows = store_of(request).cached(queries.entities, where, type=type, limit=100)
    return _page(request, "entities.html", rows=rows, type=type)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: EntityId) -> HTMLResponse:
    found = store_of(request).cached(queries.entity, entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    per_month = {m["month"]: m["articles"] for m in found["months"]}
    months, earlier = charts.continuous(list(per_month))
    chart = charts.bars([(m, per_month.get(m, 0)) for m in months], "مقالات في الشهر · articles per month")
    return _page(request, "entity.html", entity=found, chart=chart, earlier=earlier)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, where: Filtered) -> HTMLResponse:
    refuse_control(entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    rows = store.cached(queries.event_timeline, where)
    by = "month"
    if len({r["period"] for r in rows}) < DAYS_BELOW_MONTHS:
        rows, by = store.cached(queries.event_timeline, where, by="day"), "day"
    states = load_states()
    edges = store.cached(queries.dyad_network, tuple(sorted(states)), where, limit=40)
    spots, unplaced = charts.world_map(store.cached(queries.datelines, where), states, "خريطة أماكن الإرسال · dateline map")
    periods, earlier = charts.continuous([r["period"] for r in rows])
    return _page(request, "events.html", where=where, by=by, earlier=earlier,
                 timeline=charts.timeline(rows, periods, "الأحداث حسب النوع · events by PLOVER type"),
                 network=charts.network(edges, states, "شبكة الدول · state dyads"), edges=edges,
                 map=spots, unplaced=unplaced, dyads=store.cached(queries.events, where, coded=True, limit=20))
