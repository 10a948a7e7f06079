"""Progress of a long `import_feeds` run: a bar on a terminal, plain lines in a log."""

import time

BAR_WIDTH = 30
# Plain lines: at most one per this many seconds, plus the last one.
LINE_EVERY = 10.0


class Progress:
    """Reports `done` of `total` things to `stream`, a command's OutputWrapper (its stderr).

    On a terminal, one line redrawn in place; elsewhere (cron, a log file),
    a plain line now and then, which a log keeps readable.
    """

    def __init__(self, stream, total: int, noun: str):
        self.stream, self.total, self.noun = stream, total, noun
        self.tty = stream.isatty()
        self.done = self.failed = 0
        self.last_line = None
        self.shown = False

    def step(self, failed: bool = False, done: int | None = None) -> None:
        self.done = self.done + 1 if done is None else done
        self.failed += failed
        if self.tty:
            self._draw()
        elif self._line_due():
            self.stream.write(f"{self._counts()}\n", ending="")
            self.stream.flush()

    def _line_due(self) -> bool:
        now = time.monotonic()
        if self.done >= self.total or self.last_line is None or now - self.last_line >= LINE_EVERY:
            self.last_line = now
            return True
        return False

    def _counts(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.done}/{self.total} {self.noun}{failed}"

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self._counts()}\x1b[K", ending="")
        if self.done >= self.total:
            self.stream.write("\n", ending="")
            self.shown = False
        else:
            self.shown = True
        self.stream.flush()

    def clear(self) -> None:
        """Wipes the bar off the terminal line, before another line is written there."""
        if self.tty and self.shown:
            self.stream.write("\r\x1b[K", ending="")
            self.stream.flush()
