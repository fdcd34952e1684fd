"""Quotations with their speakers, and reported speech (see step.py)."""

from khabar.quotes.step import QUOTE_FINDER, find_quotes

__all__ = ["QUOTE_FINDER", "find_quotes"]
