"""The API's answers as pydantic models: they give /openapi.json its response schemas (so clients and
schemathesis know the shapes); the query layer still returns plain dicts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ArticleRow(BaseModel):
    id: str
    headline: str | None
    date: str | None
    agency: str | None
    outlet: str | None
    country: str | None
    story_id: str | None
    url: str | None
    duplicate_of: str | None
    snippet: str | None = None
    hits: list[tuple[int, int]] | None = None


class SearchAnswer(BaseModel):
    query: str
    keys: list[str]
    total: int
    total_exact: bool = True  # false: more matches than `total` (counting stops there)
    results: list[ArticleRow]


class Article(BaseModel):
    """The read contract (CONTRACT.md) of one article, with its store links; more fields may follow."""

    model_config = ConfigDict(extra="allow")
    store_id: str
    story_id: str | None
    duplicate_of: str | None
    headline: str | None = None
    body: str | None = None


class EntityRow(BaseModel):
    id: str
    name_en: str | None
    name_ar: str | None
    type: str | None
    country: str | None
    stories: int
    articles: int
    mentions: int


class NameCount(BaseModel):
    text: str
    mentions: int


class MonthCount(BaseModel):
    month: str
    articles: int


class CoMention(BaseModel):
    id: str
    name_en: str | None
    name_ar: str | None
    type: str | None
    articles: int


class Quote(BaseModel):
    article_id: str
    n: int
    text: str
    speaker: str | None
    speaker_en: str | None
    speaker_id: str | None
    kind: str | None
    start: int
    end: int
    headline: str | None
    date: str | None


class ArticleBrief(BaseModel):
    id: str
    headline: str | None
    date: str | None
    agency: str | None
    outlet: str | None


class Entity(BaseModel):
    id: str
    name_en: str | None
    name_ar: str | None
    type: str | None
    country: str | None
    names: list[NameCount]
    months: list[MonthCount]
    articles: int
    co_mentioned: list[CoMention]
    quotes: list[Quote]
    latest: list[ArticleBrief]


class Dyad(BaseModel):
    type: str
    source: str | None
    target: str | None
    stories: int
    articles: int
    mentions: int
    first: str | None
    last: str | None


class TimelineCell(BaseModel):
    period: str
    type: str
    stories: int


class StoryRow(BaseModel):
    id: str
    articles: int
    first: str | None
    last: str | None
    headline: str | None


class Stories(BaseModel):
    total: int
    results: list[StoryRow]


class Story(StoryRow):
    members: list[ArticleRow]


class Posted(BaseModel):
    id: str
    created: bool
    headline: str | None
    url: str


class Problem(BaseModel):
    """Why a request was refused; `errors` lists each bad parameter when there are several."""

    detail: str
    errors: list[dict[str, str]] | None = None
