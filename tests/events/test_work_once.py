"""Work the event coder used to do twice on a sentence is done once: the sentence is matched against
the lexicon once (the narrower look is cut from the open one), and the realis features of a type are
worked out once (whether the sentence reports it and how much the model doubts it come from them).
Each check also holds that the single pass answers as the two passes did."""

from __future__ import annotations

import random

from khabar.events import realis, triggers
from khabar.events.coder import SentenceCoder, _passages
from khabar.events.realis import judge, realis_features, report_parts
from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords, match_sentence, narrowed, open_matches
from khabar.resources import Resources
from khabar.text.tokens import tokenize
from tests.events.conftest import article_of, mention

SENTENCES = (
    "قصفت الطائرات الإسرائيلية مواقع في غزة وأدانت الحكومة القصف.",
    "أعربت الوزارة في بيان عن ترحيبها بالاتفاق.",
    "أعلنت الولايات المتحدة واليابان عن استراتيجية جديدة.",
    "طالب الرئيس بوقف إطلاق النار ودعا إلى السماح بإدخال المساعدات.",
    "قتل خمسة أشخاص وأصيب عشرة آخرون في هجوم على سوق المدينة.",
    "تظاهر آلاف الطلاب أمام الوزارة احتجاجا على القرار.",
    "لم يهاجم الجيش القرية، لكنه هدد بقصفها إذا لم تنسحب الجماعة.",
    "التقى وزير الخارجية نظيره الفرنسي وبحث معه سبل التعاون.",
)


def _tables():
    return Resources().get(event_tables)


def test_a_narrower_look_is_cut_from_the_open_matches():
    tables = _tables()
    rng = random.Random(3)
    checked = 0
    for text in SENTENCES:
        words = SentenceWords(tokenize(text).words(), tables)
        found = open_matches(words, tables.lexicon)
        assert found == match_sentence(words, tables.lexicon, frozenset(), frozenset(range(len(words))))
        for _ in range(40):  # any words taken as names, any words free in a gap
            names = frozenset(j for j in range(len(words)) if rng.random() < 0.15)
            free = frozenset(j for j in range(len(words)) if rng.random() < 0.5)
            assert narrowed(words, found, names, free) == match_sentence(words, tables.lexicon, names, free)
            checked += 1
        assert narrowed(words, found) == match_sentence(words, tables.lexicon)
    assert checked


def test_a_phrase_whose_gap_is_too_long_is_left_out_unless_the_gap_words_are_free():
    tables = _tables()
    # "أعربت … عن": a phrase with a gap; the words between are more than a short gap allows when none is free
    words = SentenceWords(tokenize("أعربت وزارة الخارجية الأمريكية في بيان صدر اليوم عن ترحيبها بالاتفاق").words(),
                          tables)
    found = open_matches(words, tables.lexicon)
    phrases = [m for m in found if len(m.words) > 1]
    assert phrases
    tight = narrowed(words, found, frozenset(), frozenset())
    assert tight == match_sentence(words, tables.lexicon)
    assert len([m for m in tight if len(m.words) > 1]) < len(phrases)
    loose = narrowed(words, found, frozenset(), frozenset(range(len(words))))
    assert loose == found


def _coded_with_counts(monkeypatch, body, mentions=()):
    """Code `body`, counting the lexicon scans per sentence by the coder (the attacher's own look for
    the acts near an actor, with no names and no free words, is not the coder's) and the realis
    features worked out."""
    scans: dict[int, int] = {}
    kept: list = []  # the sentences scanned, held so that no two share an id
    features = [0]
    scan, worked = triggers._matches, realis.realis_features

    def counted_scan(words, lexicon, names, free):
        if names or free:
            kept.append(words)
            scans[id(words)] = scans.get(id(words), 0) + 1
        return scan(words, lexicon, names, free)

    def counted_features(*args):
        features[0] += 1
        return worked(*args)

    monkeypatch.setattr(triggers, "_matches", counted_scan)
    monkeypatch.setattr(realis, "realis_features", counted_features)
    resources = Resources()
    tables = resources.get(event_tables)
    coder = SentenceCoder(tables)
    for passage in _passages(article_of(body, mentions), tables, resources):
        coder.code(passage)
    return scans, features[0], coder


def test_each_sentence_is_matched_against_the_lexicon_once(monkeypatch):
    body = ("التقى الرئيس الأمريكي جو بايدن رئيس الوزراء العراقي في بغداد. "
            "وقصفت الطائرات الإسرائيلية مواقع في غزة. الطقس جميل اليوم. "
            "وأدان جو بايدن الهجوم على السفارة.")
    mentions = [mention(body, "جو بايدن", "PER", "USA")]
    scans, _, coder = _coded_with_counts(monkeypatch, body, mentions)
    assert coder.events  # the sentences have triggers
    assert scans and set(scans.values()) == {1}


def test_the_realis_features_of_a_type_are_worked_out_once_per_sentence(monkeypatch):
    # attacks named without being plainly reported: the model is asked both whether the sentence
    # reports them and how much it doubts them
    body = ("تحدث التقرير عن سلسلة هجمات وقعت في العاصمة. "
            "زعم المتحدث أن الحزب نفذ عمليات اغتيال. "
            "قتل خمسة أشخاص في هجوم على سوق المدينة.")
    _, asked, _ = _coded_with_counts(monkeypatch, body)
    tables = _tables()
    typed = 0
    for passage in _passages(article_of(body), tables, Resources()):
        words = passage.table.sentence(passage.first, passage.last)
        typed += len({m.entry.type for m in open_matches(words, tables.lexicon) if m.entry.type in tables.lexicon.reports})
    assert asked <= typed  # never twice for one type of one sentence


def test_judge_answers_as_reports_and_doubt():
    tables = _tables()
    seen = 0
    for text in SENTENCES:
        article = article_of(text)
        for passage in _passages(article, tables, Resources()):
            words = passage.table.sentence(passage.first, passage.last)
            coder = SentenceCoder(tables)
            matches = triggers.find_triggers(words, tables.lexicon)
            for plover in {m.entry.type for m in matches}:
                rule = tables.lexicon.reports.get(plover)
                if rule is None:
                    continue
                mine = [m for m in matches if m.entry.type == plover]
                modes = [coder._modes(words, m) for m in mine]
                reported, probability = judge(plover, words, mine, rule, modes)
                assert reported == realis.reports(plover, words, mine, rule, modes)
                if not all(m.negated or m.future or m.hypothetical for m in modes):
                    assert probability == realis.doubt(plover, words, mine, rule, modes)
                # the block's points come from the one look at the parts, as from a look with the rule's own
                points = sum(report_parts(words, mine, rule).values()) - rule.threshold
                found = realis_features(words, mine, rule, modes)
                assert all((f"points>={n:+d}" in found) == (points >= n) for n in range(-3, 3))
                seen += 1
    assert seen


def _forms_as_listed(word: str, split) -> tuple:
    """The lookup forms as the rules list them, each level made whole and then cut of forms an
    earlier level has (every pronoun tried on every form), to hold the built-in-place forms to."""
    from khabar.events.forms import PRONOUNS, _proclitics, _strip_article
    from khabar.lang.letters import DIACRITICS, TATWEEL
    from khabar.lang.normalize import fold

    def pronouns(form: str, ta: bool) -> list[str]:
        out = []
        for suffix in PRONOUNS[:-1] if ta else PRONOUNS:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                out.append(form[: -len(suffix)])
                if out[-1].endswith("ت"):
                    out.append(out[-1][:-1] + "ه")
        return out

    norm = fold(word)
    prefix, suffix, key = split(word)
    if suffix and fold(word[len(word) - suffix:]) == "ي":
        key = fold(word[prefix:])
    stripped = _proclitics(norm) if norm[0] in "وفبلك" else []
    futures = [b[1:] for b in (norm, stripped[0] if stripped else "") if len(b) > 3 and b[0] == "س" and b[1] in "يتنا"]
    ta = word.rstrip(DIACRITICS + TATWEEL).endswith("ة")
    levels = [_strip_article(key), _strip_article(norm), [f for s in stripped for f in _strip_article(s)],
              [(f, False) for f in futures], [(p, False) for b in (norm, *stripped, *futures) for p in pronouns(b, ta)]]
    seen: list = []
    out = []
    for level in levels:
        fresh = [f for f in dict.fromkeys(level) if f[0] and f not in seen]
        seen += fresh
        if fresh:
            out.append(tuple(fresh))
    return tuple(out), frozenset(f for f, _ in seen) | {norm}


def test_lookup_forms_built_in_place_are_the_listed_ones():
    from khabar.events.forms import word_forms

    tables = _tables()
    rng = random.Random(11)
    stems = ["قصف", "مهاجمة", "سفير", "هجوم", "مسلح", "قتال", "عسكري", "دعم", "وزير", "يقوم", "تقيم", "حكومة"]
    fronts = ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "س", "وس"]
    backs = ["", "ها", "هما", "هم", "هن", "كم", "نا", "ني", "ه", "ة", "ته", "تها", "ي", "ين", "ون"]
    words = {rng.choice(fronts) + rng.choice(stems) + rng.choice(backs) for _ in range(600)}
    words |= {w + "ـ" for w in list(words)[:50]} | {w[:-1] + "ةَ" for w in list(words)[:50] if w}
    for word in sorted(words):
        made = word_forms(word, tables.split)
        levels, every = _forms_as_listed(word, tables.split)
        assert made.levels == levels and made.all == every, word
