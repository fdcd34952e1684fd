"""Errors with enough context to tell a user which input or data file is wrong."""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""


class InputError(KhabarError):
    """An input that cannot be read as a news text; `reason` is plain words for the user."""

    def __init__(self, input_id: str, reason: str) -> None:
        super().__init__(f"{input_id}: {reason}")
        self.input_id = input_id
        self.reason = reason


class DataFileError(KhabarError):
    """A malformed line in one of khabar's own data files (or a user's --kb file)."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
