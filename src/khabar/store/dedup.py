"""Duplicates and stories across the store.

- Exact duplicates share a content hash, hence an id: the store keeps one article and a copy row per
  page (ingest).
- Near-duplicates and syndicated copies: MinHash signatures of the body's word shingles (search keys,
  so clitics and spelling variants do not count as edits), candidates from LSH (datasketch),
  confirmed by the signatures' estimated Jaccard. Copies this close are one story; closer ones are
  near-duplicates of the smallest id among them. Pages with the same URL are one story too.
- A story's id is the smallest article id in it, so it depends on the store's content only, not on
  the order of reading.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from khabar.resources import Resources
from khabar.store.db import transaction

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

NUM_PERM = 64
SEED = 1
SCHEME = "affine32"  # named, so that stored signatures keep their meaning across datasketch versions
SHINGLE_WORDS = 3
SAME_STORY_JACCARD = 0.5
NEAR_DUPLICATE_JACCARD = 0.8


def minhash_template(resources: Resources) -> MinHash:
    """The resource: a MinHash whose permutations every signature reuses (making them is costly)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(keys: list[str]) -> bytes | None:
    """MinHash signature (NUM_PERM uint32) of the word shingles of `keys`; None for an empty text."""
    if not keys:
        return None
    from datasketch import MinHash

    width = min(SHINGLE_WORDS, len(keys))
    shingles = {" ".join(keys[i:i + width]).encode("utf-8") for i in range(len(keys) - width + 1)}
    template = Resources().get(minhash_template)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=template.permutations)
    minhash.update_batch(list(shingles))
    return minhash.hashvalues.tobytes()


class _Groups:
    """Union-find over article ids; each group is named by its smallest id."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _similar_pairs(ids: list[str], matrix: np.ndarray) -> Iterable[tuple[str, str, float]]:
    """(a, b, estimated Jaccard) for LSH candidate pairs at SAME_STORY_JACCARD or above."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=SAME_STORY_JACCARD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for index, values in enumerate(matrix):
            session.insert(index, LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME), check_duplication=False)
    for index, values in enumerate(matrix):
        for other in lsh.query(LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)):
            if other > index:
                jaccard = float((matrix[other] == values).mean())
                if jaccard >= SAME_STORY_JACCARD:
                    yield ids[index], ids[other], jaccard


def _load_signatures(conn: sqlite3.Connection) -> tuple[list[str], np.ndarray]:
    import numpy as np

    rows = conn.execute("SELECT article_id, minhash FROM signatures ORDER BY article_id").fetchall()
    matrix = np.frombuffer(b"".join(blob for _, blob in rows), dtype=np.uint32).reshape(len(rows), NUM_PERM)
    return [article_id for article_id, _ in rows], matrix


def assign_stories(conn: sqlite3.Connection) -> dict[str, int]:
    """Recompute story_id, duplicate_of and similarity for every article; write only what changed."""
    ids, matrix = _load_signatures(conn)
    stories, near = _Groups(), _Groups()
    closeness: dict[tuple[str, str], float] = {}
    for a, b, jaccard in _similar_pairs(ids, matrix):
        stories.union(a, b)
        if jaccard >= NEAR_DUPLICATE_JACCARD:
            near.union(a, b)
            closeness[(a, b)] = jaccard
    shared_url = conn.execute("SELECT url_key, group_concat(DISTINCT article_id) FROM copies "
                              "WHERE url_key IS NOT NULL GROUP BY url_key HAVING count(DISTINCT article_id) > 1")
    for _, members in shared_url:
        first, *rest = members.split(",")
        for other in rest:
            stories.union(first, other)
    index = {article_id: i for i, article_id in enumerate(ids)}
    updates = []
    for article_id, story, duplicate, similarity in conn.execute(
            "SELECT id, story_id, duplicate_of, similarity FROM articles"):
        new_story = stories.find(article_id)
        head = near.find(article_id)
        new_duplicate = head if head != article_id else None
        new_similarity = None
        if new_duplicate is not None:
            pair = closeness.get((head, article_id))
            new_similarity = pair if pair is not None else float(
                (matrix[index[head]] == matrix[index[article_id]]).mean())
        if (story, duplicate, similarity) != (new_story, new_duplicate, new_similarity):
            updates.append((new_story, new_duplicate, new_similarity, article_id))
    with transaction(conn):
        conn.executemany("UPDATE articles SET story_id = ?, duplicate_of = ?, similarity = ? WHERE id = ?", updates)
    return {"compared": len(ids), "changed": len(updates)}
