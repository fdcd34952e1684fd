"""`khabar kb build|stats` and `khabar romanise train|eval`: the knowledge base and the romaniser,
made from public data and measured."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
PAIRS = "wikidata-name-translit/data/wd_arabic.normalized.aligned.tokens"


def register(app: typer.Typer, kb_app: typer.Typer) -> None:
    romanise_app = typer.Typer(no_args_is_help=True, help="English names for Arabic names the knowledge base lacks.")
    app.add_typer(romanise_app, name="romanise")

    @romanise_app.command("train")
    def romanise_train(
        data: Annotated[Path, typer.Option("--data", help="The shared data folder")] = SHARED_DATA,
        out: Annotated[Path | None, typer.Option("--out", help="Folder for the model files")] = None,
    ) -> None:
        """Learn the word table and letter model from all name pairs; write them (default: packaged)."""
        from khabar.lang import romanise
        from khabar.resources import data_path

        model = romanise.train(romanise.read_pairs(data / PAIRS))
        folder = out or data_path("khabar.lang", "data")
        written = romanise.save(model, folder)
        print(json.dumps({"words": len(model.words), "contexts": len(model.chunks),
                          "files": [str(p) for p in written]}))

    @romanise_app.command("eval")
    def romanise_eval(
        data: Annotated[Path, typer.Option("--data", help="The shared data folder")] = SHARED_DATA,
    ) -> None:
        """Train on nine Arabic words in ten (by hash), spell the held-out tenth with the letter model:
        exact match and character error rate against the most attested spelling."""
        from khabar.lang import romanise

        train_pairs, test_pairs = romanise.split(romanise.read_pairs(data / PAIRS))
        scores = romanise.evaluate(romanise.train(train_pairs), test_pairs)
        print(json.dumps({"held_out_words": scores.words, "exact": round(scores.exact, 3),
                          "any_attested": round(scores.any_attested, 3), "cer": round(scores.cer, 3)}))

    @kb_app.command("build")
    def kb_build(
        data: Annotated[Path, typer.Option("--data", help="The shared data folder")] = SHARED_DATA,
        out: Annotated[Path | None, typer.Option("--out", help="Folder for the tables (default: packaged)")] = None,
    ) -> None:
        """Make the open-data tables (cities, provinces, parties) from public data, each row with its
        source and licence; the hand-written core wins where both have an entity."""
        from khabar.kb.base import KnowledgeBase
        from khabar.kb.build import OUT_DIR, build
        from khabar.kb.load import build_entries, package_sources
        from khabar.resources import data_path

        core = KnowledgeBase(build_entries(package_sources(core_only=True)))
        target = out or data_path("khabar.kb", f"data/{OUT_DIR}")
        print(json.dumps({"written": str(target), **build(data, target, core)}))

    @kb_app.command("stats")
    def kb_stats_command() -> None:
        """Entities by kind, with QIDs, from open data; size on disk against the budget; load time."""
        from khabar.kb.stats import kb_stats

        for key, value in kb_stats().items():
            print(f"{key} {json.dumps(value) if isinstance(value, dict) else value}")


def show_forms(conn, type: str | None, limit: int, as_json: bool = False) -> None:
    """`khabar entities --forms`: each linked entity with every Arabic form linked to it; a person's
    form that is not one of their names is flagged with "!"."""
    from khabar.entities.forms import form_fits, linked_forms
    from khabar.kb import load_kb

    kb = load_kb()
    found = linked_forms(conn, type, limit)
    if as_json:
        print(json.dumps([{"id": f.id, "name_en": f.name_en, "type": f.type, "mentions": f.mentions,
                           "forms": [{"form": t, "mentions": n} for t, n in f.forms]} for f in found],
                         ensure_ascii=False, indent=1))
        return
    for entity in found:
        person = kb.by_id(entity.id) if entity.type == "PER" else None
        shown = [f"{'!' if person is not None and not form_fits(t, person) else ''}{t} ({n})"
                 for t, n in entity.forms]
        print(f"{entity.name_en} [{entity.id}] {entity.mentions}: " + "، ".join(shown))
