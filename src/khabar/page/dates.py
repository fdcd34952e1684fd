"""The publication date of an article, and where it comes from, in order of trust: the source's own
metadata (TREC <TIME>, a JSON "date", an HTML article:published_time or <time>, a WARC date), the
dateline (when it gives day, month and a year or one the reference date settles), the time of the
file or archive member (unless the caller gave a reference date), the reference date."""

from __future__ import annotations

import datetime as dt

from khabar.article import Article

OWN_SOURCES = frozenset({"trec", "json", "html", "warc"})


def set_date(article: Article, date: dt.date | None, source: str | None) -> None:
    """Set `article.date` and `article.date_source` from the page's date (and its source), the
    dateline and the reference date."""
    if date is not None and source in OWN_SOURCES:
        article.date, article.date_source = date.isoformat(), source
    elif article.dateline is not None and article.dateline.date and not article.dateline.inherited_from:
        article.date, article.date_source = article.dateline.date, "dateline"
    elif date is not None and source != "reference" and article.reference_date in (None, date):
        article.date, article.date_source = date.isoformat(), source or "file"
    elif article.reference_date is not None:  # given by the caller: it outranks a file's time
        article.date, article.date_source = article.reference_date.isoformat(), "reference"
