"""The block picker offers the analysis blocks: a bloc or supplier typed or picked, a live preview."""

from __future__ import annotations


def test_picker_offers_the_analysis_kinds(qtbot, repo):
    from desktop.memos.resolve import BlockResolver
    from desktop.ui.block_picker import BlockPicker

    picker = BlockPicker(BlockResolver(repo))
    qtbot.addWidget(picker)
    picker.show()
    picker.kind.setCurrentIndex(picker.kind.findData("concentration"))
    assert "HHI" in picker.preview.toPlainText() and picker.insert.isEnabled()
    assert picker.stage.isVisible() and not picker.measure.isVisible()

    picker.kind.setCurrentIndex(picker.kind.findData("bloc"))
    assert picker.group.isVisible() and not picker.remove.isVisible()
    picker.group.setEditText("g7")
    shown = picker.preview.toPlainText()
    assert "G7 and China" in shown and "Bloc total" in shown
    picker.group.setEditText("g7+<nonsense>")
    assert "Cannot insert" in picker.preview.toPlainText() and not picker.insert.isEnabled()

    picker.kind.setCurrentIndex(picker.kind.findData("stress"))
    picker.remove.setEditText("CHN")
    picker.stage.setCurrentIndex(picker.stage.findData("reserves"))
    assert "if China stopped supplying" in picker.preview.toPlainText()
    assert picker.block().to_markup() == ("```brief\nkind: stress\nremove: CHN\n"
                                          "mineral: rare-earths\nstage: reserves\n```\n")


def test_picker_offers_reserves_gap_and_us_imports(qtbot, repo):
    """Both kinds resolve in memos; the picker used to leave them out."""
    from desktop.memos.resolve import BlockResolver
    from desktop.ui.block_picker import BlockPicker

    picker = BlockPicker(BlockResolver(repo))
    qtbot.addWidget(picker)
    picker.show()
    picker.kind.setCurrentIndex(picker.kind.findData("reserves-gap"))
    assert picker.kind.currentText() == "Reserves against production"
    assert picker.year.isVisible() and picker.top.isVisible() and not picker.measure.isVisible()
    assert picker.block().to_markup().startswith("```brief\nkind: reserves-gap\nmineral: ")
    assert "Cannot insert" not in picker.preview.toPlainText()

    picker.kind.setCurrentIndex(picker.kind.findData("us-imports"))
    assert picker.kind.currentText().startswith("US import")
    assert not picker.year.isVisible() and not picker.top.isVisible()
    assert picker.block().to_markup() == "```brief\nkind: us-imports\nmineral: rare-earths\n```\n"
