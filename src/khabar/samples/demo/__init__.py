"""The demo corpus: short Arabic dispatches written for khabar (invented news; see SOURCE.md).

corpus/wire/: six agency feeds (KUNA, SPA, WAM, QNA, AFP, BNA and ONA) as JSON arrays;
corpus/outlets/: two invented outlets reprinting some of those dispatches with their own edits, an
exact copy, an article updated under the same URL, and an item published without text;
corpus/bad/: inputs that cannot be read (an empty file, a binary file, an English notice).
"""

from __future__ import annotations

from pathlib import Path

from khabar.resources import data_path


def demo_folder() -> Path:
    """The folder of the demo corpus, as `khabar demo-corpus` ingests it."""
    return data_path("khabar.samples.demo", "corpus")
