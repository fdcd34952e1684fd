"""A document far longer than an article is tagged in bounded parts: runs of sentences of a limited
number of tokens per tagger call, and a "sentence" without ends in windows; nothing is lost."""

from __future__ import annotations

import random

import khabar
from khabar.article import Mention
from khabar.entities import link
from khabar.entities.link import _token_batches
from khabar.lang.normalize import fold


def test_token_batches_keep_every_sentence_in_order_within_the_limit():
    sents = [["w"] * n for n in (3, 5, 2, 9, 1, 4, 4, 12, 0, 2)]
    parts = list(_token_batches(sents, 8))
    assert [s for part in parts for s in part] == sents
    for part in parts:
        assert len(part) == 1 or sum(map(len, part)) <= 8


def test_a_sentence_longer_than_the_window_is_tagged_to_its_end(monkeypatch):
    clause = "وقال وزير الخارجية الكويتي الشيخ صباح الخالد إن الكويت تدعم الحوار، "
    text = clause * 60  # one "sentence" of ~700 tokens: no full stop anywhere
    whole = khabar.read(text, plain=True)
    monkeypatch.setattr(link, "MAX_SENTENCE_TOKENS", 50)
    monkeypatch.setattr(link, "TAGGER_CALL_TOKENS", 120)
    parts = khabar.read(text, plain=True)
    found = [m for m in parts.mentions if m.text.endswith("الكويت")]
    assert found and max(m.start for m in found) > len(text) * 0.9  # the last window was tagged
    assert len(parts.mentions) >= 0.9 * len(whole.mentions)


def _referred_back_as_scanned(mentions: list[Mention]) -> list[Mention]:
    """What institutions_referred_back answered when it read every earlier name for each mention."""
    out, named = [], []
    for mention in mentions:
        if mention.how == "institution" and mention.id is None:
            key = fold(mention.text) + " "
            earlier = next((m for folded, m in reversed(named) if folded.startswith(key)), None)
            if earlier is not None:
                mention = Mention(mention.start, mention.end, mention.text, mention.type, earlier.name_en,
                                  earlier.id, earlier.country, mention.where, earlier.kind, "referred back")
        if (mention.type == "ORG" and mention.id is not None) or mention.how == "institution":
            named.append((fold(mention.text), mention))
        out.append(mention)
    return out


def _institutions(rng: random.Random, count: int) -> list[Mention]:
    words = ["وزارة", "الخارجية", "الدفاع", "البريطانية", "السفارة", "الفرنسية", "الحكومة", "الداخلية"]
    out = []
    for n in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        linked = rng.random() < 0.3
        out.append(Mention(n * 40, n * 40 + len(text), text, rng.choice(["ORG", "LOC"]),
                           f"Org {n}" if linked else None, f"Q{n}" if linked else None, "GBR" if linked else None,
                           how=rng.choice(["institution", "ner"])))
    return out


def test_institutions_are_referred_back_as_the_scan_did():
    rng = random.Random(3)
    for _ in range(200):
        mentions = _institutions(rng, rng.randint(0, 30))
        assert link.institutions_referred_back(mentions) == _referred_back_as_scanned(mentions)


class _CountedStr(str):
    """A folded name that counts the comparisons made on it."""

    calls = 0

    def startswith(self, *args):  # type: ignore[no-untyped-def, override]
        _CountedStr.calls += 1
        return super().startswith(*args)

    def find(self, *args):  # type: ignore[no-untyped-def, override]
        _CountedStr.calls += 1
        return super().find(*args)


def test_referring_institutions_back_compares_each_name_a_bounded_number_of_times(monkeypatch):
    # unlinked institutions that no earlier name begins with: each was compared with all before it
    monkeypatch.setattr(link, "fold", lambda text: _CountedStr(fold(text)))
    work = []
    for count in (500, 1000):
        mentions = [Mention(n * 40, n * 40 + 20, f"مؤسسة {n}", "ORG", how="institution") for n in range(count)]
        _CountedStr.calls = 0
        link.institutions_referred_back(mentions)
        work.append(_CountedStr.calls)
    assert work[1] <= 2.5 * work[0], work
