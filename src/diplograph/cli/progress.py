"""A progress display for long runs on stderr: a bar, documents done, rate and time left."""

from __future__ import annotations

import time
from pathlib import Path


def format_seconds(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class ProgressLine:
    """Redraws one line on a terminal; elsewhere (a log file, CI) writes a line now and then."""

    def __init__(self, stream, min_interval: float = 0.2, log_interval: float = 10.0,
                 width: int = 24):
        self.stream = stream
        self.started = time.perf_counter()
        self.last = float("-inf")
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.min_interval = min_interval if self.tty else log_interval
        self.width = width
        self.shown = False

    def line(self, done: int, total: int, source: Path | str, elapsed: float) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        left = format_seconds((total - done) / rate) if rate > 0 else "?"
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        name = Path(str(source)).name if not str(source).startswith("http") else str(source)
        return (f"[{bar}] {done}/{total} documents  {rate:.1f} docs/s  {left} left  "
                f"{name[-40:]}")

    def __call__(self, done: int, total: int, source: Path | str) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < self.min_interval:
            return
        self.last = now
        text = self.line(done, total, source, now - self.started)
        if self.tty:
            self.stream.write("\r" + text[:150].ljust(150) if self.shown else "\r" + text[:150])
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\n")
            self.stream.flush()
