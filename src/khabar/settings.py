"""Settings: one frozen object passed to every stage (no globals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Settings:
    reference_date: dt.date | None = None  # overrides dates given by the inputs (--date)
    plain: bool = False  # every input is clean article text (--plain)
    max_bytes: int = 5_000_000  # larger inputs are refused
    kb_files: tuple[str, ...] = field(default_factory=tuple)  # user knowledge-base files (--kb)
    steps: tuple[str, ...] | None = None  # names of the steps to run after the page; None = all
    # Articles annotated together (steps with a batch form, such as the tagger, share work): on ANT,
    # 128 read 5% faster than 32 with every stage on; 256 no faster.
    batch: int = 128
