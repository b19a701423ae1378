"""A one-line progress display for long runs: documents done, rate, time left."""

from __future__ import annotations

import time
from pathlib import Path


class ProgressLine:
    def __init__(self, stream, min_interval: float = 0.2):
        self.stream = stream
        self.started = time.perf_counter()
        self.last = 0.0
        self.min_interval = min_interval
        self.shown = False

    def __call__(self, done: int, total: int, path: Path) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < self.min_interval:
            return
        self.last = now
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        line = f"\r{done}/{total} documents  {rate:.1f}/s  {left:.0f}s left  {path.name[:40]:<40}"
        if self.stream.isatty() or done == total:
            self.stream.write(line)
            self.stream.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
