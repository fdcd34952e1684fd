"""Political events between actors, coded in PLOVER with CAMEO, QuadClass and Goldstein.

`code_events(article, resources)` fills `article.events`; `EVENT_CODER` is its pipeline step. What
it looks up (the lexicon, one YAML file per PLOVER type under lexicon/, the agents table, the names of
the pipeline's knowledge base, the learned models) is the resource `events.tables.event_tables`, built
once per Resources on first use, never at import; its word lookups are columns of the word table.
Each event says how its trigger and actors were found (`how`) and how far to trust it (`confidence`).
"""

from __future__ import annotations

from khabar.events.coder import EVENT_CODER, code_events

__all__ = ["EVENT_CODER", "code_events"]
