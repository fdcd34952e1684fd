"""Hostile inputs of any size, for the tests and `khabar bench hostile`: each shape is one way an
attacker or a careless user has made a reader slow, crash or fill the memory (see issue 17).

A shape makes (file name, bytes) of about `size` bytes from a seed, so that a run can be repeated.
The real text they start from is khabar's own demo corpus (invented dispatches), never a shared one.
"""

from __future__ import annotations

import io
import json
import random
import tarfile
import zipfile
from collections.abc import Callable

from khabar.samples.demo import demo_folder

Shape = Callable[[int, int], tuple[str, bytes]]
ARABIC_PUNCTUATION = "،؛؟«»\"'()[]-–—:.!…ـ"
_LINE_LIMIT = 4_999_999  # a JSON line of a 5 MB shape must still pass the 5 MB limit with its newline
_LEAD = "قال الوزير إن الحكومة ستعمل على خطة جديدة\n"  # Arabic enough to pass the language check


def demo_texts() -> tuple[str, ...]:
    """The bodies of the demo corpus's dispatches."""
    texts = []
    for path in sorted(demo_folder().glob("wire/*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            text = item.get("content") or item.get("text")
            if isinstance(text, str) and text.strip():
                texts.append(f"{item.get('title') or ''}\n\n{text}")
    return tuple(texts)


def _cut(text: str, size: int) -> str:
    """At most `size` bytes of UTF-8, less room for a JSON line around them, cut at a character."""
    room = max(1, size - 200)
    data = text.encode("utf-8")
    return text if len(data) <= room else data[:room].decode("utf-8", "ignore")


def _fill(unit: str, size: int, lead: str = _LEAD) -> bytes:
    """`lead`, then `unit` repeated to about `size` bytes of UTF-8."""
    each = max(1, len(unit.encode("utf-8")))
    return (lead + unit * max(1, (size - len(lead.encode("utf-8"))) // each)).encode("utf-8")


def _real_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    texts, parts, total = demo_texts(), [], 0
    while total < size:
        text = rng.choice(texts)
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)


def real_text(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Dispatches one after another, as one long plain text."""
    return plain("real", _cut(_real_text(size, seed), size))


def mutated_articles(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Dispatches with one character in twenty deleted, doubled, swapped or replaced by any code point."""
    rng = random.Random(seed)
    chars = list(_real_text(size, seed))
    out: list[str] = []
    for char in chars:
        roll = rng.random()
        if roll < 0.0125:
            continue
        if roll < 0.025:
            out.append(char * 2)
        elif roll < 0.0375 and out:
            out[-1], char = char, out[-1]
            out.append(char)
        elif roll < 0.05:
            out.append(_any_char(rng))
        else:
            out.append(char)
    return plain("mutated", _cut(_encodable("".join(out)), size))


def arabic_punctuation(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Arabic words from the dispatches with runs of punctuation, quotation marks and kashida between."""
    rng = random.Random(seed)
    words = " ".join(demo_texts()).split()
    parts, total = [], 0
    while total < size:
        part = rng.choice(words) if rng.random() < 0.6 else "".join(
            rng.choice(ARABIC_PUNCTUATION) for _ in range(rng.randint(1, 6)))
        parts.append(part)
        total += len(part.encode("utf-8")) + 1
    return plain("punctuation", _cut(_LEAD + " ".join(parts), size))


def _any_char(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return chr(rng.randint(0x0600, 0x06FF))
    if roll < 0.6:
        return rng.choice(" \n\t\u200f\u200e\u200c\u200d\ufeff\u00a0")
    return chr(rng.randint(0x20, 0x10FFFF))


def plain(name: str, text: str) -> tuple[str, bytes]:
    """`text` as one JSON line read as clean article text: every stage sees all of it (as a page,
    the body would end at the first dispatch's sign-off)."""
    while True:
        line = json.dumps({"id": name, "text": text, "layout": "plain"}, ensure_ascii=False).encode()
        if len(line) <= _LINE_LIMIT or len(text) < 2:
            return f"{name}.jsonl", line
        text = text[: int(len(text) * _LINE_LIMIT / len(line)) - 16]  # escapes made it longer


def _encodable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def random_unicode(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Any code point (half of them Arabic letters, some spaces and format characters)."""
    rng = random.Random(seed)
    text = "".join(_any_char(rng) for _ in range(size // 2))
    return plain("unicode", _cut(_encodable(_LEAD + text), size))


def surrogates(size: int, seed: int = 0) -> tuple[str, bytes]:
    """JSON Lines whose texts hold lone surrogates (written as JSON escapes, as any JSON writer does)."""
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size:
        text = rng.choice(demo_texts())
        cut = rng.randrange(len(text))
        line = json.dumps({"id": f"s{len(lines)}", "text": text[:cut] + chr(rng.randint(0xD800, 0xDFFF)) + text[cut:]})
        lines.append(line)
        total += len(line) + 1
    return "surrogates.jsonl", "\n".join(lines).encode("ascii")


def quote_marks(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Quotation marks only, after one Arabic line (5 MB once took a minute and 2.8 GB)."""
    return plain("quotes", _cut(_fill('"', size).decode(), size))


def guillemets(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Unbalanced Arabic quotation marks with a speech verb between."""
    return plain("guillemets", _cut(_fill("قال «", size).decode(), size))


_SPEECH_VERBS = ("وقال", "وأضاف", "وأكد", "وقالت", "وأضافت")
_ANAPHORS = ("المتحدث", "الوزارة", "البيان", "السفارة", "الوزير", "المصدر")  # speakers named by what they are


def speech_anaphors(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Quotations whose speakers are only anaphors ("the ministry said", "the statement added"), with
    no name for them to refer back to (each once looked back through the whole document)."""
    rng = random.Random(seed)
    words = " ".join(demo_texts()).split()
    parts, total = [], 0
    while total < size:
        at = rng.randrange(len(words))
        said = " ".join(words[at:at + rng.randint(3, 12)]).replace('"', "")
        part = f'{rng.choice(_SPEECH_VERBS)} {rng.choice(_ANAPHORS)} إن "{said}". '
        parts.append(part)
        total += len(part.encode("utf-8"))
    return plain("anaphors", _cut(_LEAD + "".join(parts), size))


def continuation_spaces(size: int, seed: int = 0) -> tuple[str, bytes]:
    """A continuation marker ("إضافة") then a long run of white space (cubic in a pattern once)."""
    return "continuation.txt", _fill(" ", size, lead="خبر عاجل إضافة أولى")


def trec_unclosed(size: int, seed: int = 0) -> tuple[str, bytes]:
    """One TREC document whose text is full of tags never closed (quadratic in a pattern once)."""
    body = _fill("<P>قال <B>الوزير ", size - 100, lead="")
    return "unclosed.trec", b"<DOC>\n<DOCNO>u-1</DOCNO>\n<TEXT>\n" + body + b"\n</DOC>\n"


def html_nested(size: int, seed: int = 0) -> tuple[str, bytes]:
    """Headings nested in thousands of divisions (an ancestor walk per node once)."""
    unit = "<div><h1>قال الوزير</h1>"
    count = max(1, (size - 100) // (len(unit.encode("utf-8")) + len("</div>")))
    return "nested.html", ("<html><body>" + unit * count + "</div>" * count + "</body></html>").encode("utf-8")


def warc_bad_lengths(size: int, seed: int = 0) -> tuple[str, bytes]:
    """WARC records, every other one with Content-Length -1 (which once swallowed the rest)."""
    rng = random.Random(seed)
    records, total, n = [], 0, 0
    while total < size:
        html = f"<html><body><p>{rng.choice(demo_texts())}</p></body></html>".encode()
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
        length = b"-1" if n % 2 else str(len(block)).encode()
        record = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.test/%d\r\n"
                  b"Content-Type: application/http; msgtype=response\r\nContent-Length: %s\r\n\r\n" % (n, length)
                  + block + b"\r\n\r\n")
        records.append(record)
        total += len(record)
        n += 1
    return "crawl.warc", b"".join(records)


def json_big_item(size: int, seed: int = 0) -> tuple[str, bytes]:
    """A JSON array whose first item is the whole size, then a small one."""
    small = {"content": demo_texts()[0]}
    text = _cut(_real_text(size, seed), size - len(json.dumps(small, ensure_ascii=False).encode()) - 200)
    items = [{"title": "عنوان", "content": text}, small]
    return "items.json", json.dumps(items, ensure_ascii=False).encode("utf-8")


def zip_bomb(size: int, seed: int = 0) -> tuple[str, bytes]:
    """A small zip whose one JSON array item decompresses to `size` × 200 bytes (capped at 1 GiB)."""
    out = io.BytesIO()
    inflated = min(size * 200, 1 << 30)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("items.json", "w", force_zip64=True) as member:
            member.write(b'[{"content": "')
            block = "ا".encode() * (1 << 19)
            for _ in range(max(1, inflated // len(block))):
                member.write(block)
            member.write(b'"}]')
    return "bomb.zip", out.getvalue()


def tar_odd_members(size: int, seed: int = 0) -> tuple[str, bytes]:
    """A tar with '..' paths, links and devices among real members."""
    rng = random.Random(seed)
    out = io.BytesIO()
    total = 0
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        while total < size:
            n = total
            data = rng.choice(demo_texts()).encode("utf-8")
            info = tarfile.TarInfo(rng.choice([f"ok/{n}.txt", f"../up{n}.txt", f"/abs{n}.txt"]))
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            link = tarfile.TarInfo(f"link{n}.txt")
            link.type, link.linkname = rng.choice([(tarfile.SYMTYPE, "/etc/passwd"), (tarfile.CHRTYPE, ""),
                                                   (tarfile.FIFOTYPE, "")])
            archive.addfile(link)
            total += len(data) + 1024
    return "odd.tar.gz", out.getvalue()


# The shapes `khabar bench hostile` times; every one of them is also in the test suite.
SHAPES: dict[str, Shape] = {
    "real-text": real_text,
    "mutated-articles": mutated_articles,
    "arabic-punctuation": arabic_punctuation,
    "random-unicode": random_unicode,
    "surrogates": surrogates,
    "quote-marks": quote_marks,
    "guillemets": guillemets,
    "speech-anaphors": speech_anaphors,
    "continuation-spaces": continuation_spaces,
    "trec-unclosed": trec_unclosed,
    "html-nested": html_nested,
    "warc-bad-lengths": warc_bad_lengths,
    "json-big-item": json_big_item,
    "zip-bomb": zip_bomb,
    "tar-odd-members": tar_odd_members,
}
