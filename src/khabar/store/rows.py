"""The rows the store writes, one named type per table of schema.sql (a test checks they agree).

Each field is named after its column, and the writer inserts by those names. Rows are tuples
(NamedTuple), so that a record pickles cheaply on its way from a worker; after a Parquet shard
(khabar.run.shards) they come back as lists in the same field order, which inserts the same.
Columns the writer does not fill (articles.num, story_id, duplicate_of, similarity: dedup.py)
have no field. The rows of an article's annotations are keyed by its number, which a worker does not
know: they carry 0 (`article_num`, always their first field) and the writer puts the number in.
"""

from __future__ import annotations

from typing import NamedTuple

from khabar.store.ids import url_key


class ErrorRow(NamedTuple):
    """A page that could not be read, or an article a step failed on."""

    source: str
    page_id: str
    repeat: int
    position: int
    reason: str
    url: str | None


class CopyRow(NamedTuple):
    """A page read, and the article its text is."""

    source: str
    page_id: str
    repeat: int
    position: int
    article_id: str
    url: str | None
    url_key: str | None

    def failed(self, reason: str) -> ErrorRow:
        """This page as an error row: reading it failed for `reason`."""
        return ErrorRow(self.source, self.page_id, self.repeat, self.position, reason, self.url)


class PageKey(NamedTuple):
    """How the store knows a page: where it was read, its id, how many pages before it in that input
    had both the same, and its position."""

    source: str
    page_id: str
    repeat: int
    position: int

    def copy(self, article_id: str, url: str | None) -> CopyRow:
        return CopyRow(self.source, self.page_id, self.repeat, self.position, article_id, url, url_key(url))

    def error(self, reason: str, url: str | None) -> ErrorRow:
        return ErrorRow(self.source, self.page_id, self.repeat, self.position, reason, url)


class ArticleRow(NamedTuple):
    id: str
    content_hash: str
    page_id: str
    source: str
    position: int
    url: str | None
    outlet: str | None
    agency: str | None
    headline: str | None
    date: str | None
    place: str | None
    country: str | None
    sentences: int
    tokens: int
    doc: str | bytes  # the JSON text, or its stored form (docs.pack; as article_record makes it)


class MentionRow(NamedTuple):
    article_num: int  # articles.num: 0 until the writer numbers the article
    n: int
    role: str  # "mention" or "reference"
    part: str
    start: int
    end: int
    text: str
    type: str | None
    entity_id: str | None
    name_en: str | None
    country: str | None
    kind: str | None
    how: str | None


class EntityRow(NamedTuple):
    id: str
    type: str | None
    name_en: str | None
    name_ar: str | None
    country: str | None


class ArticleEntityRow(NamedTuple):
    article_num: int  # articles.num: 0 until the writer numbers the article
    entity_id: str
    mentions: int
    date: str | None  # the article's date, so that an entity's latest articles are read off an index


class EventRow(NamedTuple):
    article_num: int  # articles.num: 0 until the writer numbers the article
    n: int
    type: str
    sentence: int
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    source: str | None
    target: str | None
    source_text: str | None
    target_text: str | None
    source_sector: str | None
    target_sector: str | None
    mode: str | None
    negated: int
    future: int
    hypothetical: int
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    # Where it happened (khabar.events.location), for the map without reading the document.
    place_country: str | None = None
    place_name: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_how: str | None = None


class QuoteRow(NamedTuple):
    article_num: int  # articles.num: 0 until the writer numbers the article
    n: int
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_en: str | None
    speaker_id: str | None
    sentence: int | None
    kind: str | None
    date: str | None = None  # the article's date: a speaker's latest quotations, by index


class SignatureRow(NamedTuple):
    article_num: int  # articles.num: 0 until the writer numbers the article
    minhash: bytes


class DispatchRow(NamedTuple):
    """A dispatch's lead (with a dateline or agency) or one of its continuation parts, by input file
    and headline key (dispatches.py). A part also keeps what it had of its own, so that linking it
    again (to a nearer lead written later) starts from its own reading."""

    source: str  # the input file: the page's source up to "#"
    key: str  # khabar.page.headline.headline_key of the headline
    position: int
    article_id: str
    part: int  # 1: a continuation part; 0: a lead
    lead_id: str | None  # a part's lead, once linked
    own_dateline: int  # a part's own reading had a dateline
    own_agency: int  # … an agency
    own_date: str | None  # … this date (its input's date when it had no dateline)


class KeysRow(NamedTuple):
    """The search keys of an article, under the article's `num` (the FTS table's rowid)."""

    rowid: int
    headline: str
    body: str


TABLES: dict[type, str] = {
    ErrorRow: "errors", CopyRow: "copies", ArticleRow: "articles",
    MentionRow: "mentions", EntityRow: "entities", ArticleEntityRow: "article_entities", EventRow: "events",
    QuoteRow: "quotes", SignatureRow: "signatures", KeysRow: "article_keys", DispatchRow: "dispatches",
}
