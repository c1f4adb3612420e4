"""What every kind of data block resolves against: the repository, the analysis workbench and
the name resolver of the running app (one of each, shared with the cards), plus the few helpers
every kind needs. Kinds raise ``BlockError``; the resolver turns it into an error block."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.analysis.workbench import AnalysisError, AnalysisWorkbench
from desktop.domain.errors import UserError
from desktop.domain.models import Figure, Source, figure_sources
from desktop.reference.names import NameResolver
from desktop.reference.repository import ReferenceRepository


class BlockError(ValueError):
    """What is wrong with a block, in words for the memo's author."""


@dataclass(frozen=True)
class BlockContext:
    repo: ReferenceRepository
    workbench: AnalysisWorkbench
    names: NameResolver
    today: Callable[[], str]
    as_of: str | None = None  # the memo's date: statuses are given for it

    def status_date(self, asked: str | None) -> str:
        """The day a block gives statuses for: its own ``as-of:``, else the memo's date, else
        today."""
        return asked or self.as_of or self.today()

    @staticmethod
    def ask(question: Callable[[], Any]) -> Any:
        """Ask the workbench; a question the data cannot answer becomes a block error."""
        try:
            return question()
        except (AnalysisError, UserError) as exc:
            raise BlockError(str(exc)) from None


class Params(dict):
    """A block's values after checking: ids for names, numbers for numbers, defaults filled
    in. ``raw`` keeps what the author wrote, for messages."""

    def __init__(self, values: dict[str, Any], raw: dict[str, str]) -> None:
        super().__init__(values)
        self.raw = raw


def unique(sources: list[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.id, source)
    return list(seen.values())


def sources_of(figures: list[Figure]) -> list[Source]:
    """Every figure's sources (``Figure.sources``): where it was read, and its erratum or
    original publication."""
    return figure_sources(figures)
