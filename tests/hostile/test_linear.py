"""Work that used to grow with the square of a document (or worse) now grows with its length; these
check that the faster way gives the answers the slow one gave, on composed inputs."""

from __future__ import annotations

import random

import numpy as np

from khabar.entities.crfmodel import MAX_DECODE_TOKENS, viterbi_flat
from khabar.entities.resolve import FullNames
from khabar.quotes import marks


def test_a_sentence_longer_than_the_decode_limit_is_decoded_in_pieces():
    rng = np.random.default_rng(7)
    n_lab = 5
    trans = rng.normal(size=(n_lab, n_lab))
    long_len, short_len = 3 * MAX_DECODE_TOKENS + 17, 40
    scores = rng.normal(size=(long_len + short_len, n_lab))
    together = viterbi_flat(scores, np.array([0, long_len, long_len + short_len]), trans)
    cuts = [*range(0, long_len, MAX_DECODE_TOKENS), long_len, long_len + short_len]
    pieces = np.concatenate([viterbi_flat(scores[a:b], np.array([0, b - a]), trans)
                             for a, b in zip(cuts[:-1], cuts[1:], strict=True)])
    assert together.tolist() == pieces.tolist()
    # a short sentence alone is decoded whole, as before
    short = viterbi_flat(scores[:short_len], np.array([0, short_len]), trans)
    assert len(short) == short_len


def _scanned(body: str) -> list:
    """The pairing as it was made before: the innermost open mark of a family found by a scan down."""
    found, stack = [], []
    for match in marks.MARK_RE.finditer(body, 0, len(body)):
        at = match.start()
        family, opener = marks.MARKS[match.group()]
        how = marks.role(body, at, 0, len(body))
        depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].family == family), -1)
        if marks._closes(opener, how, depth, stack):
            outer = stack[0]
            del stack[depth:]
            if depth == 0:
                marks._add(found, body, outer.at, at + 1, at)
        elif marks._opens(family, opener, how):
            stack.append(marks._Open(family, at, opener is False))
    if stack:
        marks._add(found, body, stack[0].at, len(body), None)
    return found


def test_quotation_marks_are_paired_as_the_scan_down_the_stack_paired_them():
    rng = random.Random(5)
    alphabet = [*marks.MARKS, "قال", "الوزير", " ", " ", "،"]
    for _ in range(300):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        assert marks._paragraph(body, 0, len(body)) == _scanned(body)


def test_full_names_answer_as_the_scan_back_did():
    names = FullNames()
    for index, full in enumerate(["جو بايدن", "كامالا هاريس", "جو بايدن الابن"]):
        names.add(index, full)
    assert names.owner("بايدن") == 0  # the last words of a name
    assert names.owner("جو") == 2  # the first words; the latest name wins
    assert names.owner("جو بايدن") == 2  # not a name itself, but the first words of a longer one
    assert names.owner("هاريس") == 1
    assert names.owner("كامالا هاريس") is None  # a whole name is not a short form of itself
    assert names.owner("") is None and names.owner("بايد") is None


def test_the_event_words_of_a_text_look_each_new_mark_up_once():
    # a quick record (a mark, a foreign word) is not kept in the word table: a page of a million
    # quotation marks looked each one up again; the words of one text look each form up once
    from khabar.events.tables import event_tables
    from khabar.events.words import TextWords
    from khabar.resources import Resources

    tables = Resources().get(event_tables)
    asked: list[str] = []
    quick = tables.quick_record

    def counted(text: str, norm: str):  # type: ignore[no-untyped-def]
        asked.append(text)
        return quick(text, norm)

    tables.quick_record = counted  # type: ignore[method-assign]
    for times in (100, 200):
        asked.clear()
        texts = ["قال", "\u2e42", "الوزير", "\u2e42\u2e42", *(["\u2e42", "x\u00b6"] * times)]
        table = TextWords(texts, tables)
        assert table.records[1] == table.records[-2] and table.records[-1] == table.records[-3]
        assert sorted(set(asked)) == sorted(asked), asked  # each form once, whatever the length
