"""The Bloc dashboard: matrix, detail, custom blocs, export and its wiring into the main window."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from desktop.analysis.stages import STAGES
from desktop.analysis.workbench import AnalysisWorkbench
from desktop.ui.cards import bloc_dashboard
from desktop.ui.cards.bloc_dashboard import CSV_COLUMNS, CUSTOM, BlocDashboard

AS_OF = "2026-06-30"


@pytest.fixture()
def workbench(repo):
    return AnalysisWorkbench(repo, today=lambda: AS_OF)


@pytest.fixture()
def dashboard(qtbot, workbench):
    panel = BlocDashboard(workbench)
    panel.as_of.setDate(panel.as_of.date().fromString(AS_OF, "yyyy-MM-dd"))
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _row(panel, mineral: str) -> int:
    return next(r for r, row in enumerate(panel.rows) if row.mineral == mineral)


def _text(panel, mineral: str, stage: str) -> str:
    return panel.model.text(_row(panel, mineral), STAGES.index(stage))


def _click(qtbot, panel, mineral: str, stage: str) -> None:
    index = panel.model.index(_row(panel, mineral), STAGES.index(stage))
    panel.view.scrollTo(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.view.visualRect(index).center())


def test_builds_for_every_preset_bloc(dashboard, workbench):
    presets = workbench.presets()
    assert len(presets) >= 8
    for spec, label in presets:
        dashboard.set_bloc(spec)
        assert dashboard.spec() == spec and dashboard.bloc_combo.currentText() == label
        assert dashboard.model.rowCount() >= 20, spec
        assert not dashboard.summary.text().startswith("This bloc cannot be shown"), spec
    assert dashboard.bloc_combo.itemData(dashboard.bloc_combo.count() - 1) == CUSTOM


def test_rare_earths_row_has_every_stage(dashboard):
    dashboard.set_bloc("g7")
    row = dashboard.rows[_row(dashboard, "rare-earths")]
    upstream = [stage for stage in STAGES if stage != "downstream"]
    assert all(row.cells[stage] is not None for stage in upstream)
    assert all(_text(dashboard, "rare-earths", stage).startswith("Bloc ") for stage in upstream)
    assert dashboard.model.headerData(_row(dashboard, "rare-earths"), Qt.Orientation.Vertical) \
        == "Rare earths"


def test_g7_rare_earths_mining_cell_shows_bloc_and_china_shares(dashboard, workbench):
    dashboard.set_bloc("g7")
    coverage = workbench.coverage("g7", "rare-earths", as_of=AS_OF, stage="mining")
    bloc = round(100 * sum(s.share for s in coverage.members))
    china = round(100 * next(s.share for s in coverage.shares.shares if s.country == "CHN"))
    text = _text(dashboard, "rare-earths", "mining")
    assert text == f"Bloc {bloc} % · CN {china} %"
    assert bloc > 0 and china > bloc
    index = dashboard.model.index(_row(dashboard, "rare-earths"), STAGES.index("mining"))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "HHI" in tip and "highly concentrated" in tip
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_empty_cells_show_a_dash_and_china_unlisted_is_not_zero(dashboard):
    dashboard.set_bloc("g7")
    texts = [dashboard.model.text(r, c) for r in range(dashboard.model.rowCount())
             for c in range(len(STAGES))]
    assert "—" in texts
    for r, row in enumerate(dashboard.rows):
        for c, stage in enumerate(STAGES):
            cell = row.cells[stage]
            if cell is not None and not cell.coverage.rival_listed:
                assert "CN n/l" in dashboard.model.text(r, c)


def test_clicking_a_cell_fills_the_detail(qtbot, dashboard):
    dashboard.set_bloc("g7")
    _click(qtbot, dashboard, "rare-earths", "mining")
    detail = dashboard.detail
    assert detail.title.text().startswith("Rare earths — Mining")
    assert "Bloc share = Σ shares" in detail.formula.text()
    assert "HHI = Σ" in detail.formula.text()
    assert "If China stopped supplying: 69.2 % of world supply offline; HHI 5,054 → 2,762" \
        in detail.stress.text()
    assert "on its own: 13.1 % of today's world supply, led by United States" \
        in detail.stress.text()
    rows = detail.table.model.rows
    usa = next(r for r in rows if r.get("iso3") == "USA")
    china = next(r for r in rows if r.get("iso3") == "CHN")
    assert usa["member"] == "yes" and china["member"] == "no"
    assert rows[-1]["name"] == "Denominator (world total)" and rows[-2]["member"] == "never"
    assert "Figures:" in detail.sources.text() and "http" in detail.sources.text()
    assert detail.add_button.isEnabled()


def test_add_to_memo_emits_the_bloc_block(qtbot, dashboard, resolver):
    dashboard.set_bloc("g7")
    assert not dashboard.detail.add_button.isEnabled()
    dashboard.select("rare-earths", "mining")
    with qtbot.waitSignal(dashboard.memo_block) as blocker:
        dashboard.detail.add_button.click()
    markup = blocker.args[0]
    for line in ("kind: bloc", "group: g7", "mineral: rare-earths", "metric: mine_production",
                 "stage: mining", "year: 2025", "as-of: "):
        assert line in markup
    # a processing-share cell pins its product, so the block shows the very series of the cell
    dashboard.select("graphite", "downstream")
    markup = dashboard.memo_markup()
    assert "stage: downstream" in markup and "product: battery-grade graphite" in markup
    body = markup.split("\n", 1)[1].rsplit("```", 1)[0]
    resolved = resolver.resolve(body)
    assert resolved.ok and "China" in str(resolved.rows)


def test_custom_bloc_changes_the_matrix(qtbot, dashboard, workbench):
    dashboard.set_bloc("g7")
    before = _text(dashboard, "rare-earths", "mining")
    dashboard.build_button.click()
    builder = dashboard.builder
    assert builder is not None and builder.isVisible()
    builder.set_checked({"USA", "AUS"})
    builder.name.setText("Pacific allies")
    assert builder.spec() == "AUS+USA"
    builder.accept()
    assert dashboard.spec() == "AUS+USA"
    assert dashboard.bloc_combo.currentText() == "Pacific allies (custom)"
    assert dashboard.summary.text().startswith("Pacific allies: 2 member countries")
    coverage = workbench.coverage("AUS+USA", "rare-earths", as_of=AS_OF, stage="mining")
    after = _text(dashboard, "rare-earths", "mining")
    assert after != before and after.startswith(f"Bloc {round(100 * coverage.bloc_share)} %")
    # choosing "Custom bloc…" in the combo opens the builder and keeps the current bloc
    dashboard.bloc_combo.setCurrentIndex(dashboard.bloc_combo.count() - 1)
    assert dashboard.spec() == "AUS+USA" and dashboard.builder.isVisible()
    assert dashboard.builder.codes() == ["AUS", "USA"]
    dashboard.builder.reject()


def test_year_switch_changes_the_data_year(dashboard):
    dashboard.set_bloc("g7")
    latest = {(r.mineral, s): c.series.year for r in dashboard.rows
              for s, c in r.cells.items() if c}
    dashboard.year_combo.setCurrentIndex(dashboard.year_combo.findData(2024))
    older = {(r.mineral, s): c.series.year for r in dashboard.rows
             for s, c in r.cells.items() if c}
    assert all(year <= 2024 for year in older.values())
    assert any(latest.get(key) != year for key, year in older.items())
    for (mineral, stage), year in older.items():
        assert _text(dashboard, mineral, stage).endswith(f" · {year}") == (year != 2024)


def test_csv_export_round_trips(dashboard, workbench, tmp_path, monkeypatch):
    dashboard.set_bloc("g7")
    path = tmp_path / "g7.csv"
    monkeypatch.setattr(bloc_dashboard.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(path), ""))
    dashboard.export_button.click()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    cells = sum(1 for r in dashboard.rows for c in r.cells.values() if c)
    assert len(rows) == cells
    mining = next(r for r in rows if r["mineral"] == "rare-earths" and r["stage"] == "mining")
    coverage = workbench.coverage("g7", "rare-earths", as_of=AS_OF, stage="mining")
    assert float(mining["bloc_share"]) == pytest.approx(coverage.bloc_share, abs=1e-6)
    assert float(mining["china_share"]) == pytest.approx(coverage.rival_share, abs=1e-6)
    assert mining["band"] == "highly concentrated" and float(mining["hhi"]) > 1800
    assert mining["year"] == "2025" and mining["unit"]


def test_unwritable_path_shows_a_message_and_loses_nothing(dashboard, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(bloc_dashboard.QMessageBox, "warning",
                        lambda *a, **k: warnings.append(a[2]) or QMessageBox.StandardButton.Ok)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept", encoding="utf-8")
    rows = dashboard.model.rowCount()
    for target in (folder, tmp_path / "missing" / "out.csv"):
        monkeypatch.setattr(bloc_dashboard.QFileDialog, "getSaveFileName",
                            lambda *a, t=target, **k: (str(t), ""))
        dashboard.export_dialog()
    assert len(warnings) == 2 and all("Nothing was lost" in w for w in warnings)
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "kept"
    assert not (tmp_path / "missing").exists()
    assert dashboard.model.rowCount() == rows
    monkeypatch.setattr(bloc_dashboard.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dashboard.export_dialog()  # cancelled: nothing happens
    assert len(warnings) == 2


@pytest.mark.parametrize("text", ["x" * 100_000, "<script>alert(1)</script>", "<b>unclosed",
                                  "مجموعة الحلفاء", "\u202egnp.exe", "nul\0in\0the\0middle",
                                  "\0", "   ", "%s%n{0}"])
def test_hostile_input_in_the_custom_bloc_fields(qtbot, dashboard, text):
    dashboard.open_builder()
    builder = dashboard.builder
    builder.filter.setText(text)
    builder.filter.setText(text[:3])
    builder.filter.clear()
    builder.name.setText(text)
    builder.set_checked({"JPN"})
    builder.accept()
    label = dashboard.bloc_combo.currentText()
    assert dashboard.spec() == "JPN"
    assert "\0" not in label and "\u202e" not in label and len(label) < 100
    assert dashboard.summary.textFormat() == Qt.TextFormat.PlainText
    dashboard.select("rare-earths", "mining")
    assert dashboard.detail.headline.textFormat() == Qt.TextFormat.PlainText


def test_builder_filter_hides_and_shows_countries(dashboard):
    dashboard.open_builder()
    builder = dashboard.builder
    builder.filter.setText("japan")
    shown = [builder.list.item(r).text() for r in range(builder.list.count())
             if not builder.list.item(r).isHidden()]
    assert shown == ["Japan (JPN)"]
    builder.filter.setText("")
    assert not any(builder.list.item(r).isHidden() for r in range(builder.list.count()))
    ok = builder.buttons.buttons()[0]
    assert not ok.isEnabled()  # nothing ticked yet
    builder.reject()


def test_dashboard_is_not_blank(dashboard):
    dashboard.select("rare-earths", "mining")
    image = dashboard.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 13)
               for y in range(0, image.height(), 13)}
    assert len(colours) > 8


def test_window_opens_the_dashboard_from_navigation_and_menu(qtbot, window):
    from desktop.ui.navigation import SECTIONS

    window.navigation.sections.buttons[SECTIONS.index("Blocs")].click()
    panel = window.card_area.currentWidget()
    assert isinstance(panel, BlocDashboard)
    assert window.history.current == ("blocs", "")
    window.open_card("mineral", "gallium")
    assert window.blocs_action.shortcut().toString() == "Ctrl+Shift+D"
    window.blocs_action.trigger()
    assert window.card_area.currentWidget() is panel
    panel.select("rare-earths", "mining")
    panel.detail.add_button.click()
    assert "kind: bloc" in window.editor.text.toPlainText()


def test_members_exposure_to_china(qtbot, dashboard):
    dashboard.set_bloc("g7")
    dashboard.tabs.setCurrentWidget(dashboard.exposure)
    grid = dashboard.exposure
    importers = [code for code, _ in grid.model.importers]
    assert set(importers) == {"CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA", "EU"}
    minerals = [m for m, _ in grid.model.minerals]
    assert "rare-earths" in minerals and "gallium" in minerals
    row, col = importers.index("GBR"), minerals.index("rare-earths")
    assert grid.model.index(row, col).data() == "—"  # no official figure found
    assert grid.model.index(row, col).data(Qt.ItemDataRole.ToolTipRole) == \
        "No official figure found"
    japan = grid.model.index(importers.index("JPN"), col)
    assert japan.data().startswith("80 % W")  # 79.6 % of imports by weight, 2024
    legend = grid.legend.text()
    assert "not comparable" in legend and "United Kingdom" in legend and "W = share of imports" \
        in legend
    grid.view.setCurrentIndex(japan)
    assert "Japan · Rare earths" in grid.detail.text() and grid.add_button.isEnabled()
    with qtbot.waitSignal(dashboard.memo_block) as blocker:
        grid.add_button.click()
    assert "kind: dependence" in blocker.args[0] and "importer: JPN" in blocker.args[0]


def test_cells_are_coloured_by_exposure_to_china_or_by_concentration(dashboard):
    """Niobium mining is concentrated (Brazil) but not in China: red for the market's HHI, pale
    for China's share; the legend says which colouring is shown, in plain words."""
    from desktop.ui.widgets.bloc_matrix import share_colours

    row, column = _row(dashboard, "niobium"), STAGES.index("mining")
    assert "CN <1 %" in _text(dashboard, "niobium", "mining") or \
        "CN 0 %" in _text(dashboard, "niobium", "mining")
    background = Qt.ItemDataRole.BackgroundRole
    index = dashboard.model.index(row, column)
    assert dashboard.colouring.currentData() == "china"  # the dashboard's question first
    by_china = dashboard.model.data(index, background).name()
    assert by_china == share_colours(0, False)[0]
    assert "China's share" in dashboard.legend.text()
    dashboard.colouring.setCurrentIndex(dashboard.colouring.findData("hhi"))
    by_market = dashboard.model.data(index, background).name()
    assert by_market != by_china and QColor(by_market).lightness() < 160  # deep: one supplier
    assert "concentrated" in dashboard.legend.text() and "1,800" in dashboard.legend.toolTip()
    rare_earths = dashboard.model.index(_row(dashboard, "rare-earths"), STAGES.index("refining"))
    dashboard.colouring.setCurrentIndex(dashboard.colouring.findData("china"))
    assert QColor(dashboard.model.data(rare_earths, background).name()).lightness() < 160
