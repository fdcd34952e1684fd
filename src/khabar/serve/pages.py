"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same queries as the API."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from khabar.resources import data_path
from khabar.serve import charts
from khabar.serve.highlight import Mark, article_marks, render
from khabar.serve.links import dyad_url, entity_url, web_url
from khabar.serve.params import ArticleId, Code, EntityId, Offset, Text, filters, refuse_control, store_of
from khabar.serve.places import load_states
from khabar.store import queries
from khabar.store.queries import Filters

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=data_path("khabar.serve", "templates"))
templates.env.filters.update(entity_url=entity_url, web_url=web_url, dyad_url=dyad_url)
Filtered = Annotated[Filters, Depends(filters)]
# ?download=<list>&format=csv|json: a list of the page as a file, with the page's filters.
Download = Annotated[str | None, Query(pattern=r"^([a-z_]{1,30})?$", description="A list of the page to download")]
Format = Annotated[Literal["csv", "json"], Query(description="Download format")]
ActorCode = Annotated[str, Path(pattern=r"^[A-Za-z]{2,12}$", description="Actor code (ISO3 or organisation)")]
PAGE_SIZE = 20
DOWNLOAD_ROWS = 1000  # rows of a downloaded list (a page shows fewer)
HEADER_COUNTS = ("articles", "stories", "entities", "events", "quotes")
DAYS_BELOW_MONTHS = 3  # fewer months than this: the timeline is drawn by day


def _page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _page(request, "error.html", status, status=status, message=message)


def download(name: str, rows: list[dict[str, Any]], format: str) -> Response:
    """`rows` as a CSV file (lists and objects in a cell as JSON) or a JSON array, to save."""
    if format == "json":
        body, media = json.dumps(rows, ensure_ascii=False, indent=1), "application/json"
    else:
        out = io.StringIO()
        columns = list(dict.fromkeys(key for row in rows for key in row))
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                             for k, v in row.items()})
        body, media = "\ufeff" + out.getvalue(), "text/csv; charset=utf-8"  # the BOM: spreadsheets read UTF-8
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="khabar-{name}.{format}"'})


def _chosen(lists: dict[str, Any], name: str, format: str) -> Response:
    """The download of list `name` (each value is the rows, or a function giving them)."""
    if name not in lists:
        raise HTTPException(422, f"download: {name!r} is not a list of this page; one of {', '.join(lists)}")
    rows = lists[name]
    return download(name, rows() if callable(rows) else rows, format)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, where: Filtered, q: Text = "", offset: Offset = 0, download: Download = None,
                format: Format = "csv") -> Response:
    refuse_control(q=q, entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    if download:
        return _chosen({"results": lambda: queries.search(store.reader(), q, where, limit=DOWNLOAD_ROWS,
                                                          snippets=False)["results"]}, download, format)
    answer = store.cached(queries.search, q, where, limit=PAGE_SIZE, offset=offset)
    results = [{**result, "snippet_html": render(result["snippet"], [Mark(s, e, "hit") for s, e in result["hits"]])}
               for result in answer["results"]]  # the cached answer is shared: each page adds to copies
    more = None
    if answer["total"] > offset + PAGE_SIZE:
        more = "?" + urlencode({**request.query_params, "offset": offset + PAGE_SIZE})
    return _page(request, "search.html", q=q, where=where, answer=answer, more=more,
                 results=_by_story(store, results), downloads=_downloads(request, "results"),
                 stats=store.cached(queries.counts, HEADER_COUNTS) if not q and offset == 0 else None)


def _by_story(store: Any, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Results with the copies of one story collapsed under its first (best) result: each carries the
    story's other articles (`copies`), so that the page says "and 3 more copies"."""
    sizes = store.cached(queries.story_sizes, tuple(r["story_id"] for r in results if r.get("story_id")))
    shown: list[dict[str, Any]] = []
    seen: set[str] = set()
    for result in results:
        story_id = result.get("story_id")
        if story_id in seen:
            continue
        copies: list[dict[str, Any]] = []
        if story_id and sizes.get(story_id, 1) > 1:
            seen.add(story_id)
            story = store.cached(queries.story, story_id) or {}
            copies = [m for m in story.get("members", []) if m["id"] != result["id"]]
        shown.append({**result, "copies": copies})
    return shown


def _downloads(request: Request, *names: str) -> dict[str, dict[str, str]]:
    """Links that download each named list of the page as CSV and JSON, with the page's filters."""
    params = {k: v for k, v in request.query_params.items() if k not in ("download", "format", "offset")}
    return {name: {f: "?" + urlencode({**params, "download": name, "format": f}) for f in ("csv", "json")}
            for name in names}


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
def entities_page(request: Request, where: Filtered, type: Code = None, download: Download = None,
                  format: Format = "csv") -> Response:
    refuse_control(entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    if download:
        return _chosen({"entities": lambda: store.cached(queries.entities, where, type=type, limit=DOWNLOAD_ROWS)},
                       download, format)
    rows = store.cached(queries.entities, where, type=type, limit=100)
    return _page(request, "entities.html", rows=rows, type=type, downloads=_downloads(request, "entities"))


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: EntityId, download: Download = None,
                format: Format = "csv") -> Response:
    store = store_of(request)
    found = store.cached(queries.entity, entity_id)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    # A state acts in events under its ISO3 code; other entities by the words that name them.
    codes = tuple(code for code, state in load_states().items() if state.qid == entity_id)
    events = store.cached(queries.entity_events, entity_id, codes, limit=DOWNLOAD_ROWS if download else 50)
    if download:
        return _chosen({"events": events, "names": found["names"], "named_with": found["co_mentioned"],
                        "quotes": found["quotes"], "latest": found["latest"], "months": found["months"]},
                       download, format)
    per_month = {m["month"]: m["articles"] for m in found["months"]}
    months, earlier = charts.span(per_month)
    chart = charts.bars([(m, per_month.get(m, 0)) for m in months], "مقالات في الشهر · articles per month")
    return _page(request, "entity.html", entity=found, chart=chart, earlier=earlier, codes=codes,
                 events=[_listed_event(e) for e in events],
                 downloads=_downloads(request, "events", "names", "named_with", "quotes", "latest", "months"))


def _listed_event(event: dict[str, Any]) -> dict[str, Any]:
    """An event of a list (dyad or entity page) with its evidence, trigger marked."""
    marks = []
    start = event.get("evidence_start") or 0
    if event.get("trigger_start") is not None and event.get("evidence"):
        marks.append(Mark(event["trigger_start"] - start, event["trigger_end"] - start, "event"))
    modes = [name for name in ("negated", "future", "hypothetical") if event.get(name)]
    return {**event, "evidence_html": render(event.get("evidence") or "", marks), "modes": modes}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, where: Filtered, source: Code = None, target: Code = None,
                download: Download = None, format: Format = "csv") -> Response:
    refuse_control(entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    source, target = (source or "").upper() or None, (target or "").upper() or None
    if download:
        return _chosen({
            "dyads": lambda: store.cached(queries.dyads, where, source=source, target=target,
                                          coded=not (source or target), limit=DOWNLOAD_ROWS),
            "timeline": lambda: store.cached(queries.event_timeline, where),
            "datelines": lambda: store.cached(queries.datelines, where),
            "places": lambda: store.cached(queries.event_places, where, limit=DOWNLOAD_ROWS)}, download, format)
    rows = store.cached(queries.event_timeline, where)
    by = "month"
    if len({r["period"] for r in rows}) < DAYS_BELOW_MONTHS:
        rows, by = store.cached(queries.event_timeline, where, by="day"), "day"
    states = load_states()
    edges = store.cached(queries.dyad_network, tuple(sorted(states)), where, limit=40)
    spots, unplaced = charts.event_map(store.cached(queries.event_places, where), states,
                                       "خريطة أماكن الأحداث · where events happened")
    per_period: dict[str, int] = {}
    for row in rows:
        per_period[row["period"]] = per_period.get(row["period"], 0) + row["stories"]
    periods, earlier = charts.span(per_period)
    return _page(request, "events.html", where=where, by=by, earlier=earlier, source=source, target=target,
                 timeline=charts.timeline(rows, periods, "الأحداث حسب النوع · events by PLOVER type"),
                 network=charts.network(edges, states, "شبكة الدول · state dyads"), edges=edges,
                 map=spots, unplaced=unplaced,
                 dyads=store.cached(queries.dyads, where, source=source, target=target,
                                    coded=not (source or target), limit=20),
                 downloads=_downloads(request, "dyads", "timeline", "places", "datelines"))


@router.get("/dyads/{source}/{target}", response_class=HTMLResponse)
def dyad_page(request: Request, source: ActorCode, target: ActorCode, where: Filtered,
              download: Download = None, format: Format = "csv") -> Response:
    """One directed dyad: stories and Goldstein by month, QuadClass split, its events with evidence."""
    refuse_control(entity=where.entity, outlet=where.outlet)
    store = store_of(request)
    found = store.cached(queries.dyad, source, target, where, limit=DOWNLOAD_ROWS if download else 100)
    if download:
        return _chosen({"events": found["events"], "months": found["months"], "types": found["types"],
                        "quad_classes": found["quad_classes"]}, download, format)
    if not found["mentions"]:
        raise HTTPException(404, f"no events from {source.upper()} to {target.upper()}"
                                 + (" with these filters" if where != Filters() else ""))
    per_month = {m["month"]: m for m in found["months"]}
    months, earlier = charts.span({m: row["stories"] for m, row in per_month.items()})
    states = load_states()
    return _page(request, "dyad.html", dyad=found, where=where, earlier=earlier,
                 names={code: states[code] for code in (found["source"], found["target"]) if code in states},
                 stories_chart=charts.bars([(m, per_month[m]["stories"] if m in per_month else 0) for m in months],
                                           "قصص في الشهر · stories per month"),
                 goldstein_chart=charts.line([(m, per_month[m]["goldstein"] if m in per_month else None)
                                              for m in months], "متوسط غولدستاين · mean Goldstein", low=-10, high=10),
                 quad_chart=charts.quad_split(found["quad_classes"], "الفئات الأربع · QuadClass"),
                 events=[_listed_event(e) for e in found["events"]],
                 downloads=_downloads(request, "events", "months", "types", "quad_classes"))
