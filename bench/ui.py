"""UI benchmarks: start-up against a bare PySide6 window, keystroke-to-paint, card opening.

Run offscreen (``make bench`` sets ``QT_QPA_PLATFORM=offscreen``); figures are wall-clock times on
this machine, printed side by side with the goal each issue names.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 820)
window.show()
sys.exit(app.exec())
"""

SESSION = ["Burma", "rare earths", "lithum", "日本", "DRC", "gallium", "Korea, Republic of",
           "MSP", "FORGE", "germanium", "Pax Silica", "Congo (Kinshasa)", "cobalt", "Türkiye",
           "NdPr", "India", "Quad", "antimony", "Australia", "tungsten", "Китай", "한국", "G7",
           "graphite", "Brazil", "copper", "Indonesia", "nickel", "Chile", "dysprosium"]


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def _run(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace")[-400:])
    return time.perf_counter() - start


def bench_startup(repeats: int = 5) -> dict:
    """Median wall time to first paint and exit: our app vs a bare PySide6 window.

    The app's modules are byte-compiled first, as they are in any installed copy (pip and
    PyInstaller ship bytecode, like PySide6's own modules): otherwise a shell with
    PYTHONDONTWRITEBYTECODE set would time the compiler on every run.
    """
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "desktop"), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   BRIEFDESK_HOME=home)
        ours, bare = [], []
        for _ in range(repeats):  # interleaved so both see the same machine load
            bare.append(_run([sys.executable, "-c", BARE_WINDOW], env))
            ours.append(_run([sys.executable, "-m", "desktop", "--quit-when-ready"], env))
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    return {"startup_app_s": round(ours_s, 3), "startup_bare_window_s": round(bare_s, 3),
            "startup_ratio": round(ours_s / bare_s, 2)}


def bench_in_app() -> dict:
    """Keystroke-to-results-painted and card-opening times inside one running app."""
    from PySide6.QtWidgets import QApplication

    from desktop.reference.connection import open_reference
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as home:
        os.environ["BRIEFDESK_HOME"] = home
        app = QApplication.instance() or QApplication([])
        window = MainWindow(window_context(open_reference()))
        window.resize(1280, 820)
        window.show()
        deadline = time.perf_counter() + 30
        while not window.warmed_up and time.perf_counter() < deadline:  # the idle second after start
            app.processEvents()
        field, palette = window.lookup_field, window.palette_popup

        keystrokes = []
        for query in SESSION * 3:
            field.clear()
            app.processEvents()
            for char in query:
                start = time.perf_counter()
                field.insert(char)  # what a key press does: textChanged -> lookup -> results
                palette.view.viewport().repaint()
                field.repaint()
                keystrokes.append((time.perf_counter() - start) * 1000)
        field.clear()
        palette.hide()

        targets = [("mineral", m) for m, _n, _f in window.cards.repo.minerals()]
        targets += [("country", c) for c, _n in window.cards.repo.countries()[::4]]
        targets += [("initiative", i.id) for i in window.cards.repo.initiatives()]
        opens = [_open(app, window, kind, ident) for kind, ident in targets]
        window.close()
    return {"keystrokes": len(keystrokes),
            "keystroke_to_paint_p50_ms": round(_percentile(keystrokes, 0.5), 2),
            "keystroke_to_paint_p99_ms": round(_percentile(keystrokes, 0.99), 2),
            "card_opens": len(opens),
            "card_open_p50_ms": round(_percentile(opens, 0.5), 1),
            "card_open_p95_ms": round(_percentile(opens, 0.95), 1)}


def _open(app, window, kind: str, ident: str) -> float:
    """Time from the request to the first paint of the card (the rest builds afterwards)."""
    start = time.perf_counter()
    window.open_card(kind, ident)
    window.card_area.currentWidget().viewport().repaint()
    elapsed = (time.perf_counter() - start) * 1000
    panel = window.card_area.currentWidget()
    if hasattr(panel, "finish"):
        panel.finish()
    app.processEvents()
    return elapsed
