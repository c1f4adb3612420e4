"""The block picker offers the analysis blocks: a bloc or supplier typed or picked, a live preview."""

from __future__ import annotations


def test_picker_offers_the_analysis_kinds(qtbot, context):
    from desktop.ui.memo.block_picker import BlockPicker

    picker = BlockPicker(context.blocks, [s for s, _l in context.workbench.presets()])
    qtbot.addWidget(picker)
    picker.show()
    picker.kind.setCurrentIndex(picker.kind.findData("concentration"))
    assert "HHI" in picker.preview.toPlainText() and picker.insert.isEnabled()
    assert picker.fields['stage'].isVisible() and not picker.fields['metric'].isVisible()

    picker.kind.setCurrentIndex(picker.kind.findData("bloc"))
    assert picker.fields['group'].isVisible() and not picker.fields['remove'].isVisible()
    picker.fields['group'].setEditText("g7")
    shown = picker.preview.toPlainText()
    assert "G7 and China" in shown and "Bloc total" in shown
    picker.fields['group'].setEditText("g7+<nonsense>")
    assert "Cannot insert" in picker.preview.toPlainText() and not picker.insert.isEnabled()

    picker.kind.setCurrentIndex(picker.kind.findData("stress"))
    picker.fields['remove'].setEditText("CHN")
    picker.fields['stage'].setCurrentIndex(picker.fields['stage'].findData("reserves"))
    assert "if China stopped supplying" in picker.preview.toPlainText()
    assert picker.block().to_markup() == ("```brief\nkind: stress\nremove: CHN\n"
                                          "mineral: rare-earths\nstage: reserves\n```\n")


def test_picker_offers_reserves_gap_and_us_imports(qtbot, context):
    """Both kinds resolve in memos; the picker used to leave them out."""
    from desktop.ui.memo.block_picker import BlockPicker

    picker = BlockPicker(context.blocks, [s for s, _l in context.workbench.presets()])
    qtbot.addWidget(picker)
    picker.show()
    picker.kind.setCurrentIndex(picker.kind.findData("reserves-gap"))
    assert picker.kind.currentText() == "Reserves against production"
    fields = picker.fields
    assert fields["year"].isVisible() and fields["top"].isVisible()
    assert not fields["metric"].isVisible()
    assert picker.block().to_markup().startswith("```brief\nkind: reserves-gap\nmineral: ")
    assert "Cannot insert" not in picker.preview.toPlainText()

    picker.kind.setCurrentIndex(picker.kind.findData("us-imports"))
    assert picker.kind.currentText().startswith("US import")
    assert not picker.fields['year'].isVisible() and not picker.fields['top'].isVisible()
    assert picker.block().to_markup() == "```brief\nkind: us-imports\nmineral: rare-earths\n```\n"


def test_the_picker_is_built_from_the_registry(qtbot, context):
    """Every kind of the registry is offered, with exactly its form keys, and every kind's
    block, as the picker writes it, resolves (the old picker kept its own table of fields)."""
    from desktop.blocks.registry import KINDS
    from desktop.ui.memo.block_picker import BlockPicker

    picker = BlockPicker(context.blocks, [s for s, _l in context.workbench.presets()])
    qtbot.addWidget(picker)
    picker.show()
    offered = [picker.kind.itemData(i) for i in range(picker.kind.count())]
    assert offered == list(KINDS)
    for kind in KINDS.values():
        picker.kind.setCurrentIndex(picker.kind.findData(kind.id))
        visible = {name for name, widget in picker.fields.items() if widget.isVisible()}
        assert visible == {key.name for key in kind.form_keys}, kind.id
        assert picker.kind.currentText() == kind.label
        block = picker.block()
        assert set(block.params) <= set(kind.key_names)
        if kind.id not in ("memberships", "members"):  # a country or initiative to choose
            assert picker.resolved().ok, (kind.id, picker.resolved().error)
