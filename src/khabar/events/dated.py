"""Acts dated to an earlier year than the story's: "وقعت الاتفاقية عام 2015" in a story of 2018 recalls
a deal, it does not report one. News lists such history as background (the gold policy: events from
earlier years recalled in a story are not listed); an act going on "since" a year is still news.
"""

from __future__ import annotations

import re

from khabar.events.triggers import Match, SentenceWords
from khabar.lang.normalize import fold

YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
DATED_SPAN = 8  # words after the trigger's last word where its year stands (a verb's subject and object,
# then "في آذار/مارس 2014")
ONGOING = frozenset({"منذ", "حتي", "بحلول", "مطلع", "بداية"})  # words before a year that date no past act
# ("منذ عام 2011", "حتى 2020"); "مطلع/بداية" open a period that may run on
# A relative pronoun or a participle of making between the trigger and the year gives the year to the thing
# named ("الانسحاب من الاتفاق المبرم عام 2015": the deal is of 2015, the withdrawal is news).
NESTED = frozenset({"الذي", "التي", "الذين", "المبرم", "المبرمه", "الموقع", "الموقعه", "الصادر", "الصادره",
                    "المعقود", "المعقوده"})
# So does a word opening another act's frame: a reason, a charge, a time after or before another event
# ("فرضت عقوبات بزعم تدخلهم في انتخابات عام 2016", "بعد هجمات 2001"), or a year "of" a noun ("اتفاق
# التهدئة لعام 2014").
FRAMES = frozenset({"بزعم", "بتهمه", "بتهم", "بسبب", "بعد", "قبل", "بعدما", "عقب", "اثر", "جراء", "ردا", "بشان",
                    "حول", "لعام", "للعام", "لسنه", "للسنه"})


def story_year(date: str | None) -> int | None:
    """The year of an article's date ("2018-05-04"), None when it has none."""
    match = YEAR.match(date or "")
    return int(match.group()) if match else None


def dated_before(words: SentenceWords, match: Match, year: int) -> bool:
    """Is a year before `year` named in the trigger's gap or within DATED_SPAN words after it, in its clause?"""
    first, last, seen = match.words[0], match.words[-1], 0
    for j in range(first + 1, len(words)):  # inside a phrase's gap too ("توقيع الاتفاق في 2015 بين")
        if words.stop[j] or seen > DATED_SPAN:
            return False
        if j in match.words:
            continue
        seen += words.is_word(j) and j > last
        if fold(words.texts[j]) in NESTED or fold(words.texts[j]) in FRAMES:
            return False
        found = YEAR.match(words.texts[j])
        if found is None or int(found.group()) >= year:
            continue
        before = [fold(words.texts[k]) for k in range(max(first + 1, j - 2), j)]
        return ONGOING.isdisjoint(before)
    return False
