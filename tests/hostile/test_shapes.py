"""Every hostile shape, at a size that once hurt, read through sources and the whole pipeline within
a generous timeout and a memory ceiling (in a child process, so that a hang or a blow-up fails the
test instead of the machine). No timing is asserted beyond "it finished"."""

from __future__ import annotations

import sys

import pytest

from khabar.bench_hostile import measure
from khabar.hostile import SHAPES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks and reads /proc")

SIZE = 100_000
TIMEOUT_S = 120.0  # generous: on this machine each takes under 6 s
CEILING_MB = 1_000


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_shape_is_read_within_a_timeout_and_a_memory_ceiling(shape, tmp_path):
    reading = measure(shape, SIZE, tmp_path, timeout=TIMEOUT_S)
    assert reading.seconds is not None, reading.first_error or "killed at the timeout"
    assert reading.added_mb is not None and reading.added_mb < CEILING_MB
    assert reading.documents >= 1


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_shape_is_made_again_from_its_seed(shape):
    assert SHAPES[shape](5_000, 3) == SHAPES[shape](5_000, 3)
