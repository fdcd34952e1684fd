"""The text steps: sentences and tokens of the body."""

from __future__ import annotations

from khabar.article import Article
from khabar.resources import Resources
from khabar.step import Step
from khabar.text.sentences import split_sentences
from khabar.text.tokens import tokenize


def _sentences(article: Article, resources: Resources) -> None:
    article.sentences = split_sentences(article.body)


def _tokens(article: Article, resources: Resources) -> None:
    article.tokens = tokenize(article.body, resources)
    if article.headline is not None:
        article.headline_tokens = tokenize(article.headline.text, resources)


SENTENCIZER = Step("sentences", _sentences, ("body",), ("sentences",))
TOKENIZER = Step("tokens", _tokens, ("body", "headline"), ("tokens", "headline_tokens"))
