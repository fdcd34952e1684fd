"""The one write: a posted page is read with khabar's pipeline and stored like an ingested one."""

from __future__ import annotations

import datetime as dt
import hmac
from typing import TYPE_CHECKING, Any

from fastapi import HTTPException
from pydantic import BaseModel, Field

from khabar.errors import InputError
from khabar.pipeline import read
from khabar.sources.decode import check_language
from khabar.store.records import article_record
from khabar.store.writer import store_article

if TYPE_CHECKING:
    from khabar.serve.readers import Store

MAX_TEXT_CHARS = 200_000
SOURCE = "api"


class PostedArticle(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="The page: headline, dateline, body")
    date: dt.date | None = Field(None, description="Reference date for the dateline's year")
    url: str | None = Field(None, max_length=2000)
    plain: bool = Field(False, description="The text is clean article text, without page furniture")


def check_token(expected: str | None, given: str | None) -> None:
    """Writing needs the operator's token; without one configured, it is off."""
    if not expected:
        raise HTTPException(403, "writing is disabled: start khabar serve with --token or KHABAR_TOKEN")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid token is required: send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


def store_posted(store: Store, posted: PostedArticle) -> dict[str, Any]:
    """Read and store `posted`; its stories and counts are brought up to date."""
    try:
        check_language(posted.text, "posted")  # as ingest does for every page it is given
    except InputError as exc:
        raise HTTPException(422, f"the text could not be read: {exc.reason}") from exc
    article = read(posted.text, id="posted", date=posted.date, plain=posted.plain)
    article.url, article.source = posted.url, SOURCE
    record = article_record(article)
    if record["article"] is None or not article.body.strip():
        raise HTTPException(422, f"the text could not be read: {record['error'] or 'no article body found'}")
    with store.write_lock:
        created = store_article(store.db, record, source=SOURCE, url=posted.url)
    return {"id": record["id"], "created": created, "headline": record["article"].headline,
            "url": f"/api/v1/articles/{record['id']}"}
