"""Layout changes that must not change what a page says: hard wrapping, furniture added around the
story, the credit moved to the end. Used by the property tests of the reader."""

from __future__ import annotations

from khabar.article import Article


def hard_wrap(raw: str, width: int) -> str:
    """Each line of `raw` broken greedily at spaces so that no piece is longer than `width` (a word
    longer than the width stands alone), as mail and print tools wrap copy."""
    out = []
    for line in raw.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out)


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def reading(article: Article) -> tuple:
    """What a layout must not change: headline, agency, dateline place and date, body text (its
    white space, line breaks included, folded)."""
    d = article.dateline
    return (squash(article.headline.text if article.headline else None), article.agency,
            (d.place, d.day, d.month, d.year) if d else None, squash(article.body))
