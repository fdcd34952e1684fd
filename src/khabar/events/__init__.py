"""Political events between actors, coded in PLOVER with CAMEO, QuadClass and Goldstein.

`code_events(article, settings)` fills `article.events`; `EVENT_CODER` is its pipeline step. The
lexicon (one YAML file per PLOVER type under lexicon/) is read on first use, never at import.
"""

from __future__ import annotations

from khabar.events.coder import EVENT_CODER, code_events

__all__ = ["EVENT_CODER", "code_events"]
