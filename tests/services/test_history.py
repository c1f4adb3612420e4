"""Back/forward history behaves like a browser's."""

from __future__ import annotations

from desktop.services.history import History


def test_back_forward_and_a_new_visit_clears_forward():
    history = History()
    for location in (("mineral", "a"), ("country", "b"), ("country", "c")):
        history.visit(location)
    assert history.back() == ("country", "b")
    assert history.back() == ("mineral", "a")
    assert history.back() is None
    assert history.forward() == ("country", "b")
    history.visit(("initiative", "d"))
    assert not history.can_go_forward()
    assert history.back() == ("country", "b")


def test_revisiting_the_current_card_adds_nothing():
    history = History()
    history.visit(("country", "a"))
    history.visit(("country", "a"))
    assert not history.can_go_back()


def test_limit_and_forget():
    history = History(limit=3)
    for number in range(10):
        history.visit(("country", str(number)))
    assert len(history._back) == 3
    history.forget(("country", "8"))
    assert history.back() == ("country", "7")
