"""Acts dated to an earlier year than the story's: "وقعت الاتفاقية عام 2015" in a story of 2018 recalls
a deal, it does not report one. News lists such history as background (the gold policy: events from
earlier years recalled in a story are not listed); an act going on "since" a year is still news.
"""

from __future__ import annotations

import re

from khabar.events.triggers import Match, SentenceWords

YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
DATED_SPAN = 8  # words after the trigger's last word where its year stands (a verb's subject and object,
# then "في آذار/مارس 2014")
# The words that keep a year from dating the act are agents.yaml's `dated` lists.


def story_year(date: str | None) -> int | None:
    """The year of an article's date ("2018-05-04"), None when it has none."""
    match = YEAR.match(date or "")
    return int(match.group()) if match else None


def dated_before(words: SentenceWords, match: Match, year: int) -> bool:
    """Is a year before `year` named in the trigger's gap or within DATED_SPAN words after it, in its clause?"""
    agents = words.tables.agents
    stops = agents.dated_nested | agents.dated_frames
    first, last, seen = match.words[0], match.words[-1], 0
    for j in range(first + 1, len(words)):  # inside a phrase's gap too ("توقيع الاتفاق في 2015 بين")
        if words.stop[j] or seen > DATED_SPAN:
            return False
        if j in match.words:
            continue
        seen += words.is_word(j) and j > last
        if words.norms[j] in stops:
            return False
        found = YEAR.match(words.texts[j])
        named = int(found.group()) if found is not None else _decade(words, j, agents.dated_decades)
        if named is None or named >= year:
            continue
        before = words.norms[max(first + 1, j - 2):j]
        return agents.dated_ongoing.isdisjoint(before)
    return False


def _decade(words: SentenceWords, j: int, decades: dict[str, int]) -> int | None:
    """The last year of the decade word j names ("في التسعينيات"), None when it names none."""
    norm = words.norms[j]
    last = decades.get(norm)
    if last is None and norm[:1] in "وفبل":  # "والتسعينيات", "بالثمانينات"
        last = decades.get(norm[1:])
    return last
