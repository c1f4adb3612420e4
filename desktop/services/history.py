"""Back/forward history of opened cards, like a browser's: pure logic, so it is tested without Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

Location = tuple[str, str]  # (kind, id)


@dataclass
class History:
    limit: int = 200
    _back: list[Location] = field(default_factory=list)
    _forward: list[Location] = field(default_factory=list)
    current: Location | None = None

    def visit(self, location: Location) -> None:
        if location == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[:-self.limit]
        self.current = location
        self._forward.clear()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> Location | None:
        return self._step(self._back, self._forward)

    def forward(self) -> Location | None:
        return self._step(self._forward, self._back)

    def _step(self, source: list[Location], target: list[Location]) -> Location | None:
        """Move one place along ``source``, keeping the current place on ``target``."""
        if not source:
            return None
        if self.current is not None:
            target.append(self.current)
        self.current = source.pop()
        return self.current

    def forget(self, location: Location) -> None:
        """Drop a location that can no longer be opened (e.g. after a data-pack change)."""
        self._back = [loc for loc in self._back if loc != location]
        self._forward = [loc for loc in self._forward if loc != location]
