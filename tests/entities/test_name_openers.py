"""Words that open a person's name as its part though the tagger starts the name after them
("سيد" of Persian and South Asian names; data/name_openers.tsv)."""

from __future__ import annotations

from tests.entities.spans import tagged_mentions


def mentions(text: str, tagged: list[tuple[str, str]]):
    return tagged_mentions(text, tagged)


def names(text: str, tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in mentions(text, tagged)]


def test_opener_without_the_article_is_part_of_the_name():
    assert names("استقبل الوزير السفير سيد حسين رضوي في مكتبه", [("حسين رضوي", "PER")]) == [
        ("سيد حسين رضوي", "PER")]
    assert names("وحضر الحفل سعيد صالح وسيد زيان", [("سعيد صالح", "PER"), ("زيان", "PER")]) == [
        ("سعيد صالح", "PER"), ("سيد زيان", "PER")]
    # "السيد" with the article is a courtesy and stays out
    assert names("وقال السيد حسين رضوي إن الأمر صعب", [("حسين رضوي", "PER")]) == [("حسين رضوي", "PER")]
    # the opener joins a person's name only, across a space only
    assert names("كان سيد، حسين رضوي، حاضرا", [("حسين رضوي", "PER")]) == [("حسين رضوي", "PER")]
    assert names("زار الوفد سيد لندن", [("لندن", "LOC")])[0][0] == "لندن"


def test_opener_is_left_out_of_the_english_name_of_two_words_or_more():
    # English writes most such names without the title, and spells the title many ways
    found = mentions("استقبل الوزير السفير سيد حسين رضوي في مكتبه", [("حسين رضوي", "PER")])
    assert found[0].text == "سيد حسين رضوي" and found[0].name_en.split()[0] == "Hussein"
    found = mentions("وقال سيد علي خامنئي إن الأمر صعب", [("سيد علي خامنئي", "PER")])
    assert (found[0].text, found[0].name_en) == ("سيد علي خامنئي", "Ali Khamenei")
    # a name of one word after it keeps it ("Sayed Ziane"), a particle and a word are one
    found = mentions("وحضر الحفل سعيد صالح وسيد أبو زيان", [("وسيد أبو زيان", "PER")])
    assert found[0].text == "سيد أبو زيان" and len(found[0].name_en.split()) == 3
    found = mentions("وحضر الحفل سعيد صالح وسيد زيان", [("زيان", "PER")])
    assert found[0].text == "سيد زيان" and len(found[0].name_en.split()) == 2
