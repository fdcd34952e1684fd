"""`khabar bench hostile` reads off issue 17's floor: per shape and size the seconds, CPU seconds,
peak memory, whether the time budget stopped it, the growth exponent; and the shapes that miss."""

from __future__ import annotations

from khabar.bench_hostile import MAX_PEAK_MB, Reading, exponent, format_rows, header, misses


def _reading(size: int, cpu: float, peak: float = 400.0, stopped: int = 0) -> Reading:
    return Reading("s", size, cpu * 3, peak - 300, 1, stopped, "stopped after the time budget" if stopped else None,
                   cpu, peak, stopped, "events 1.0")


def test_the_exponent_is_how_cpu_time_grows_with_the_size():
    assert exponent(_reading(1_000_000, 2.0), _reading(5_000_000, 10.0)) == 1.0
    assert round(exponent(_reading(1_000_000, 1.0), _reading(5_000_000, 25.0)), 6) == 2.0
    assert exponent(Reading("s", 1, None, None), _reading(5, 1.0)) is None


def test_each_size_is_a_row_with_every_figure_and_the_growth_on_the_last():
    readings = [_reading(1_000_000, 2.0), _reading(5_000_000, 10.0, stopped=1)]
    rows = format_rows("real-text", readings, exponent(*readings))
    assert len(rows) == 2 and len(header().split()) >= 8
    assert "1 MB" in rows[0] and "5 MB" in rows[1]
    assert "1.00" in rows[1] and "1.00" not in rows[0]
    assert "yes 1" in rows[1] and " no " in rows[0]


def test_a_shape_misses_the_floor_by_growth_time_memory_or_the_budget():
    fine = [_reading(1_000_000, 2.0), _reading(5_000_000, 10.0)]
    assert misses("a", fine, exponent(*fine)) == []
    steep = [_reading(1_000_000, 2.0), _reading(5_000_000, 29.0)]
    assert any("growth" in m for m in misses("a", steep, exponent(*steep)))
    slow = [_reading(1_000_000, 7.0), _reading(5_000_000, 35.0)]
    assert any("CPU s" in m for m in misses("a", slow, exponent(*slow)))
    big = [_reading(1_000_000, 2.0), _reading(5_000_000, 10.0, peak=MAX_PEAK_MB + 1)]
    assert any("peak" in m for m in misses("a", big, exponent(*big)))
    stopped = [_reading(1_000_000, 2.0), _reading(5_000_000, 10.0, stopped=2)]
    assert any("budget stopped 2" in m for m in misses("a", stopped, exponent(*stopped)))
    killed = [_reading(1_000_000, 2.0), Reading("a", 5_000_000, None, None, first_error="killed")]
    assert misses("a", killed, None) == ["a at 5 MB: not read (killed)"]
