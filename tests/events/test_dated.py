"""Acts dated to a year before the story's are background; an act named with a deal of an earlier
year, or going on since one, is still news. Wording composed for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.events.dated import story_year
from khabar.pipeline import read
from tests.events.conftest import dyads

STORY = dt.date(2019, 3, 5)


def _events(text: str, date: dt.date | None = STORY):
    return read(text, plain=True, date=date).events


@pytest.mark.parametrize("text", [
    "وكانت البرازيل والأرجنتين قد وقعتا اتفاقا تجاريا عام 2012.",
    "وزار الرئيس البرازيلي الأرجنتين في آذار/مارس 2014 في أول زيارة له.",
])
def test_act_dated_before_the_story_is_background(text):
    assert not dyads(_events(text))


@pytest.mark.parametrize("text", [
    "وكانت البرازيل والأرجنتين قد وقعتا اتفاقا تجاريا أمس.",
    "وزار الرئيس البرازيلي الأرجنتين في آذار/مارس 2019 في أول زيارة له.",
])
def test_act_of_the_story_year_or_undated_is_news(text):
    assert dyads(_events(text))


def test_without_a_story_date_no_year_is_history():
    assert dyads(_events("وكانت البرازيل والأرجنتين قد وقعتا اتفاقا تجاريا عام 2012.", date=None))


def test_the_year_of_a_deal_named_after_the_act_is_the_deals():
    events = _events("وأعلن الرئيس البرازيلي انسحاب بلاده من الاتفاق التجاري المبرم مع الأرجنتين عام 2012.")
    assert dyads(events, "REJECT")


def test_since_a_year_is_still_going_on():
    events = _events("وتفرض الولايات المتحدة عقوبات على فنزويلا منذ عام 2015.")
    assert ("USA", "VEN") in dyads(events, "SANCTION")


@pytest.mark.parametrize("date,year", [("2018-05-04", 2018), ("1999", 1999), (None, None), ("", None)])
def test_story_year(date, year):
    assert story_year(date) == year


@pytest.mark.parametrize("text,pair,kind", [
    ("وفرضت الولايات المتحدة عقوبات على مسؤولين فنزويليين بزعم تورطهم في انتخابات عام 2015.", ("USA", "VEN"),
     "SANCTION"),
    ("ودعت البرازيل فنزويلا إلى العودة إلى اتفاق الحدود لعام 2012.", ("BRA", "VEN"), "REQUEST"),
])
def test_a_year_in_another_acts_frame_does_not_date_this_one(text, pair, kind):
    assert pair in dyads(_events(text), kind)


def test_year_inside_a_phrase_dates_it():
    events = _events("وهدد الرئيس بإلغاء المزايا التي منحت بعد توقيع الاتفاق في يوليو 2012 بين البرازيل والأرجنتين.")
    assert not dyads(events, "AGREE")


# -- a decade named instead of a year dates the act as its years would
@pytest.mark.parametrize("decade", ["في التسعينيات", "في الثمانينات من القرن الماضي"])
def test_act_dated_to_an_earlier_decade_is_background(decade):
    assert not dyads(_events(f"وكانت البرازيل والأرجنتين قد وقعتا اتفاقا تجاريا {decade}."))


def test_act_going_on_since_a_decade_is_news():
    events = _events("وتفرض الولايات المتحدة عقوبات على كوبا منذ الستينيات.")
    assert ("USA", "CUB") in dyads(events, "SANCTION")
