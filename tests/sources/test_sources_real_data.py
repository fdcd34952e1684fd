"""The shared corpora, read in place (never copied): ANT (TREC in tar.gz) and SaudiNewsNet (JSON in zip)."""

from __future__ import annotations

from collections import Counter

import pytest

from khabar.sources import iter_pages
from tests.conftest import shared_path


def _files(folder: str, pattern: str) -> list:
    files = sorted(shared_path("data", folder).glob(pattern))
    if not files:
        pytest.skip(f"no {pattern} in ../shared/data/{folder}")
    return files


def test_ant_multisource_archive_streams_every_article():
    count, errors, outlets, credits = 0, Counter(), Counter(), 0
    for page in iter_pages(_files("ant-corpus", "antcorpus.multisource.data-*.tar.gz")):
        count += 1
        outlets[page.outlet] += 1
        if page.error:
            errors[page.error] += 1
        elif page.meta.get("author") == "أبوظبي - سكاي نيوز عربية":
            credits += page.text.split("\n")[1] == "أبوظبي - سكاي نيوز عربية"
    # 31,525 .txt members (the README.md member is not an input); SOURCE.md counts 2 empty TEXT.
    assert count == 31_525
    assert errors == Counter({"no article text": 2})
    assert len(outlets) == 5
    assert credits == 13_708


def test_ant_jawhara_archive_dates_and_counts():
    pages = list(iter_pages(_files("ant-corpus", "antcorpus.data-*.tar.gz")))
    assert len(pages) == 10_161
    assert sum(p.error == "no article text" for p in pages) == 23
    # Its TIME fields mix ISO and day-first "01/07/2016"; each should match the date in the DOCNO.
    dated = [p for p in pages if p.date and p.id[-8:].isdigit()]
    assert sum(p.date.strftime("%Y%m%d") == p.id[-8:] for p in dated) / len(dated) > 0.95


def test_saudinewsnet_zips_yield_every_item():
    count, empty, outlets = 0, 0, Counter()
    for page in iter_pages(_files("saudinewsnet/dataset", "*.zip")):
        count += 1
        outlets[page.outlet] += 1
        empty += page.error == "no article text"
        if page.title and not page.error:
            assert page.text.startswith(page.title + "\n\n")
    assert count == 31_030
    assert empty == 133 + 221  # empty and whitespace-only `content`
    assert len(outlets) == 14
