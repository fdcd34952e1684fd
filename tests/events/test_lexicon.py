"""The lexicon files: every type present and valid, conjugation, validation errors with their line."""

from __future__ import annotations

import textwrap

import pytest

from khabar.errors import DataFileError
from khabar.events.lexicon import compile_lexicon, conjugate, lexicon_paths, load_lexicon
from khabar.events.scales import GOLDSTEIN, PLOVER_TYPES, QUAD_CLASS, ROOTS_OF_TYPE


def test_lexicon_one_file_per_type_all_load():
    assert [p.stem.upper() for p in lexicon_paths()] == list(PLOVER_TYPES)
    lexicon = load_lexicon()
    assert set(lexicon.sizes) == set(PLOVER_TYPES)
    assert all(entries >= 9 and forms >= 200 for entries, forms in lexicon.sizes.values())


def test_lexicon_codes_agree_with_their_type():
    for entries in load_lexicon().index.values():
        for entry in entries:
            assert entry.cameo[:2] in ROOTS_OF_TYPE[entry.type], entry.source
            assert entry.cameo[:2] in GOLDSTEIN


def test_lexicon_quad_classes_cover_the_types():
    assert set(QUAD_CLASS) == set(PLOVER_TYPES)
    assert {QUAD_CLASS[t] for t in ("AGREE", "COOPERATE", "ACCUSE", "ASSAULT")} == {1, 2, 3, 4}


@pytest.mark.parametrize(("pair", "forms"), [
    ("قصف/يقصف", {"قصف", "قصفت", "قصفوا", "قصفا", "يقصف", "تقصف", "يقصفون", "يقصفان"}),  # shell
    ("دعا/يدعو", {"دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون"}),  # call (weak last letter)
    ("التقى/يلتقي", {"التقي", "التقت", "التقوا", "التقيا", "يلتقي", "يلتقون", "يلتق"}),  # meet (jussive يلتق)
])
def test_lexicon_conjugate_news_forms(pair, forms):
    assert forms <= set(conjugate(pair))


def _write(tmp_path, text: str):
    path = tmp_path / "assault.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "line", "reason"), [
    ("""\
     type: ASSAULT
     cameo: "19"
     entries:
       - {verb: قصف/يقصف}
       - {noun: [الهجوم]}
     """, 5, "without the article"),
    ("""\
     type: ASSAULT
     cameo: "19"
     entries:
       - {verb: قصف}
     """, 4, "past/present"),
    ("""\
     type: ASSAULT
     cameo: "19"
     entries:
       - {noun: [هجوم]}
       - {noun: [غارة], cameo: "04"}
     """, 5, "not a ASSAULT event"),
    ("""\
     type: ASSAULT
     cameo: "19"
     entries:
       - {noun: [هجوم], colour: red}
     """, 4, "unknown key"),
    ("""\
     type: ATTACK
     cameo: "19"
     entries:
       - {noun: [هجوم]}
     """, 1, "unknown PLOVER type"),
    ("""\
     type: ASSAULT
     cameo: "19"
     entries:
       - {phrase: ["أطلق/يطلق *"]}
     """, 4, "two words or more"),
])
def test_lexicon_errors_name_file_and_line(tmp_path, body, line, reason):
    path = _write(tmp_path, body)
    with pytest.raises(DataFileError) as caught:
        compile_lexicon([path])
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_lexicon_bad_yaml_is_a_data_file_error(tmp_path):
    path = _write(tmp_path, "type: ASSAULT\nentries: [\n")
    with pytest.raises(DataFileError):
        compile_lexicon([path])


def test_lexicon_small_file_compiles_and_matches(tmp_path):
    from khabar.events.triggers import SentenceWords, find_triggers

    path = _write(tmp_path, """\
        type: ASSAULT
        cameo: "19"
        entries:
          - {phrase: ["أطلق/يطلق * النار"], cameo: "193"}
        """)
    lexicon = compile_lexicon([path])
    from khabar.events.tables import event_tables
    from khabar.resources import Resources

    words = SentenceWords("وأطلق مسلحون النار على الدورية".split(), Resources().get(event_tables))
    (match,) = find_triggers(words, lexicon)
    assert (match.entry.type, match.entry.cameo, match.words) == ("ASSAULT", "193", (0, 2))
