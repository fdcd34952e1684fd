"""Actor errors on the Arabic PLOVER span sentences (../shared/data/arabic_event_gsr/*_spans_dev.jsonl),
grouped by the class of failure, on one half of a hash split of the sentences.

    .venv/bin/python tools/events_actor_errors.py [--half a|b|all] [--show CLASS] [--limit N]

Counts (sentence, role, state) items the way ../shared/eval/score_gsr_actors.py does, and files each
missed or spurious item under a class:

  no_event      no event of the gold type in the sentence (detection, not attachment)
  wrong_side    the state is found, in the other role
  not_coded     no actor phrase of the sentence carries the gold state (coding: an agent noun, a
                group, a title the tables do not know)
  not_attached  the state is coded in the sentence, the role is left empty
  other_chosen  the role holds another state
  spurious:HOW  a state in a role the gold does not have, by how it was found (Event.how)

Half "a" is md5(source id) even, as tools/events_split.py splits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from khabar.events.actors import find_units
from khabar.events.phrases import find_actors
from khabar.events.tables import event_tables
from khabar.events.triggers import SentenceWords
from khabar.pipeline import read
from khabar.resources import Resources

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "arabic_event_gsr"
NOT_STATES = {"IMG", "IGO", "INT", "NGO", "MNC", "UAF", "KUR", "REB", "OPP", "GOV", "MIL", "COP", "CVL",
              "BUS", "EDU", "MED", "REF", "LAB", "AGR", "CRM", "JUD", "LEG", "ELI", "HLH", "SPY", "UIS",
              "PTY", "RAD", "MOD", "NON", "SET", "UNK", "NONE", "NAN"}


def is_state(code: object) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper() and code not in NOT_STATES


def half(key: str) -> str:
    return "ab"[int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 2]


def gold_roles(row: dict) -> dict[str, dict[str, str]]:
    """role → {state: the annotators' words for it}."""
    out: dict[str, dict[str, str]] = {"source": {}, "target": {}}
    for span in row.get("spans") or []:
        for role in ("source", "target"):
            info = span.get(f"{role}_role")
            main = info.get("main") if isinstance(info, dict) else None
            if is_state(main):
                out[role].setdefault(main, " ".join(span.get(f"{role}_actor") or []))
    return out


def coded_states(text: str) -> set[str]:
    """Every state any actor phrase of the text carries."""
    tables = Resources.default().get(event_tables)
    article = read(text, plain=True)
    words = SentenceWords(article.tokens.words(), tables)
    units = find_units(words, [s for s, _ in article.tokens.spans], [m for m in article.mentions if m.where == "body"])
    return {a.code for a in find_actors(words, units, article.tokens.spans) if a.code}


def classify(row: dict) -> list[tuple[str, str, str]]:
    """(class, role, detail) of each wrong item of the sentence; ("ok", role, code) of each right one."""
    gold = gold_roles(row)
    if not gold["source"] and not gold["target"]:
        return []  # the scorer skips a sentence with no state in either role
    everything = read(row["text"], plain=True).events
    events = [e for e in everything if e.type == row["event_type"]]
    others = sorted({f"{e.type}({e.trigger})" for e in everything})
    got: dict[str, dict[str, str]] = {"source": {}, "target": {}}
    for e in events:
        for role in ("source", "target"):
            code = getattr(e, role)
            if is_state(code):
                how = dict(e.how).get(role, "?")
                got[role].setdefault(code, f"{how}/{dict(e.how).get(role + '_by', '?')}: {getattr(e, role + '_text')}")
    out = []
    coded = None
    for role, other in (("source", "target"), ("target", "source")):
        for code, words in gold[role].items():
            if code in got[role]:
                out.append((f"ok:{got[role][code].split('/')[0]}", role, code))
            elif not events:
                out.append(("no_event", role, f"{code} «{words}» other types: {' '.join(others) or '-'}"))
            elif code in got[other]:
                out.append(("wrong_side", role, f"{code} «{words}» got as {other} by {got[other][code]}"))
            else:
                coded = coded if coded is not None else coded_states(row["text"])
                kind = "not_coded" if code not in coded else "other_chosen" if got[role] else "not_attached"
                out.append((kind, role, f"{code} «{words}»"))
        for code, how in got[role].items():
            if code not in gold[role] and code not in gold[other]:
                out.append((f"spurious:{how.split('/')[0]}", role, f"{code} by {how}"))
    return out


EVAL = GSR.parents[1] / "eval"


def trace(text: str) -> None:
    """The actor phrases of a text and its events, for a reviewer."""
    tables = Resources.default().get(event_tables)
    article = read(text, plain=True)
    words = SentenceWords(article.tokens.words(), tables)
    units = find_units(words, [s for s, _ in article.tokens.spans], [m for m in article.mentions if m.where == "body"])
    for a in find_actors(words, units, article.tokens.spans):
        print(f"  actor {' '.join(words.texts[a.start:a.end])!r} code={a.code} kind={a.kind} sector={a.sector} "
              f"prep={a.prep} conj={a.conj}")
    for e in article.events:
        print(f"  event {e.type} {e.trigger!r} {e.source}>{e.target} {dict(e.how)} «{e.source_text}» «{e.target_text}»")


def pages(which: str) -> int:
    """Events between states on the development pages of one half: each missed or false dyad, with the
    gold evidence and the events of that type the coder found in the page (sources, targets, how)."""
    files = sorted(EVAL.glob("*.jsonl"))
    both = total = 0
    for path in files:
        for line in path.open(encoding="utf-8"):
            page = json.loads(line) if line.strip() else None
            if page is None or (which != "all" and half(str(page["id"])) != which):
                continue
            events = read(page["raw"], id=page["id"]).events
            total += len(events)
            both += sum(1 for e in events if e.source and e.target)
            found = {(frozenset((e.source, e.target)), e.type) for e in events
                     if is_state(e.source) and is_state(e.target) and e.source != e.target}
            gold = {(frozenset((g["source"], g["target"])), g["type"]): g for g in page["gold"]["events"]}
            for key, g in gold.items():
                if key not in found:
                    mine = [f"{e.source}>{e.target} {e.trigger} {dict(e.how)}" for e in events if e.type == key[1]]
                    print(f"{page['id']} MISSED {g['source']}>{g['target']} {g['type']}: {g.get('evidence_ar')}")
                    for m in mine:
                        print(f"      got {m}")
            for key in found - set(gold):
                e = next(e for e in events if (frozenset((e.source, e.target)), e.type) == key)
                print(f"{page['id']} FALSE {e.source}>{e.target} {e.type} {e.trigger} {dict(e.how)} "
                      f"«{e.source_text}» «{e.target_text}»")
    print(f"events {total}, with both actors {both / max(total, 1):.3f}")
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("a", "b", "all"), default="a")
    ap.add_argument("--show", default=None, help="print the sentences of classes starting with this")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--trace", help="print the actors and events of this text")
    ap.add_argument("--pages", action="store_true", help="the development pages instead (../shared/eval)")
    args = ap.parse_args(argv)
    if args.trace:
        trace(args.trace)
        return 0
    if args.pages:
        return pages(args.half)
    files = sorted(GSR.glob("*_spans_dev.jsonl"))
    if not files:
        print(f"no span files in {GSR}", file=sys.stderr)
        return 1
    rows = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("text") and r.get("event_type")]
    if args.half != "all":
        rows = [r for r in rows if half(str(r.get("source") or r["text"])) == args.half]
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for kind, role, detail in classify(row):
            counts[f"{kind} {role}"] += 1
            if args.show is not None and kind.startswith(args.show):
                shown[kind].append(f"  [{role}] {detail}\n      {row['event_type']}: {row['text'][:220]}")
    for key, n in counts.most_common():
        print(f"{n:4d}  {key}")
    for kind, lines in shown.items():
        print(f"\n## {kind}")
        print("\n".join(lines[: args.limit]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
