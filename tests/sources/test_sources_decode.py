"""decode_bytes and check_language: encodings, refusals, and the Arabic share."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.errors import InputError
from khabar.lang.letters import arabic_ratio
from khabar.sources import check_language, decode_bytes, iter_pages
from khabar.sources.decode import _arabic_share, format_size, utf16_codec
from tests.sources.sources_samples import ARABIC, ENGLISH

ENCODED = {
    "utf-8": ARABIC.encode("utf-8"),
    "utf-8 BOM": codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
    "utf-16-le BOM": codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
    "utf-16-be BOM": codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
    "utf-16-le": ARABIC.encode("utf-16-le"),
    "utf-16-be": ARABIC.encode("utf-16-be"),
    "cp1256": ARABIC.encode("cp1256"),
}


@pytest.mark.parametrize("name", ENCODED)
def test_every_encoding_decodes_to_the_same_text(name):
    assert decode_bytes(ENCODED[name], "x") == ARABIC


@pytest.mark.parametrize("name", ENCODED)
def test_every_encoding_reads_the_same_through_a_file(name, write):
    page = next(iter_pages([write(f"{name.replace(' ', '_')}.txt", ENCODED[name])]))
    assert page.error is None
    assert page.text == ARABIC


def test_utf16_without_bom_is_found_by_nul_parity():
    assert utf16_codec(ARABIC.encode("utf-16-le")) == "utf-16-le"
    assert utf16_codec(ARABIC.encode("utf-16-be")) == "utf-16-be"
    assert utf16_codec(ARABIC.encode("utf-8")) is None


def test_line_ends_become_newlines_and_nothing_else_changes():
    raw = "سطر أول\r\nسطر ثان\rسطر ثالث\n\n  مسافة  "
    assert decode_bytes(raw.encode("utf-8"), "x") == "سطر أول\nسطر ثان\nسطر ثالث\n\n  مسافة  "


def test_nul_bytes_that_are_not_utf16_are_binary():
    data = bytes([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]) * 20
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(data, "img")


def test_many_control_characters_are_binary():
    data = ("نص" + "\x01\x02\x03\x04").encode("utf-8") * 50
    with pytest.raises(InputError, match="binary data, not text"):
        decode_bytes(data, "ctl")


@pytest.mark.parametrize(
    "data, words", [(b"", "empty file"), (b"  \n\t\r\n ", "empty"), (codecs.BOM_UTF8, "empty")]
)
def test_empty_and_blank_inputs_are_refused(data, words):
    with pytest.raises(InputError, match=words):
        decode_bytes(data, "e")


def test_mostly_utf8_with_a_cut_character_stays_utf8():
    data = ARABIC.encode("utf-8") + "ب".encode()[:1]
    text = decode_bytes(data, "cut")
    assert text.startswith(ARABIC)
    assert text.endswith("\ufffd")


def test_latin1_bytes_are_not_taken_for_arabic():
    data = ("Le ministère a annoncé une réforme générale et célèbre très élevée " * 3).encode("latin-1")
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(data, "fr")


def test_html_meta_charset_is_used_for_non_utf8_bytes():
    html = f'<html><head><meta charset="iso-8859-6"></head><body><p>{ARABIC}</p></body></html>'
    assert ARABIC in decode_bytes(html.encode("iso-8859-6"), "h")


def test_check_language_refuses_english_and_accepts_arabic():
    check_language(ARABIC, "ar")
    with pytest.raises(InputError, match=r"not Arabic text \(0% Arabic letters\)"):
        check_language(ENGLISH, "en")


def test_check_language_reports_the_share():
    mixed = ENGLISH * 3 + " " + "كلمة عربية واحدة"
    with pytest.raises(InputError) as caught:
        check_language(mixed, "mix")
    share = int(arabic_ratio(mixed) * 100)
    assert caught.value.reason == f"not Arabic text ({share}% Arabic letters)"


def test_short_texts_with_some_arabic_pass_and_no_letters_fail():
    check_language("Reuters: قال مسؤول", "short")
    with pytest.raises(InputError, match="no letters"):
        check_language("12345 ... 678", "digits")


def test_not_arabic_input_becomes_an_error_page(write):
    page = next(iter_pages([write("english.txt", ENGLISH)]))
    assert page.error == "not Arabic text (0% Arabic letters)"
    assert page.text == ""
    assert page.id == "english"


def test_format_size():
    assert format_size(5_000_000) == "5 MB"
    assert format_size(12_345_678) == "12.3 MB"
    assert format_size(2_500) == "2.5 kB"
    assert format_size(12) == "12 bytes"


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي abcdefXYZ éü 0123.,\n", max_size=1000))
def test_arabic_share_agrees_with_arabic_ratio(text):
    letters, share = _arabic_share(text)
    assert letters == sum(map(str.isalpha, text))
    assert share == pytest.approx(arabic_ratio(text))


_WORD = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئة", min_size=2, max_size=8)
_SEPARATOR = st.sampled_from([" ", "، ", "\n", ". ", " 12 ", "؟\n", " - "])


@given(st.lists(st.tuples(_WORD, _SEPARATOR), min_size=1, max_size=40))
def test_arabic_text_round_trips_through_cp1256_and_utf16(pairs):
    # Words of two letters or more: a lone letter next to "،" can be valid UTF-8 by accident.
    text = "".join(word + separator for word, separator in pairs)
    assert decode_bytes(text.encode("utf-8"), "p") == text
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "p") == text
    assert decode_bytes(text.encode("utf-16-be"), "p") == text
    assert decode_bytes(text.encode("cp1256"), "p") == text
