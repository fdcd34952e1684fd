"""The page step: an Article's raw text becomes its headline, dateline, agency and body."""

from __future__ import annotations

from khabar.article import Article
from khabar.kb import knowledge_base
from khabar.page.reader import read_page
from khabar.resources import Resources
from khabar.step import Step

# What the page stage writes: everything of the Article between its raw text and the text stage.
# The outlet comes with the page from some sources; the page stage keeps it, or finds it in a credit line.
PAGE_FIELDS = ("body", "body_map", "headline", "dateline", "agency", "agency_span", "outlet", "continuation",
               "end_marker", "initials", "dropped", "date", "date_source")


def _read(article: Article, resources: Resources) -> None:
    layout = "plain" if resources.settings.plain else article.layout
    given, given_source = article.given_date or (None, None)
    page = read_page(article.raw, article.id, reference_date=article.reference_date, layout=layout,
                     outlet=article.outlet, kb=resources.get(knowledge_base), date=given, date_source=given_source)
    for name in PAGE_FIELDS:
        setattr(article, name, getattr(page, name))


PAGE_READER = Step("page", _read, ("raw",), PAGE_FIELDS, uses=(knowledge_base,))
