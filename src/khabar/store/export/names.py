"""Actor names as names: the text an event's actor was read from, without the clitics the first word
carries in the sentence ("والأردن" → "الأردن", "للجيش التركي" → "الجيش التركي").

The split is the tokenizer's (khabar.text.clitics, decided with word counts), so a name that starts
with a clitic letter ("بغداد", "ليبيا") keeps it. "لل" before a noun stands for ل + ال: the article
comes back.
"""

from __future__ import annotations

from khabar.resources import Resources
from khabar.text.clitics import split_of


def actor_name(text: str | None, resources: Resources | None = None) -> str | None:
    """`text` with the proclitics of its first word taken off and its white space made single spaces
    (None stays None)."""
    if text is None:
        return None
    text = " ".join(text.split())
    first, _, rest = text.partition(" ")
    if not first:
        return text
    prefix, _suffix, key = split_of(first, resources)
    if prefix == 0 or prefix >= len(first):
        return text
    stem = first[prefix:]
    if key.startswith("ال") and not stem.startswith("ال") and stem.startswith("ل"):
        stem = "ا" + stem  # "للجيش" = ل + الجيش, written with one alif dropped
    return f"{stem} {rest}" if rest else stem
