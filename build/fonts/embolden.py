"""Write DroidSansFallbackFull-Bold.ttf: Droid Sans Fallback with every outline emboldened.

reportlab embeds TrueType outlines only, and no bold Chinese/Japanese face with TrueType outlines
is packaged in Debian or on PyPI (Noto Sans CJK is CFF). So the bold face is made once from the
bundled regular one, the way FreeType emboldens a glyph on screen (``FT_Outline_Embolden``): each
outline grows by 1/24 em, centred on the original, advance widths unchanged. The result is
committed under resources/fonts/ (Apache-2.0, as the original; the change is noted in its
licence file). Run: ``make fonts`` (needs the ``fonts`` extra: freetype-py, fonttools).
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import freetype
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
SOURCE, TARGET = FONTS / "DroidSansFallbackFull.ttf", FONTS / "DroidSansFallbackFull-Bold.ttf"
STRENGTH_PER_EM = 1 / 24  # FreeType's own synthetic bold (FT_GlyphSlot_Embolden)


def embolden(source: Path = SOURCE, target: Path = TARGET) -> int:
    """Embolden every simple glyph (composites follow their parts); the number changed."""
    font = TTFont(str(source), recalcTimestamp=False)  # the same bytes on every run
    glyf = font["glyf"]
    face = freetype.Face(str(source))
    strength = round(font["head"].unitsPerEm * STRENGTH_PER_EM)
    flags = freetype.FT_LOAD_NO_SCALE | freetype.FT_LOAD_NO_HINTING | freetype.FT_LOAD_NO_RECURSE
    changed = 0
    for gid, name in enumerate(font.getGlyphOrder()):
        glyph = glyf[name]
        if glyph.isComposite() or glyph.numberOfContours <= 0:
            continue
        face.load_glyph(gid, flags)
        outline = face.glyph.outline
        if outline.n_points != len(glyph.coordinates):
            continue  # not the same points: leave the glyph as it is
        freetype.raw.FT_Outline_Embolden(ctypes.byref(outline._FT_Outline), strength)
        half = strength // 2  # FreeType grows up and right; centre it on the original
        glyph.coordinates = GlyphCoordinates([(x - half, y - half) for x, y in outline.points])
        changed += 1
    for record in font["name"].names:
        if record.nameID in (2, 17):
            record.string = "Bold"
        elif record.nameID in (4,):
            record.string = "Droid Sans Fallback Bold"
        elif record.nameID == 6:
            record.string = "DroidSansFallback-Bold"
    font["OS/2"].usWeightClass = 700
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection | 0x20) & ~0x40  # bold, not regular
    font["head"].macStyle |= 0x01
    font.save(str(target))
    return changed


if __name__ == "__main__":
    print(f"emboldened {embolden()} glyphs into {TARGET}", file=sys.stderr)
