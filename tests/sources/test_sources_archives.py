"""Tar and zip archives built in the test: members dispatched by their own names, errors kept per member."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile

from khabar.sources import iter_pages
from tests.sources.sources_samples import ARABIC, ARABIC_2

TREC = f"<DOC>\n<DOCNO>SK-1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n{ARABIC_2}\n</TEXT>\n</DOC>\n"
MEMBERS = {
    "corpus/a/first.txt": ARABIC.encode("utf-8"),
    "corpus/a/SK-1.txt": TREC.encode("utf-8"),
    "corpus/README.md": b"# not an input",
    "corpus/b/feed.jsonl": (json.dumps({"text": ARABIC_2}, ensure_ascii=False) + "\n{oops\n").encode("utf-8"),
    "corpus/b/old.txt": ARABIC_2.encode("cp1256"),
    "corpus/b/empty.txt": b"",
    "corpus/.hidden.txt": ARABIC.encode("utf-8"),
    "__MACOSX/corpus/._first.txt": b"\x00\x05\x16\x07",
}
# Member path without extension; a TREC member takes its DOCNO.
EXPECTED_IDS = [
    "corpus/a/first",
    "SK-1",
    "corpus/b/feed-1",
    "corpus/b/feed-2",
    "corpus/b/old",
    "corpus/b/empty",
]


def _tar_bytes(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1_700_000_000
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _check(pages, archive_path):
    assert [p.id for p in pages] == EXPECTED_IDS
    by_id = {p.id: p for p in pages}
    assert by_id["corpus/a/first"].text == ARABIC
    assert by_id["corpus/a/first"].origin == f"{archive_path}!corpus/a/first.txt"
    assert by_id["SK-1"].title == "عنوان" and by_id["SK-1"].text == "عنوان\n" + ARABIC_2
    assert by_id["corpus/b/feed-2"].error.startswith("invalid JSON on line 2")
    assert by_id["corpus/b/old"].text == ARABIC_2
    assert by_id["corpus/b/empty"].error == "empty file"
    assert all(p.error is None for p in pages if p.id not in ("corpus/b/feed-2", "corpus/b/empty"))


def test_tar_gz_members(write):
    path = write("corpus.tar.gz", _tar_bytes(MEMBERS))
    pages = list(iter_pages([path]))
    _check(pages, path)
    # Member index for single-document members; line number for JSONL lines; doc index for TREC.
    assert [p.position for p in pages] == [0, 0, 1, 2, 3, 4]


def test_tgz_and_plain_tar(write):
    for name, mode in (("c.tgz", "w:gz"), ("c.tar", "w"), ("c.tar.xz", "w:xz")):
        path = write(name, _tar_bytes(MEMBERS, mode))
        _check(list(iter_pages([path])), path)


def test_zip_members(write):
    path = write("corpus.zip", _zip_bytes(MEMBERS))
    _check(list(iter_pages([path])), path)


def test_archive_inside_an_archive(write):
    inner = _zip_bytes({"x/story.txt": ARABIC.encode("utf-8")})
    path = write("outer.tar.gz", _tar_bytes({"bundle/inner.zip": inner}))
    [page] = list(iter_pages([path]))
    assert page.text == ARABIC
    assert page.origin == f"{path}!bundle/inner.zip!x/story.txt"


def test_tar_archive_is_streamed_lazily(write):
    path = write("lazy.tar.gz", _tar_bytes({f"d/{i:03}.txt": ARABIC.encode("utf-8") for i in range(200)}))
    pages = iter_pages([path])
    assert next(pages).id == "d/000"
    assert next(pages).id == "d/001"  # nothing forces the rest to be read


def test_truncated_archive_keeps_the_pages_before_the_break(write):
    data = _tar_bytes({f"d/{i:03}.txt": (ARABIC * 40).encode("utf-8") for i in range(40)})
    path = write("cut.tar.gz", data[: len(data) // 2])
    pages = list(iter_pages([path, write("after.txt", ARABIC_2)]))
    assert pages[0].error is None and pages[0].id == "d/000"
    broken = [p for p in pages if p.error]
    assert len(broken) == 1 and broken[0].error.startswith("broken or truncated")
    assert pages[-1].id == "after" and pages[-1].error is None


def test_not_an_archive_at_all(write):
    pages = list(iter_pages([write("fake.zip", "هذا ليس ملفا مضغوطا"), write("fake.tar.gz", b"plain bytes")]))
    assert [p.id for p in pages] == ["fake", "fake"]
    assert all(p.error for p in pages)


def test_gzip_single_file(write):
    import gzip

    page = next(iter_pages([write("story.txt.gz", gzip.compress(ARABIC.encode("utf-8")))]))
    assert page.id == "story" and page.text == ARABIC


def test_archives_nested_too_deep_are_refused(write):
    data = _zip_bytes({"story.txt": ARABIC.encode("utf-8")})
    for level in range(6):
        data = _zip_bytes({f"level{level}.zip": data})
    [page] = list(iter_pages([write("deep.zip", data)]))
    assert page.error == "archives nested more than 4 deep"
