"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` each time an empty QVariant is turned
into ``None`` (a model asked for a role it does not hold, a delegate asking for such a role); after
enough paints the interpreter aborts with "deallocating None". pyproject.toml excludes that release;
this test fails if an installed binding has the defect again.
"""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402


class _Model(QAbstractListModel):
    def rowCount(self, parent=None) -> int:  # noqa: N802
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "x" if role == Qt.ItemDataRole.DisplayRole else None


def _none_count_change(action, times: int = 500) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        action()
    return sys.getrefcount(None) - before


def test_python_model_returning_none_keeps_none_alive(qapp):
    model = _Model()  # kept alive: an index must not outlive its model
    index = model.index(1)
    assert _none_count_change(lambda: index.data(Qt.ItemDataRole.ToolTipRole)) > -100


def test_empty_qvariant_to_python_keeps_none_alive(qapp):
    model = QStandardItemModel()
    model.appendRow(QStandardItem("x"))
    index = model.index(0, 0)
    assert _none_count_change(lambda: index.data(Qt.ItemDataRole.UserRole + 7)) > -100
    assert isinstance(QModelIndex(), QModelIndex)
