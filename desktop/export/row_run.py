"""Long tables (and code blocks, which are tables of lines) laid out in time proportional to
their length.

At each page break reportlab splits a table into the rows that fit and a new table of all the
other rows, whose every row it measures again on the next page, restyling it command by
command; a table of N pages is measured N times over, so its cost grows with the square of its
length. ``RowRun`` shows reportlab only a window of rows at a time: enough to overfill the room
left on the page, so reportlab splits the window exactly where it would have split the whole
table, and the rows after the split start the next window. Each window is made by the caller's
``make(start, stop)``, which styles rows by their place in the whole table (zebra stripes, a
rule under the last row), so windows print exactly as the whole table would.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Table

FIRST_WINDOW = 8  # rows; doubled until the window is taller than the room on the page
MIN_ROWS = 120  # tables shorter than this are made whole, as they always were

MakeRows = Callable[[int, int], Table]  # body rows [start, stop) (with any header) -> a table


class RowRun(Flowable):
    """Body rows ``start`` to ``rows`` of a table made window by window by ``make``.

    ``header`` rows (repeated on every page) are in every window ``make`` returns.
    """

    def __init__(self, make: MakeRows, rows: int, start: int = 0, header: int = 1,
                 size: int = FIRST_WINDOW, h_align: str | None = None) -> None:
        super().__init__()
        self.make = make
        self.rows = rows
        self.start = start
        self.header = header
        self.size = max(1, size)  # rows in the first window tried
        self._window: Table | None = None
        self._measured: tuple[int, float, float, float] | None = None  # stop, w, h -> height
        # where the frame places it: the table's own alignment
        self.hAlign = h_align or make(start, min(rows, start + 1)).hAlign

    def window(self, width: float, height: float) -> Table:
        """A window from ``start`` taller than ``height`` (or reaching the last row).

        A window far taller than the page would be measured in vain, so windows start small
        (a continuation, at the size of the page before) and double.
        """
        size = self.size
        while True:
            stop = min(self.rows, self.start + size)
            if self._window is None or self._measured is None or self._measured[0] != stop:
                self._window, self._measured = self.make(self.start, stop), None
            if self._measured is None or self._measured[1:3] != (width, height):
                self._measured = (stop, width, height, self._window.wrap(width, height)[1])
            if self._measured[3] > height or stop == self.rows:
                self.size = size
                return self._window
            size *= 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        table = self.window(availWidth, availHeight)
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        table = self.window(availWidth, availHeight)
        parts = table.split(availWidth, availHeight)
        if len(parts) < 2:
            return parts  # nothing fits here, or (not expected) everything does
        done = len(parts[0]._cellvalues) - self.header
        rest = RowRun(self.make, self.rows, self.start + done, self.header,
                      size=done + done // 4 + 2, h_align=self.hAlign)
        rest.spaceAfter = self.spaceAfter  # the page's split part needs none: the page ends
        return [parts[0], rest]

    def draw(self) -> None:
        assert self._window is not None, "drawn before it was wrapped"
        self._window.drawOn(self.canv, 0, 0)

    def leading_rows(self, count: int) -> Table:
        """The header and the first ``count`` rows, for measuring what must fit with them."""
        return self.make(self.start, min(self.rows, self.start + count))


def row_run_or_table(make: MakeRows, rows: int, header: int = 1) -> Flowable:
    """The whole table when it is short; a ``RowRun`` over it when it is long."""
    if rows < MIN_ROWS:
        return make(0, rows)
    return RowRun(make, rows, header=header)
