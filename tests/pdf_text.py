"""Read the text of a document out of the edition's PDF.

The PDF sets every hand in its own place and size (see
``extensions/edition/latex/edition.sty``), and this reader uses exactly that,
character by character (pdfminer.six gives each glyph's font, size and
position):

* the document's pages are those its bookmark spans, up to the next chapter's;
* the text is what is set in the body size inside the text block: the
  running head, the page numbers, the paragraph numbers in the margin, the
  chapter title, and the edition's own matter in smaller type (header block,
  coverage notice) fall away;
* the notes are the footnotes (footnote size), each opened by its number
  ``1.`` to ``6.``; a note running on to the next page goes on;
* the edition's commentary is set in the sans-serif face, in the text or
  as lettered notes, and falls away wherever it stands;
* inside both, raised smaller marks (note numbers, commentary letters) fall
  away, and so does the edition's *sic* label, set small in the sans face.
  Nothing is left out by its words.

Words are not hyphenated by TeX in the PDF, so a line that ends with a hyphen
ends with a word's own hyphen (``whole-|hearted``) and the next line
continues that word.

What is left must be the witness: :func:`witness.check`. Any word the PDF
loses, changes, moves or adds in the body or the notes fails it.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from witness import Text, words

PARAGRAPH_NUMBER = re.compile(r"^¶\s*\d+$")
PAGE_LABEL = re.compile(r"^(?:\d+|[ivxlcdm]+)$")


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    y0: float
    size: float           # the line's main size (most of its characters)
    items: list[LTChar | LTAnno]   # glyphs, and the spaces pdfminer infers

    @property
    def text(self) -> str:
        return "".join(c.get_text() for c in self.items).strip()

    @property
    def sans(self) -> bool:
        """Set (mostly) in a sans-serif face: the edition's commentary."""
        glyphs = [c for c in self.items if isinstance(c, LTChar) and not c.get_text().isspace()]
        return sum("Sans" in c.fontname for c in glyphs) > len(glyphs) / 2

    def text_above(self, size: float) -> str:
        """The line without its raised smaller marks (note numbers, letters)
        and the glyphs of the apparatus's sans face (the sic label)."""
        return "".join(c.get_text() for c in self.items
                       if not isinstance(c, LTChar)
                       or (c.size > 0.85 * size and "Sans" not in c.fontname)).strip()


def chapters(path: Path) -> list[tuple[str, int]]:
    """(title, first page index) of each top-level bookmark, in order."""
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        page_index = {page.pageid: i for i, page in enumerate(PDFPage.create_pages(document))}
        found = []
        for level, title, dest, action, _ in document.get_outlines():
            if level != 1:
                continue
            target = dest if dest is not None else resolve1(action).get("D")
            target = resolve1(target)
            if isinstance(target, (bytes, str)):
                target = resolve1(document.get_dest(target))
            if isinstance(target, dict):
                target = resolve1(target["D"])
            found.append((title, page_index[target[0].objid]))
    return found


def document_pages(path: Path, title: str) -> range:
    """Indices of the pages from the chapter titled *title* to the next chapter."""
    marks = chapters(path)
    for number, (name, first) in enumerate(marks):
        if " ".join(name.split()) == " ".join(title.split()):
            end = marks[number + 1][1] if number + 1 < len(marks) else None
            if end is None:
                with open(path, "rb") as handle:
                    end = sum(1 for _ in PDFPage.get_pages(handle))
            return range(first, end)
    raise LookupError(f"no bookmark {title!r} in {path}; bookmarks: {[m[0] for m in marks]}")


def page_lines(path: Path, pages: range) -> list[Line]:
    lines = []
    for index, layout in enumerate(extract_pages(str(path), page_numbers=list(pages),
                                                 laparams=LAParams())):
        for box in layout:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                items = [c for c in line if isinstance(c, (LTChar, LTAnno))]
                sizes = [round(c.size, 1) for c in items if isinstance(c, LTChar)]
                if not sizes:
                    continue
                lines.append(Line(pages[index], line.x0, line.x1, line.y0,
                                  statistics.mode(sizes), items))
    lines.sort(key=lambda ln: (ln.page, -round(ln.y0, 1), ln.x0))
    return lines


def line_words(lines: list[Line], size: float) -> str:
    """The text of *lines*, raised smaller marks dropped, lines joined."""
    text = ""
    for line in lines:
        kept = line.text_above(size)
        if text.endswith("-") and kept:
            text += kept          # a word's own hyphen at the line's end
        else:
            text += " " + kept
    return text


def drop_editorial_tokens(text: str) -> list[str]:
    # the marks fell away by their type (text_above); no word is matched here
    return words(text)


def document_text(path: Path, title: str) -> Text:
    lines = [ln for ln in page_lines(path, document_pages(path, title)) if not ln.sans]
    body_size = statistics.mode(ln.size for ln in lines)
    body_lines = [ln for ln in lines if abs(ln.size - body_size) < 0.3]
    left = min(ln.x0 for ln in body_lines) - 2
    right = max(ln.x1 for ln in body_lines) + 2
    top = max(ln.y0 for ln in body_lines) + 1     # above it: the running head
    note_size = None
    notes_lines: list[Line] = []
    for page in sorted({ln.page for ln in lines}):
        on_page = [ln for ln in lines if ln.page == page]
        body = [ln for ln in on_page if ln in body_lines]
        bottom = min((ln.y0 for ln in body), default=top)
        for line in on_page:
            inside = line.x0 >= left and line.x1 <= right
            if line in body_lines or not inside or line.y0 > top:
                continue      # text, the margin (paragraph numbers), the head
            if PARAGRAPH_NUMBER.match(line.text) or PAGE_LABEL.match(line.text):
                continue      # a page number (foot of a chapter's first page)
            if line.y0 < bottom and line.size < body_size - 1:
                notes_lines.append(line)
    if notes_lines:
        note_size = statistics.mode(ln.size for ln in notes_lines)
        notes_lines = [ln for ln in notes_lines if abs(ln.size - note_size) < 0.3]
    # the edition's "How to cite this document" block closes the chapter
    ends = [i for i, ln in enumerate(body_lines)
            if ln.text.rstrip(".") == "How to cite this document"]
    if ends:
        body_lines = body_lines[:ends[0]]
    body_text = line_words(body_lines, body_size)
    notes: list[str] = []
    for line in notes_lines:
        text = line_words([line], note_size or body_size).strip()
        label = re.match(r"^(\d+)\.\s+", text)
        if label and int(label.group(1)) == len(notes) + 1:
            notes.append(text[label.end():])
        elif notes:
            joined = notes[-1]
            notes[-1] = joined + text if joined.endswith("-") else joined + " " + text
        else:
            raise AssertionError(f"footnote text before the first note label: {text!r}")
    return Text(body=drop_editorial_tokens(body_text),
                notes=[drop_editorial_tokens(n) for n in notes])


def page_texts(path: Path) -> list[str]:
    """The text of every page (pdftotext's reading), for page-level checks."""
    import subprocess

    output = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                            capture_output=True, text=True).stdout
    pages = output.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


# --- the exact test: paragraph by paragraph, note by note ---------------------

def glyphs_of_text(line: Line, size: float) -> str:
    """The line less the edition's marks, known by their type alone: raised
    smaller glyphs (note numbers, commentary letters) and glyphs in the sans
    face of the edition's apparatus (the sic label)."""
    kept = []
    for item in line.items:
        if isinstance(item, LTChar):
            if item.size <= 0.85 * size or "Sans" in item.fontname:
                continue
        kept.append(item.get_text())
    return "".join(kept).strip()


def join_lines(texts: list[str]) -> str:
    text = ""
    for kept in texts:
        if text.endswith("-") and kept:
            text += kept          # a word's own hyphen at the line's end
        else:
            text += " " + kept
    return text


def units(path: Path, title: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(paragraphs, notes) of a document in the PDF.

    A paragraph's lines run from the line its number ``¶ n`` stands beside in
    the margin to the next numbered line; notes are the footnotes, each
    opened by its number.
    """
    lines = [ln for ln in page_lines(path, document_pages(path, title)) if not ln.sans]
    body_size = statistics.mode(ln.size for ln in lines)
    body_lines = [ln for ln in lines if abs(ln.size - body_size) < 0.3]
    left = min(ln.x0 for ln in body_lines) - 2
    right = max(ln.x1 for ln in body_lines) + 2
    top = max(ln.y0 for ln in body_lines) + 1
    # the margin is outside the text block of each page (recto and verso differ)
    block = {page: (min(ln.x0 for ln in body_lines if ln.page == page),
                    max(ln.x1 for ln in body_lines if ln.page == page))
             for page in {ln.page for ln in body_lines}}
    margin = [ln for ln in lines if ln.page in block and PARAGRAPH_NUMBER.match(ln.text)
              and (ln.x1 < block[ln.page][0] or ln.x0 > block[ln.page][1])]
    ends = [i for i, ln in enumerate(body_lines)
            if ln.text.rstrip(".") == "How to cite this document"]
    if ends:
        body_lines = body_lines[:ends[0]]
    paragraphs: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in body_lines:
        number = next((int(m.text.split()[-1]) for m in margin if m.page == line.page
                       and abs(m.y0 - line.y0) < 4), None)
        if number is not None:
            current = paragraphs.setdefault(number, [])
        if current is not None:
            current.append(glyphs_of_text(line, body_size))
    notes_lines: list[Line] = []
    for page in sorted({ln.page for ln in lines}):
        on_page = [ln for ln in lines if ln.page == page]
        body = [ln for ln in on_page if ln in body_lines]
        bottom = min((ln.y0 for ln in body), default=top)
        for line in on_page:
            if line in body_lines or not (line.x0 >= left and line.x1 <= right) \
                    or line.y0 > top:
                continue
            if PARAGRAPH_NUMBER.match(line.text) or PAGE_LABEL.match(line.text):
                continue
            if line.y0 < bottom and line.size < body_size - 1:
                notes_lines.append(line)
    notes: dict[int, list[str]] = {}
    if notes_lines:
        note_size = statistics.mode(ln.size for ln in notes_lines)
        current = None
        for line in notes_lines:
            if abs(line.size - note_size) >= 0.3:
                continue
            text = glyphs_of_text(line, note_size)
            label = re.match(r"^(\d+)\.\s+", text)
            if label and int(label.group(1)) == len(notes) + 1:
                current = notes.setdefault(int(label.group(1)), [])
                text = text[label.end():]
            if current is not None:
                current.append(text)
    return ({n: words(join_lines(t)) for n, t in paragraphs.items()},
            {n: words(join_lines(t)) for n, t in notes.items()})
