"""Figures on real corpora in ../shared/data (skipped when it is absent): the Saudi Press Agency
dispatches of SaudiNewsNet, and the headlines of the ANT corpus."""

from __future__ import annotations

from itertools import islice

import pytest

from khabar.page.continuations import link_continuations
from khabar.page.reader import read_page
from khabar.pipeline import default_pipeline
from khabar.sources import iter_pages
from tests.conftest import shared_path
from tests.page.layouts import hard_wrap


def test_real_spa_dispatches_have_agency_and_dateline():
    dataset = shared_path("data", "saudinewsnet", "dataset")
    spa = (page for page in iter_pages([dataset]) if page.outlet == "was")
    articles = list(default_pipeline().read_pages(spa))
    assert len(articles) == 369
    good = [a for a in articles if a.agency == "SPA" and a.dateline and a.dateline.place and a.dateline.year]
    share = len(good) / len(articles)
    print(f"SPA dispatches with agency, place and year: {len(good)}/{len(articles)} = {share:.3f}")
    assert share >= 0.99
    # Parts of a dispatch ("إضافة أولى") find the dispatch they continue.
    parts = [a for a in articles if a.continuation is not None]
    assert parts and all(a.continues for a in parts)


@pytest.mark.parametrize("width", [50, 64, 80])
def test_real_spa_dispatches_hard_wrapped_keep_agency_and_dateline(width):
    dataset = shared_path("data", "saudinewsnet", "dataset")
    spa = [page for page in iter_pages([dataset]) if page.outlet == "was"]
    articles = list(link_continuations(read_page(hard_wrap(p.text, width), p.id, reference_date=p.date)
                                       for p in spa))
    good = [a for a in articles if a.agency == "SPA" and a.dateline and a.dateline.place and a.dateline.year]
    share = len(good) / len(articles)
    print(f"SPA dispatches wrapped at {width} with agency, place and year: {len(good)}/{len(articles)} = {share:.3f}")
    assert share >= 0.99


def test_real_ant_headlines_are_the_titles():
    archive = next(shared_path("data", "ant-corpus").glob("antcorpus.multisource.data-*.tar.gz"))
    pages = [p for p in islice(iter_pages([archive]), 3000) if not p.error and p.title]
    articles = list(default_pipeline().read_pages(pages))
    same = sum(1 for page, a in zip(pages, articles, strict=True)
               if a.headline and " ".join(a.headline.text.split()) == " ".join(page.title.split()))
    share = same / len(pages)
    print(f"ANT headlines equal to <TITLE>: {same}/{len(pages)} = {share:.3f}")
    assert share >= 0.99
    bodies = sum(1 for a in articles if len(a.body) > 50)
    assert bodies / len(articles) >= 0.98
