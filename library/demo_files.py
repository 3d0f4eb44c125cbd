"""Real files made from text: PDF (fpdf2), DOCX, PPTX, ODT, used by the demo data, tests and bench."""

import io
import logging
from pathlib import Path

DEJAVU_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
]


def _unicode_font():
    return next((path for path in DEJAVU_CANDIDATES if path.exists()), None)


def pdf_bytes(lines, pages=1, title=""):
    """A PDF with `lines` of text on each of `pages` pages.

    Polish and Ukrainian letters need a Unicode font (DejaVu); without one installed the
    text is transliterated to ASCII so that the file is still made and readable.
    """
    from fpdf import FPDF

    # fontTools (used by fpdf2 to subset fonts) logs every glyph at INFO.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = FPDF()
    pdf.set_title(title or (lines[0] if lines else ""))
    font = _unicode_font()
    if font:
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=12)
        prepare = str
    else:
        from anyascii import anyascii

        pdf.set_font("Helvetica", size=12)
        prepare = anyascii
    for number in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 8, prepare(line), new_x="LMARGIN", new_y="NEXT")
        if pages > 1:
            pdf.cell(0, 8, f"{number + 1}/{pages}")
    return bytes(pdf.output())


def docx_bytes(lines):
    """A Word document with one paragraph per line."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pptx_bytes(lines):
    """A presentation with one slide per line (title layout)."""
    from pptx import Presentation

    presentation = Presentation()
    for line in lines:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = line
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def odt_bytes(lines):
    """An OpenDocument text with one paragraph per line."""
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in lines:
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows):
    """A spreadsheet with the given rows (no text extraction: a dataset)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
