"""Charts for the Word export: the PDF's own reportlab drawings, rasterised with Pillow.

reportlab's bitmap backend (renderPM) is not installed with it, so the shapes the charts are
made of (lines, rectangles, polygons, circles, strings) are drawn here, following the drawing's
transforms, at print resolution and averaged down from twice that size for smooth edges. The
Word file then holds the same chart as the PDF, as an image.
"""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.graphics.shapes import Drawing

from desktop.domain.resolved import ChartSpec
from desktop.export.charts import bar_chart, line_chart
from desktop.export.fonts import BASE, FILES
from desktop.paths import resources_dir

#: the resolution Word itself offers as its "Print" picture quality (Compress Pictures: 220 ppi),
#: smooth edges from the supersampling below; 300 took twice as long for no visible gain
DPI = 220
SUPERSAMPLE = 2  # drawn at twice the size and scaled down: smooth edges without antialiasing


def chart_drawing(spec: ChartSpec, width: float) -> Drawing:
    """The PDF's chart, drawn at the PDF's text width."""
    return bar_chart(spec, width) if spec.kind == "bar" else line_chart(spec, width)


def rasterise(drawing: Drawing, dpi: int = DPI) -> bytes:
    """A reportlab drawing as a PNG (white ground) at ``dpi``."""
    scale = dpi / 72 * SUPERSAMPLE
    size = (max(1, math.ceil(drawing.width * scale)), max(1, math.ceil(drawing.height * scale)))
    image = Image.new("RGB", size, "white")
    _Raster(image, drawing.height, scale).draw(drawing, _NoCanvas())
    final = image.reduce(SUPERSAMPLE)  # a box average: the supersampling's anti-aliasing
    out = io.BytesIO()
    final.save(out, "PNG", dpi=(dpi, dpi), compress_level=1)  # fast; flat colours pack well
    return out.getvalue()


class _NoCanvas:
    """Renderer.draw saves and restores a canvas's state; Pillow keeps none."""

    def saveState(self) -> None:  # noqa: N802 (reportlab's name)
        pass

    def restoreState(self) -> None:  # noqa: N802 (reportlab's name)
        pass


@cache
def _font(name: str, pixels: float) -> ImageFont.FreeTypeFont:
    file = FILES.get(name) or FILES[BASE]
    return ImageFont.truetype(str(resources_dir() / "fonts" / file), max(1.0, pixels))


class _Raster(Renderer):
    """Draws the shapes reportlab's charts are made of (lines, rectangles, polygons, circles,
    strings) with Pillow, following the drawing's transforms."""

    def __init__(self, image: Image.Image, height: float, scale: float) -> None:
        self.pen = ImageDraw.Draw(image)
        self.image = image
        self.height = height
        self.scale = scale

    def drawNode(self, node) -> None:  # noqa: N802 (reportlab's name)
        self._tracker.push(getStateDelta(node))
        try:
            self.drawNodeDispatcher(node)
        finally:
            self._tracker.pop()

    def applyStateChanges(self, delta, newState) -> None:  # noqa: N802, N803 (reportlab's)
        pass  # the state is read from the tracker when a shape is drawn

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._tracker.getCTM()
        return ((a * x + c * y + e) * self.scale, (self.height - (b * x + d * y + f)) * self.scale)

    def _points(self, flat: list[float]) -> list[tuple[float, float]]:
        return [self._point(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]

    def _zoom(self) -> float:
        a, b, c, d = self._tracker.getCTM()[:4]
        return math.sqrt(abs(a * d - b * c)) * self.scale

    def _colour(self, key: str) -> tuple[int, int, int] | None:
        colour = self._tracker.getState().get(key)
        if colour is None or getattr(colour, "alpha", 1) == 0:
            return None
        return tuple(round(255 * v) for v in (colour.red, colour.green, colour.blue))

    def _stroke(self) -> tuple[tuple[int, int, int] | None, int]:
        width = self._tracker.getState().get("strokeWidth") or 0
        return self._colour("strokeColor"), max(1, round(width * self._zoom()))

    def _shape(self, points: list[tuple[float, float]], closed: bool, filled: bool) -> None:
        fill = self._colour("fillColor") if filled else None
        if fill is not None and len(points) > 2:
            self.pen.polygon(points, fill=fill)
        colour, width = self._stroke()
        if colour is not None and len(points) > 1:
            self.pen.line(points + (points[:1] if closed else []), fill=colour, width=width,
                          joint="curve")

    def drawLine(self, line) -> None:  # noqa: N802 (reportlab's name)
        self._shape([self._point(line.x1, line.y1), self._point(line.x2, line.y2)], False,
                    False)

    def drawRect(self, rect) -> None:  # noqa: N802 (reportlab's name)
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._shape(self._points([x, y, x + w, y, x + w, y + h, x, y + h]), True, True)

    def drawPolygon(self, polygon) -> None:  # noqa: N802 (reportlab's name)
        self._shape(self._points(list(polygon.points)), True, True)

    def drawPolyLine(self, line) -> None:  # noqa: N802 (reportlab's name)
        self._shape(self._points(list(line.points)), False, False)

    def drawCircle(self, circle) -> None:  # noqa: N802 (reportlab's name): chart markers
        x, y = self._point(circle.cx, circle.cy)
        r = circle.r * self._zoom()
        box = [x - r, y - r, x + r, y + r]
        colour, width = self._stroke()
        self.pen.ellipse(box, fill=self._colour("fillColor"), outline=colour,
                         width=width if colour is not None else 0)

    def drawString(self, string) -> None:  # noqa: N802 (reportlab's name)
        state = self._tracker.getState()
        fill = self._colour("fillColor")
        if fill is None or not string.text:
            return
        font = _font(state.get("fontName") or BASE, round(state["fontSize"] * self._zoom(), 1))
        anchor = {"middle": "ms", "end": "rs", "numeric": "rs"}.get(state.get("textAnchor"),
                                                                     "ls")
        x, y = self._point(string.x, string.y)
        a, b = self._tracker.getCTM()[:2]
        angle = math.degrees(math.atan2(b, a))
        if abs(angle) < 0.01:
            self.pen.text((x, y), string.text, font=font, fill=fill, anchor=anchor)
            return
        # turned text (a vertical axis title): drawn level on its own layer, then turned
        reach = math.ceil(font.getlength(string.text) + font.size * 2)
        layer = Image.new("L", (2 * reach, 2 * reach), 0)
        ImageDraw.Draw(layer).text((reach, reach), string.text, font=font, fill=255,
                                   anchor=anchor)
        if abs(abs(angle) - 90) < 0.01:  # a quarter turn: exact, and far quicker than resampling
            layer = layer.transpose(Image.Transpose.ROTATE_90 if angle > 0
                                    else Image.Transpose.ROTATE_270)
        else:
            layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC,
                                 center=(reach, reach))
        self.image.paste(fill, (round(x) - reach, round(y) - reach), layer)
