"""Content ids: same text, same id, whatever the spacing; URLs compared without their decoration."""

from __future__ import annotations

from khabar.store.ids import content_hash, content_id, url_key


def test_ids_whitespace_does_not_change_the_id():
    assert content_hash("قال  الوزير\r\nاليوم ") == content_hash("قال الوزير اليوم")
    assert content_hash("قال الوزير") != content_hash("قال الوزراء")
    assert len(content_id(content_hash("نص"))) == 16


def test_ids_url_key():
    assert url_key("https://www.Example.com/a/b/") == "example.com/a/b"
    assert url_key("http://example.com/a/b#top") == "example.com/a/b"
    assert url_key("  ") is None and url_key(None) is None
