"""A long document costs the quotes layer work in proportion to its length: the mentions and cues a
speaker's resolution looks at grow linearly when the text is doubled (not with its square).

The work is counted, not timed: every mention and cue the layer reads through its Context."""

from __future__ import annotations

import pytest

from khabar.quotes import context, step
from tests.quotes.helpers import mention, quoted, read


class _Counted(list):
    """A list that counts the items read from it (by index, slice or iteration)."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        got = super().__getitem__(index)
        _Counted.reads += len(got) if isinstance(index, slice) else 1
        return got

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            _Counted.reads += 1
            yield item

    def __reversed__(self):  # type: ignore[no-untyped-def]
        for item in super().__reversed__():
            _Counted.reads += 1
            yield item


class _CountingContext(context.Context):
    def __setattr__(self, name: str, value: object) -> None:
        if name in ("mentions", "cues", "keys"):
            value = _Counted(value)  # type: ignore[arg-type]
        super().__setattr__(name, value)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(step, "Context", _CountingContext)
    select = step.select
    monkeypatch.setattr(step, "select", lambda *args: _Counted(select(*args)))  # the quotations

    def reads(unit: str, name: str | None, times: int) -> int:
        text = unit * times
        mentions = [mention(name, text, "PER", None, nth=i) for i in range(times)] if name else []
        _Counted.reads = 0
        read(text, mentions)
        return _Counted.reads

    return reads


def _linear(reads, unit: str, name: str | None = None) -> None:  # type: ignore[no-untyped-def]
    once, twice = reads(unit, name, 150), reads(unit, name, 300)
    assert once > 0
    assert twice <= 2.5 * once, (once, twice)


def test_a_spokesperson_repeated_all_through_a_document_is_linear(counted):
    # each "المتحدث باسم الحكومة" looks for a name beside its earlier occurrences; that look must
    # not read every cue of the document for each occurrence
    _linear(counted, 'وقال المتحدث باسم الحكومة إن "المحادثات مستمرة". ')


def test_an_office_noun_repeated_all_through_a_document_is_linear(counted):
    # each "وقال الوزير" looks back for the last person named with that office; with none named,
    # it must not read every person mention before it
    _linear(counted, 'وقال مروان حداد إن "الوضع هادئ". وقال الوزير إن "الخطة جاهزة". ', "مروان حداد")


def test_the_apposition_and_the_office_still_name_the_speaker():
    body = ('وقال إدوين صموئيل، المتحدث باسم الحكومة، إن "المحادثات مستمرة". '
            'وقال المتحدث باسم الحكومة إن "الجولة المقبلة قريبة".')
    article = read(body, [mention("إدوين صموئيل", body, "PER", "Edwin Samuel")])
    assert [q[2] for q in quoted(article)] == ["Edwin Samuel", "Edwin Samuel"]
    body = ('وقال وزير الخارجية أنتوني بلينكن إن "الحل قريب". وقال مروان حداد إن "الوضع هادئ". '
            'وقال الوزير إن "الخطة جاهزة".')
    article = read(body, [mention("أنتوني بلينكن", body, "PER", "Antony Blinken"),
                          mention("مروان حداد", body, "PER", None)])
    assert [q[2] for q in quoted(article)] == ["Antony Blinken", None, "Antony Blinken"]


@pytest.mark.parametrize("unit", [
    'وقال البيان إن "الوضع هادئ". ',  # the last statement's issuer
    'وقالت الوزارة إن "الوضع هادئ". ',  # the last ministry named
    'وقال المتحدث إن "الوضع هادئ". ',  # the last spokesperson
])
def test_an_anaphor_repeated_all_through_a_document_is_linear(counted, unit):
    # with no antecedent anywhere, each one must not look back through the whole document
    _linear(counted, unit)


def test_reported_speech_beside_many_quotations_is_linear(counted):
    # each reported clause is checked against the quotations opening where it starts, not all of them
    _linear(counted, 'وقال الوزير إن الوضع هادئ. وأضاف: "الخطة جاهزة للتنفيذ في الأسابيع المقبلة". ')
