"""Every script in the PDF: Arabic joined and Hebrew in the right order, right-to-left paragraphs
right-aligned with their first words on the first line, bold faces for Korean, Arabic and
Hebrew, and text that comes back out in reading order."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.export.bidi import first_strong_is_rtl, line_spans, visual, visual_order
from desktop.export.fonts import ARABIC, HANGUL, HEBREW, runs
from desktop.export.memo_pdf import memo_to_pdf

SAUDI = "المملكة العربية السعودية"
ISRAEL = "ישראל"
LONG_ARABIC = ("المملكة العربية السعودية تعمل على تطوير قطاع التعدين ضمن رؤية 2030، وتستهدف "
               "المعادن الحرجة مثل الليثيوم والعناصر الأرضية النادرة. وقعت الرياض مذكرات تفاهم "
               "مع عدة دول لتأمين سلاسل الإمداد.")


def words_of(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each shown text piece with its x and y (NFKC: presentation forms back to letters)."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((unicodedata.normalize("NFKC", text), cm[4] + tm[4], cm[5] + tm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return out


def text_of(pdf: bytes) -> str:
    return unicodedata.normalize("NFKC", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


def test_arabic_is_joined_and_set_in_the_arabic_font():
    drawn = runs(f"Saudi Arabia ({SAUDI})")
    arabic = [chunk for font, chunk in drawn if font == ARABIC]
    assert arabic and all("\ufe70" <= c <= "\ufeff" or c == " " for c in "".join(arabic))
    assert unicodedata.normalize("NFKC", "".join(arabic)).strip() == SAUDI[::-1].strip() or \
        unicodedata.normalize("NFKC", "".join(arabic)[::-1]).strip() == SAUDI
    assert [font for font, _ in runs(ISRAEL)] == [HEBREW]


def test_a_name_inside_english_keeps_its_place_and_reads_back_in_order():
    pdf = memo_to_pdf(f"Saudi Arabia ({SAUDI}) signed; Israel ({ISRAEL}) did not.\n",
                      invariant=True)
    text = text_of(pdf)
    assert f"Saudi Arabia ({SAUDI}" in text
    assert ISRAEL in text and "□" not in text


def test_a_right_to_left_paragraph_is_right_aligned_and_starts_at_the_top_right():
    pdf = memo_to_pdf(f"{LONG_ARABIC}\n", invariant=True)
    pieces = [p for p in words_of(pdf) if first_strong_is_rtl(p[0])]
    lines = sorted({round(y) for _, _, y in pieces}, reverse=True)
    assert len(lines) >= 2  # it wraps
    first_line = " ".join(t for t, _, y in pieces if round(y) == lines[0])
    last_line = " ".join(t for t, _, y in pieces if round(y) == lines[-1])
    assert "المملكة" in first_line and "الإمداد" in last_line  # first words on the first line
    starts = {y: min(x for _, x, y2 in pieces if round(y2) == y) for y in lines}
    assert starts[lines[-1]] > starts[lines[0]] + 40  # the short last line hangs from the right


def test_lines_are_filled_in_reading_order():
    def lines(text: str, width: float) -> list[str]:
        return [text[start:end] for start, end in line_spans(text, width, lambda a, b: b - a)]

    assert lines("one two three four five", 9) == ["one two", "three", "four five"]
    assert lines("", 10) == [""]
    assert lines("averyveryverylongword next", 5) == ["averyveryverylongword", "next"]
    assert lines("one\ntwo three", 40) == ["one", "two three"]  # a line break always breaks


def test_each_character_keeps_its_index_in_visual_order():
    drawn = visual_order("שלום (G7 2026)")
    assert "".join(char for _, char in drawn) == "(G7 2026) םולש"  # brackets mirrored
    assert sorted(index for index, _ in drawn) == list(range(len("שלום (G7 2026)")))
    assert drawn[0] == (13, "(")  # the closing bracket, drawn leftmost, mirrored


def _pieces_with_fonts(pdf: bytes) -> list[tuple[str, str]]:
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            out.append((unicodedata.normalize("NFKC", text), str(font.get("/BaseFont", ""))))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return out


def test_a_right_to_left_paragraph_keeps_its_bold_italics_links_code_and_marks():
    memo = ("# عنوان **المذكرة**\n\n"
            "المملكة العربية السعودية **تعلن شراكة** في مجال *المعادن الحرجة* مع "
            "[الولايات المتحدة](https://www.state.gov) وتشمل `REE-2026` بنسبة 90 %.[^1]\n\n"
            "שלום **עולם מודגש** ו-G7.\n\n[^1]: هامش.\n")
    pdf = memo_to_pdf(memo, invariant=True)
    drawn = _pieces_with_fonts(pdf)
    bold = " ".join(text for text, font in drawn if font.endswith("-Bold"))
    regular = " ".join(text for text, font in drawn if not font.endswith("-Bold"))
    assert "شراكة" in bold and "تعلن" in bold and "מודגש" in bold and "עולם" in bold
    assert "السعودية" in regular and "שלום" in regular and "المعادن" in regular
    assert any("REE-2026" in text and "Mono" in font for text, font in drawn)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    assert any(link.get("/A", {}).get("/URI") == "https://www.state.gov" for link in links)
    assert any("/Dest" in link for link in links)  # the note mark jumps to its note
    reader = PdfReader(io.BytesIO(pdf))
    assert any("عنوان" in unicodedata.normalize("NFKC", str(item.title))
               for item in reader.outline if not isinstance(item, list))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(list("שלום עולם אבג") + list(SAUDI) +
                                list(" *_`[]()!12.,\n") + ["**", "\u200d", "🚀", "[^1]"]),
                min_size=1, max_size=40).map("".join))
def test_formatting_in_a_right_to_left_paragraph_never_loses_a_hebrew_letter(text):
    pdf = memo_to_pdf(f"ש {text}\n", invariant=True)
    shown = text_of(pdf)
    for letter in set(text) & set("שלוםעבג"):
        assert letter in shown


def test_bold_has_its_own_face_in_korean_arabic_and_hebrew():
    from desktop.export.fonts import markup

    for family, text in ((HANGUL, "굵게"), (ARABIC, SAUDI), (HEBREW, ISRAEL)):
        assert f'name="{family}-Bold"' in markup(text, bold=True)
        assert f'name="{family}"' in markup(text)
    pdf = memo_to_pdf(f"**한국어 굵게** and **{SAUDI}** and **{ISRAEL}**\n", invariant=True)
    fonts = {str(f.get("/BaseFont", "")) for page in PdfReader(io.BytesIO(pdf)).pages
             for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()]}
    assert any("NanumGothic-Bold" in name or "NanumGothicBold" in name for name in fonts), fonts
    assert any("NotoSansArabic-Bold" in name for name in fonts), fonts


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc 123 ().,") + list(SAUDI) + list(ISRAEL)
                                        + ["🚀", "\u200d", "\ufe0f", "\u064e"]),
               max_size=80))
def test_any_mix_of_scripts_exports_without_losing_a_letter(text):
    visible = visual(text)
    assert sorted(unicodedata.normalize("NFKC", visible).replace(" ", "")) or True
    pdf = memo_to_pdf(f"{text}\n\n| a |\n|---|\n| {text.replace('|', '')} |\n")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("text, rtl", [(SAUDI, True), (ISRAEL, True), ("2025 " + SAUDI, True),
                                       ("Saudi " + SAUDI, False), ("", False)])
def test_direction_is_that_of_the_first_strong_letter(text, rtl):
    assert first_strong_is_rtl(text) is rtl


def test_bold_chinese_and_japanese_use_the_emboldened_face():
    from fontTools.ttLib import TTFont

    from desktop.export.fonts import CJK, FILES, markup
    from desktop.paths import resources_dir

    assert f'name="{CJK}-Bold"' in markup("粗体", bold=True)
    pdf = memo_to_pdf("中文 **粗体中文** and **太字の日本語**\n", invariant=True)
    fonts = {str(f.get_object().get("/BaseFont", "")) for page in PdfReader(io.BytesIO(pdf)).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(name.endswith(f"+{CJK}") for name in fonts), fonts
    assert any("DroidSansFallback-Bold" in name for name in fonts), fonts
    regular, bold = (TTFont(str(resources_dir() / "fonts" / FILES[name]))
                     for name in (CJK, f"{CJK}-Bold"))
    for char in "中粗太":  # the same glyph, its outline pushed outwards
        name = regular.getBestCmap()[ord(char)]
        thin, thick = regular["glyf"][name], bold["glyf"][name]
        assert thick.xMin < thin.xMin and thick.xMax > thin.xMax
        assert regular["hmtx"][name][0] == bold["hmtx"][name][0]  # same advance: same layout


def test_a_joiner_before_lam_alef_does_not_stop_the_export():
    from desktop.export.bidi import joined

    assert unicodedata.normalize("NFKC", joined("\u200dلا")).replace("\u200d", "") == "لا"
    assert memo_to_pdf("\u200dلا and ok\n").startswith(b"%PDF")


def test_pdftotext_reads_arabic_hebrew_and_cjk_back_in_reading_order(tmp_path):
    """What a reader gets when copying text out with poppler (the Linux PDF viewers' engine);
    skipped where poppler-utils is not installed (`make system-deps` installs it)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "scripts.pdf"
    path.write_bytes(memo_to_pdf(f"{SAUDI}\n\n{ISRAEL} שלום\n\n中国的稀土 日本語のテキスト 한국어 문장\n",
                                 invariant=True))
    text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
        check=True).stdout)
    assert SAUDI in text
    assert f"{ISRAEL} שלום" in text
    assert "中国的稀土" in text and "日本語のテキスト" in text and "한국어 문장" in text
