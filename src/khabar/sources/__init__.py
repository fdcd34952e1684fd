"""Sources: inputs (files, folders, JSONL, TREC, JSON arrays, archives, WARC, HTML, stdin) to raw pages."""

from khabar.sources.decode import check_language, decode_bytes
from khabar.sources.html import html_to_text
from khabar.sources.page import RawPage
from khabar.sources.read import iter_pages, iter_texts_bare

__all__ = ["RawPage", "check_language", "decode_bytes", "html_to_text", "iter_pages", "iter_texts_bare"]
