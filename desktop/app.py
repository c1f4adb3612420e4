"""The application context: one object owning what the app and the CLI work with.

``AppContext`` holds the reference repository, the lookup, the name resolver, the analysis
workbench, the policy register, the card service, the block resolver, the mention recogniser and
the user's memo library — one of each, so the cards, the dashboard and memo blocks share one
analysis cache and a name means the same thing in every place. The Qt launcher builds it once
and hands it to the window; the CLI builds it once per command. Each part is made on first use,
so ``briefdesk memo list`` never opens the reference database and ``briefdesk lookup`` never opens
the library.

Its parts receive their dependencies in their constructors; nothing is set on them afterwards.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from desktop.analysis.workbench import AnalysisWorkbench
from desktop.blocks.recognize import Recognizer
from desktop.blocks.resolve import BlockResolver
from desktop.domain.resolved import NO_REFERENCE_DATA, ResolvedBlock, error_block
from desktop.library.store import MemoLibrary
from desktop.paths import user_data_dir
from desktop.reference.connection import ReferenceUnavailable, open_reference
from desktop.reference.lookup import Lookup
from desktop.reference.names import NameResolver
from desktop.reference.repository import ReferenceRepository
from desktop.services.cards import CardService
from desktop.services.lists import ListsService
from desktop.services.markets import MarketService
from desktop.services.register import Register


class AppContext:
    """The app's services over one reference database and one memo library.

    ``reference`` is an open connection or a function that opens one; ``library`` a library,
    a function that opens one, or None where the app has none (it could not be opened).
    ``today`` fixes the date memberships are taken on (tests; default: the real date).
    """

    def __init__(self, reference: sqlite3.Connection | Callable[[], sqlite3.Connection],
                 library: MemoLibrary | Callable[[], MemoLibrary] | None = None,
                 today: Callable[[], str] | None = None) -> None:
        self._reference = reference
        self._library = library
        self._today = today

    @classmethod
    def open(cls, reference_path: Path | None = None, home: Path | None = None,
             today: Callable[[], str] | None = None) -> AppContext:
        """The context of a command: the reference DB and the library open when first used."""
        return cls(lambda: open_reference(reference_path),
                   lambda: MemoLibrary(home or user_data_dir()), today)

    def today(self) -> str:
        """The date memberships, statuses and new memos are taken on (fixed in tests)."""
        import datetime

        return self._today() if self._today else datetime.date.today().isoformat()

    # -- the reference data -------------------------------------------------------------------
    @cached_property
    def connection(self) -> sqlite3.Connection:
        reference = self._reference
        return reference if isinstance(reference, sqlite3.Connection) else reference()

    @cached_property
    def repo(self) -> ReferenceRepository:
        return ReferenceRepository(self.connection)

    @cached_property
    def lookup(self) -> Lookup:
        return Lookup(self.connection)

    @cached_property
    def names(self) -> NameResolver:
        return NameResolver(self.repo, self.lookup)

    @cached_property
    def workbench(self) -> AnalysisWorkbench:
        return AnalysisWorkbench(self.repo, today=self._today)

    @cached_property
    def register(self) -> Register:
        return Register(self.repo, self._today)

    @cached_property
    def lists(self) -> ListsService:
        return ListsService(self.repo)

    @cached_property
    def cards(self) -> CardService:
        return CardService(self.repo, self.workbench, self.register, self.lists, self.markets)

    @cached_property
    def markets(self) -> MarketService:
        return MarketService(self.repo, self.workbench.markets)

    @cached_property
    def blocks(self) -> BlockResolver:
        return BlockResolver(self.repo, self.workbench, self.names, self._today)

    @cached_property
    def recognizer(self) -> Recognizer:
        return Recognizer(self.lookup.exact_names)  # names read on first use, not at start

    @property
    def data_pack(self) -> str:
        return self.repo.meta.get("data_pack_version", "")

    @cached_property
    def lazy_blocks(self) -> LazyBlocks:
        """The block resolver, the reference DB opened only when a block is resolved: a memo
        without blocks exports without it, and without a reference DB a block prints as a box
        saying so."""
        return LazyBlocks(self)

    # -- the user's memos ---------------------------------------------------------------------
    @cached_property
    def library(self) -> MemoLibrary | None:
        library = self._library
        if library is None or isinstance(library, MemoLibrary):
            return library
        return library()

    def close(self) -> None:
        if "library" in self.__dict__ and self.library is not None:
            self.library.close()
        if "connection" in self.__dict__:
            self.connection.close()


class LazyBlocks:
    """Resolves blocks through the context's resolver, made on the first block."""

    def __init__(self, context: AppContext, as_of: str | None = None) -> None:
        self._context = context
        self._as_of = as_of

    def dated(self, as_of: str | None) -> LazyBlocks:
        return LazyBlocks(self._context, as_of)

    def __call__(self, body: str) -> ResolvedBlock:
        try:
            blocks = self._context.blocks
        except ReferenceUnavailable:
            return error_block(NO_REFERENCE_DATA)
        return blocks.dated(self._as_of)(body) if self._as_of else blocks(body)
