"""Duplicates and stories across the store.

- Exact duplicates share a content hash, hence an id: the store keeps one article and a copy row per
  page (ingest).
- Near-duplicates and syndicated copies: MinHash signatures of the body's word shingles (search keys,
  so clitics and spelling variants do not count as edits), candidates from LSH (datasketch),
  confirmed by the signatures' estimated Jaccard. Copies this close are one story; closer ones are
  near-duplicates of the smallest id among them. Pages with the same URL are one story too.
- A story's id is the smallest article id in it, so it depends on the store's content only, not on
  the order of reading.

Each write places its articles (`place_article`, `join_url`): candidates come from the `lsh` table
and `lsh_recent`, the latest articles' bands (by lookup), so a write costs the same in a store of any size; the stories it
joins are merged, and the counts that depend on stories (aggregates.py) follow in the same
transaction. `assign_stories` recomputes everything from the signatures (a check, or a repair).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from khabar.resources import Resources
from khabar.store import aggregates
from khabar.store.db import transaction

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

NUM_PERM = 64
SEED = 1
SCHEME = "affine32"  # named, so that stored signatures keep their meaning across datasketch versions
SHINGLE_WORDS = 3  # signature() spells out three
SAME_STORY_JACCARD = 0.5
NEAR_DUPLICATE_JACCARD = 0.8
# Bands × rows of the LSH: datasketch's choice for SAME_STORY_JACCARD with NUM_PERM permutations, fixed
# here because the bands are stored.
BANDS, ROWS = 14, 4
# Bands kept in lsh_recent before they move to lsh (20,000 articles): a move writes each page of lsh
# it adds to once, for all its bands, and lsh_recent stays small enough to be in the page cache. On
# a store of 300,000 articles, 14 bands written one article at a time to lsh dirtied 12 pages.
RECENT_BANDS = 280_000


def minhash_template(resources: Resources) -> MinHash:
    """The resource: a MinHash whose permutations every signature reuses (making them is costly)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(keys: list[str]) -> bytes | None:
    """MinHash signature (NUM_PERM uint32) of the word shingles of `keys`; None for an empty text."""
    if not keys:
        return None
    import numpy as np
    from datasketch import MinHash

    if len(keys) >= SHINGLE_WORDS:
        shingles = {f"{a} {b} {c}" for a, b, c in zip(keys, keys[1:], keys[2:], strict=False)}
    else:
        shingles = {" ".join(keys)}
    # datasketch's sha1_hash32 (the first 4 bytes of the SHA-1, little-endian) of every shingle at once,
    # handed over as ready hash values: a Python call per shingle was a third of a record's time.
    digests = b"".join([hashlib.sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingles])
    template = Resources.default().get(minhash_template)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=int, permutations=template.permutations)
    minhash.update_batch(np.frombuffer(digests, dtype="<u4").tolist())
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

    rows = conn.execute("SELECT a.id, s.minhash FROM signatures s JOIN articles a ON a.num = s.article_num "
                        "ORDER BY a.id").fetchall()
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
        conn.execute("DELETE FROM lsh")
        conn.execute("DELETE FROM lsh_recent")
        conn.executemany("INSERT OR IGNORE INTO lsh (band, num) SELECT ?, num FROM articles WHERE id = ?",
                         [(key, article_id) for article_id, values in zip(ids, matrix, strict=True)
                          for key in band_keys(values.tobytes())])
        aggregates.rebuild(conn)
    return {"compared": len(ids), "changed": len(updates)}


def band_keys(minhash: bytes) -> list[int]:
    """One key per band of the signature (a 63-bit hash of the band's number and values): two articles
    are candidates when they share a key."""
    width = ROWS * 4
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + minhash[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard of two signatures: the share of equal hash values."""
    import numpy as np

    return float((np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)).mean())


def _signature(conn: sqlite3.Connection, article_id: str) -> bytes | None:
    row = conn.execute("SELECT s.minhash FROM articles a JOIN signatures s ON s.article_num = a.num WHERE a.id = ?",
                       (article_id,)).fetchone()
    return row[0] if row else None


def merge_stories(conn: sqlite3.Connection, members: Iterable[str], new: str | None = None) -> None:
    """Make one story of the stories of `members` (stored articles) and of the new article `new`
    (not yet in a story); its counts are taken out before and put back after."""
    ids = sorted(set(members))
    stories: set[str] = set()
    if ids:
        stories = {row[0] for row in conn.execute(
            f"SELECT DISTINCT story_id FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
            if row[0] is not None}
    if new is None and len(stories) < 2:
        return
    target = min(stories | ({new} if new else set()))
    aggregates.stories(conn, stories, -1)
    for story in stories - {target}:
        conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (target, story))
    if new is not None:
        conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (target, new))
    aggregates.story(conn, target, 1)


def _near(conn: sqlite3.Connection, article_id: str, minhash: bytes, close: list[str]) -> None:
    """Join the new article to the near-duplicate groups of `close`: the group's head is its smallest
    id, and every other member points to it with their estimated Jaccard."""
    heads = {row[0] or row[1] for row in conn.execute(
        f"SELECT duplicate_of, id FROM articles WHERE id IN ({','.join('?' * len(close))})", close)}
    head = min(heads | {article_id})
    members = {article_id}
    for old in heads:
        members.add(old)
        members.update(r[0] for r in conn.execute("SELECT id FROM articles WHERE duplicate_of = ?", (old,)))
    members.discard(head)
    head_signature = minhash if head == article_id else _signature(conn, head)
    before = conn.execute(f"SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND id IN "
                          f"({','.join('?' * len(members))})", sorted(members)).fetchone()[0]
    for member in sorted(members):
        signature_ = minhash if member == article_id else _signature(conn, member)
        conn.execute("UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                     (head, similarity(head_signature, signature_), member))
    conn.execute("UPDATE articles SET duplicate_of = NULL, similarity = NULL WHERE id = ?", (head,))
    aggregates.add_total(conn, "near_duplicates", len(members) - before)


def place_article(conn: sqlite3.Connection, article_id: str, num: int, minhash: bytes | None) -> None:
    """Put a new article in its story (and near-duplicate group), inside the write's transaction."""
    similar: list[tuple[str, float]] = []
    if minhash is not None:
        keys = band_keys(minhash)
        marks = ",".join("?" * len(keys))
        nums = [r[0] for r in conn.execute(f"SELECT num FROM lsh WHERE band IN ({marks}) UNION "
                                           f"SELECT num FROM lsh_recent WHERE band IN ({marks})", keys + keys)]
        if nums:
            rows = conn.execute("SELECT a.id, s.minhash FROM articles a JOIN signatures s ON s.article_num = a.num "
                                f"WHERE a.num IN ({','.join('?' * len(nums))})", nums).fetchall()
            similar = [(other, j) for other, blob in rows
                       if (j := similarity(minhash, blob)) >= SAME_STORY_JACCARD]
        conn.executemany("INSERT INTO lsh_recent (band, num) VALUES (?, ?) ON CONFLICT DO NOTHING",
                         [(k, num) for k in keys])
    shared_url = [r[0] for r in conn.execute(
        "SELECT DISTINCT other.article_id FROM copies mine JOIN copies other ON other.url_key = mine.url_key "
        "JOIN articles a ON a.id = other.article_id WHERE mine.article_id = ? AND mine.url_key IS NOT NULL "
        "AND other.article_id != ?", (article_id, article_id))]
    merge_stories(conn, [other for other, _ in similar] + shared_url, article_id)
    close = [other for other, j in similar if j >= NEAR_DUPLICATE_JACCARD]
    if close:
        _near(conn, article_id, minhash, close)  # type: ignore[arg-type]


def settle_bands(conn: sqlite3.Connection) -> None:
    """Inside a write's transaction: the recent bands moved to lsh, in its order, once they are many."""
    if conn.execute("SELECT count(*) FROM lsh_recent").fetchone()[0] >= RECENT_BANDS:
        conn.execute("INSERT INTO lsh (band, num) SELECT band, num FROM lsh_recent WHERE true ORDER BY band, num "
                     "ON CONFLICT DO NOTHING")
        conn.execute("DELETE FROM lsh_recent")


def join_url(conn: sqlite3.Connection, article_id: str, url_key: str) -> None:
    """A page of a stored article was met under `url_key`: the stories of that URL become one."""
    others = [r[0] for r in conn.execute("SELECT DISTINCT c.article_id FROM copies c JOIN articles a "
                                         "ON a.id = c.article_id WHERE c.url_key = ?", (url_key,))]
    if len(others) > 1:
        merge_stories(conn, others)
