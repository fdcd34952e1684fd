"""The JSON API under /api/v1: one route per question of khabar.store.queries, plus one write."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from khabar.serve import models
from khabar.serve.params import (
    MAX_NAME_CHARS,
    ArticleId,
    Code,
    EntityId,
    Limit,
    Offset,
    Text,
    filters,
    refuse_control,
    refuse_unknown,
    store_of,
)
from khabar.serve.write import PostedArticle, check_token, store_posted
from khabar.store import queries
from khabar.store.queries import Filters

PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": models.Problem, "description": what}
    for code, what in ((404, "Unknown id"), (422, "Malformed or unknown parameter"))}
router = APIRouter(dependencies=[Depends(refuse_unknown)], responses=PROBLEMS)
Filtered = Annotated[Filters, Depends(filters)]
bearer = HTTPBearer(auto_error=False, description="The token the server was started with (--token)")


@router.get("/articles", response_model=models.SearchAnswer, summary="Latest articles passing the filters")
def list_articles(request: Request, where: Filtered, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    refuse_control(entity=where.entity, outlet=where.outlet)
    return store_of(request).cached(queries.search, "", where, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=models.Article,
             summary="One article: the read contract with store links")
def get_article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    found = queries.article(store_of(request).reader(), article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found


@router.post("/articles", status_code=201, response_model=models.Posted,
             summary="Read a page with khabar and store it (needs the token)",
             responses={200: {"model": models.Posted, "description": "The text was stored already"},
                        401: {"model": models.Problem, "description": "No token, or a wrong one"},
                        403: {"model": models.Problem, "description": "Writing is disabled"}})
def post_article(request: Request, posted: PostedArticle,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> Any:
    store = store_of(request)
    check_token(store.token, credentials.credentials if credentials else None)
    refuse_control(text=posted.text, url=posted.url)  # as the CLI refuses them: no NUL is stored
    answer = store_posted(store, posted)
    return JSONResponse(answer, status_code=201 if answer["created"] else 200)


@router.get("/search", response_model=models.SearchAnswer,
             summary="Full-text search with filters, best first, with snippets")
def search(request: Request, where: Filtered, q: Text = "", limit: Limit = 10,
           offset: Offset = 0) -> dict[str, Any]:
    refuse_control(q=q, entity=where.entity, outlet=where.outlet)
    return store_of(request).cached(queries.search, q, where, limit=limit, offset=offset)


@router.get("/entities", response_model=list[models.EntityRow],
             summary="Entities by the number of stories naming them")
def list_entities(request: Request, where: Filtered, type: Code = None, linked: bool = False,
                  limit: Limit = 20) -> list[dict[str, Any]]:
    refuse_control(entity=where.entity, outlet=where.outlet)
    return store_of(request).cached(queries.entities, where, type=type, linked=linked, limit=limit)


@router.get("/entities/{entity_id:path}", response_model=models.Entity,
             summary="One entity: names, months, co-mentions, quotations")
def get_entity(request: Request, entity_id: EntityId, limit: Limit = 20) -> dict[str, Any]:
    found = store_of(request).cached(queries.entity, entity_id, limit=limit)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return found


@router.get("/events", response_model=list[models.Dyad],
             summary="Event dyads (type, source, target), each story counted once")
def list_events(request: Request, where: Filtered, actor: Code = None, all_modes: bool = False,
                coded: bool = False, limit: Limit = 20) -> list[dict[str, Any]]:
    refuse_control(entity=where.entity, outlet=where.outlet)
    return store_of(request).cached(queries.events, where, actor=actor, all_modes=all_modes, coded=coded,
                          limit=limit)


@router.get("/events/timeline", response_model=list[models.TimelineCell],
             summary="Events that happened per period and PLOVER type")
def event_timeline(request: Request, where: Filtered,
                   by: Literal["month", "day"] = "month") -> list[dict[str, Any]]:
    refuse_control(entity=where.entity, outlet=where.outlet)
    return store_of(request).cached(queries.event_timeline, where, by=by)


@router.get("/quotes", response_model=list[models.Quote], summary="Quotations, latest first")
def list_quotes(request: Request, speaker: Annotated[str | None, Query(max_length=MAX_NAME_CHARS)] = None,
                limit: Limit = 20, offset: Offset = 0) -> list[dict[str, Any]]:
    refuse_control(speaker=speaker)
    return store_of(request).cached(queries.quotes, speaker=speaker, limit=limit, offset=offset)


@router.get("/stories", response_model=models.Stories,
             summary="Stories (articles telling the same news), largest first")
def list_stories(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return store_of(request).cached(queries.stories, limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=models.Story, summary="One story and its articles")
def get_story(request: Request, story_id: ArticleId) -> dict[str, Any]:
    found = store_of(request).cached(queries.story, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return found


@router.get("/stats", response_model=dict[str, int], summary="Counts of everything in the store")
def stats(request: Request) -> dict[str, int]:
    return store_of(request).cached(queries.stats)
