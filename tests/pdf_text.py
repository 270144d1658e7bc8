"""Read the text of a document out of the edition's PDF.

The PDF sets every hand in its own place and size (see
``extensions/edition/latex/edition.sty``), and this reader uses exactly that,
character by character (pdfminer.six gives each glyph's font, size and
position):

* the document's pages are those its bookmark spans, up to the next chapter's;
* the text is what is set in the body size inside the text block: the
  running head, the page numbers, the paragraph numbers in the margin, the
  chapter title, and the edition's own matter in the apparatus size (header
  block, coverage notice, the how-to-cite block) fall away;
* the foot of a page is what stands below its footnote rule. There the
  archive's notes come first, each opened by its number ``1.`` to ``6.`` set
  out to the left of the note's other lines; a note that runs on from the
  page before opens the foot without a number, and goes on;
* the edition's commentary is a note of its own series, set in the same face
  and size but lettered (``a.``), and never split across pages: from its
  letter to the next note's number, or to the foot of the page, it falls
  away (below the archive's notes of its page, or among them where a unit is
  set in two columns);
* inside both, the edition's marks fall away by their type alone: they are
  set smaller than the words around them, raised (note numbers, commentary
  letters) or not (the *sic* label). Nothing is left out by its words.

Words are not hyphenated by TeX in the PDF, so a line that ends with a hyphen
ends with a word's own hyphen (``whole-|hearted``) and the next line
continues that word.

What is left must be the witness: :func:`witness.check`. Any word the PDF
loses, changes, moves or adds in the body or the notes fails it. The exact
test reads it paragraph by paragraph (from each paragraph's number in the
margin) and note by note: :func:`units` and :func:`witness.check_exact`.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTCurve, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from witness import Text, same_quotes, words

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

    def text_above(self, size: float) -> str:
        """The line without the edition's marks, set smaller than its words
        (note numbers, commentary letters, the sic label)."""
        return "".join(c.get_text() for c in self.items
                       if not isinstance(c, LTChar) or c.size > 0.85 * size).strip()


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
        if same_quotes(name.split()) == same_quotes(title.split()):
            end = marks[number + 1][1] if number + 1 < len(marks) else None
            if end is None:
                with open(path, "rb") as handle:
                    end = sum(1 for _ in PDFPage.get_pages(handle))
            return range(first, end)
    raise LookupError(f"no bookmark {title!r} in {path}; bookmarks: {[m[0] for m in marks]}")


def page_lines(path: Path, pages: range) -> tuple[list[Line], dict[int, list[float]]]:
    """The text lines of *pages*, and the heights of the rules on each page."""
    lines = []
    rules: dict[int, list[float]] = {}
    for index, layout in enumerate(extract_pages(str(path), page_numbers=list(pages),
                                                 laparams=LAParams())):
        for box in layout:
            if isinstance(box, LTCurve) and box.height < 1 and box.width > 20:
                rules.setdefault(pages[index], []).append(box.y0)
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
    return lines, rules


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


def text_width(body_lines: list[Line]) -> float:
    """The text block's width: that of the widest page's text."""
    return max(max(ln.x1 for ln in body_lines if ln.page == page)
               - min(ln.x0 for ln in body_lines if ln.page == page)
               for page in {ln.page for ln in body_lines})


NOTE_LABEL = re.compile(r"^(\d+)\.\s+")
COMMENTARY_LABEL = re.compile(r"^[a-z]\.\s+")


@dataclass
class Reading:
    """A document's pages as the readers below take them apart."""

    lines: list[Line]            # every line of its pages
    body_lines: list[Line]       # the text's lines, up to the how-to-cite block
    body_size: float
    notes: dict[int, str]        # the archive's notes by number, marks dropped


def document_text(path: Path, title: str) -> Text:
    reading = read_document(path, title)
    return Text(body=drop_editorial_tokens(line_words(reading.body_lines, reading.body_size)),
                notes=[drop_editorial_tokens(reading.notes[n]) for n in sorted(reading.notes)])


def read_document(path: Path, title: str) -> Reading:
    lines, rules = page_lines(path, document_pages(path, title))
    body_size = statistics.mode(ln.size for ln in lines)
    body_lines = [ln for ln in lines if abs(ln.size - body_size) < 0.3]
    left = min(ln.x0 for ln in body_lines) - 2
    right = max(ln.x1 for ln in body_lines) + 2
    top = max(ln.y0 for ln in body_lines) + 1     # above it: the running head
    width = text_width(body_lines)
    note_size = None
    notes_lines: list[Line] = []
    lefts: dict[int, float] = {}
    for page in sorted({ln.page for ln in lines}):
        on_page = [ln for ln in lines if ln.page == page]
        body = [ln for ln in on_page if ln in body_lines]
        bottom = min((ln.y0 for ln in body), default=top)
        # verso and recto pages have their text block in other places; a page
        # may hold one column of a two-column unit: the block is as wide as
        # the widest page's text
        if body:
            lefts[page] = min(ln.x0 for ln in body) - 2
        left = lefts.get(page, left)
        right = left + width + 4
        # the footnote rule: the highest rule below the page's text
        below_text = [y for y in rules.get(page, []) if y < bottom]
        if not below_text:
            continue          # no notes on this page
        rule = max(below_text)
        foot = [ln for ln in on_page if ln.y0 < rule and ln.x0 >= left and ln.x1 <= right
                and not PAGE_LABEL.match(ln.text)]
        in_commentary = False
        for line in foot:
            set_out = line.x0 > left + 3
            if set_out and COMMENTARY_LABEL.match(line.text):
                in_commentary = True      # to the next note's number
            elif set_out and NOTE_LABEL.match(line.text):
                in_commentary = False
            if not in_commentary:
                notes_lines.append(line)
    if notes_lines:
        note_size = statistics.mode(ln.size for ln in notes_lines)
    # the edition's "How to cite this document" block closes the chapter
    ends = [i for i, ln in enumerate(body_lines)
            if ln.text.rstrip(".") == "How to cite this document"]
    if ends:
        body_lines = body_lines[:ends[0]]
    # the notes by their numbers: in a two-column unit a note of the original
    # may stand before a note of the translation that has a lower number
    notes: dict[int, str] = {}
    last = None
    for line in notes_lines:
        text = line_words([line], note_size or body_size).strip()
        label = NOTE_LABEL.match(text)
        set_out = line.x0 > lefts.get(line.page, left) + 3
        if label and set_out and int(label.group(1)) not in notes:
            last = int(label.group(1))
            notes[last] = text[label.end():]
        elif last is not None:
            joined = notes[last]
            notes[last] = joined + text if joined.endswith("-") else joined + " " + text
        else:
            raise AssertionError(f"footnote text before the first note label: {text!r}")
    if sorted(notes) != list(range(1, len(notes) + 1)):
        raise AssertionError(f"the notes are numbered {sorted(notes)}, not 1 to {len(notes)}")
    return Reading(lines, body_lines, body_size, notes)


# --- the exact test: paragraph by paragraph, note by note ---------------------

PARAGRAPH_NUMBER = re.compile(r"^¶\s*(\d+)$")


def units(path: Path, title: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(paragraphs, notes) of a document in the PDF.

    A paragraph's lines run from the line its number ``¶ n`` stands beside in
    the margin to the next numbered line; the notes are those of
    :func:`document_text`, each opened by its number.
    """
    reading = read_document(path, title)
    margin = [ln for ln in reading.lines if PARAGRAPH_NUMBER.match(ln.text)
              and ln not in reading.body_lines]
    paragraphs: dict[int, list[Line]] = {}
    current: list[Line] | None = None
    for line in reading.body_lines:
        number = next((int(PARAGRAPH_NUMBER.match(m.text).group(1)) for m in margin
                       if m.page == line.page and abs(m.y0 - line.y0) < 4), None)
        if number is not None:
            current = paragraphs.setdefault(number, [])
        if current is not None:
            current.append(line)
    return ({n: words(line_words(ls, reading.body_size)) for n, ls in paragraphs.items()},
            {n: words(text) for n, text in reading.notes.items()})


def page_texts(path: Path) -> list[str]:
    """The text of every page (pdftotext's reading), for page-level checks."""
    import subprocess

    output = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                            capture_output=True, text=True).stdout
    pages = output.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


# --- the parallel text (two columns) ------------------------------------------------

#: CJK ideographs and the full-width punctuation of the originals
CJK_CHARACTER = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass
class UnitText:
    """The text of one unit of a two-column document, as the PDF sets it."""

    number: int
    english: list[str]           # words of the translation column
    original: str                # the original column, its characters run together
    pages: set[int]              # pages the unit's text stands on


def unit_texts(path: Path, title: str) -> list[UnitText]:
    """Each unit's columns, read in order: a unit opens at its paragraph
    number in the margin, level with the first line of both columns (paracol
    sets a unit's columns side by side, and the next unit below the longer);
    the translation is the left column, the original the right one. Running
    heads, the foot of each page (below its rule) and the edition's smaller
    matter (a pending slot's notice) fall away, and so do raised note marks."""
    lines, rules = page_lines(path, document_pages(path, title))
    body_size = statistics.mode(ln.size for ln in lines)
    width = text_width([ln for ln in lines if abs(ln.size - body_size) < 0.3])
    units: list[UnitText] = []
    for page in sorted({ln.page for ln in lines}):
        on_page = [ln for ln in lines if ln.page == page]
        body = [ln for ln in on_page if abs(ln.size - body_size) < 0.3]
        if not body:
            continue
        numbers = [ln for ln in on_page if re.fullmatch(r"¶\s*\d+", ln.text)]
        # the middle of the gutter: the left column ends some points before
        # it, the right one starts after it (an opening bracket that starts
        # a line of the original may stand half out, into the gutter)
        middle = min(ln.x0 for ln in body) + width / 2
        foot = max((y for y in rules.get(page, []) if y < min(ln.y0 for ln in body) + 1),
                   default=-1.0)
        marks = sorted(numbers, key=lambda ln: -ln.y0)
        for line in sorted(body, key=lambda ln: (-round(ln.y0, 1), ln.x0)):
            if line.y0 <= foot:
                continue
            opened = [m for m in marks if m.y0 >= line.y0 - 2]
            if opened:
                number = int(opened[-1].text.lstrip("¶").strip())
                if not units or units[-1].number != number:
                    units.append(UnitText(number, [], "", set()))
            if not units:
                continue          # the header block, before the first unit
            unit = units[-1]
            unit.pages.add(page)
            # a line of each column may come as one line (level, close)
            english, original = split_at(line, middle - 4.5, body_size)
            unit.original += "".join(original.split())
            if unit.english and unit.english[-1].endswith("-") and english.strip():
                unit.english[-1] += english.split()[0]
                unit.english.extend(english.split()[1:])
            else:
                unit.english.extend(english.split())
    return units


def split_at(line: Line, x: float, size: float) -> tuple[str, str]:
    """The text of *line* left and right of *x*, raised smaller marks dropped."""
    parts = ["", ""]
    side = 0
    for item in line.items:
        if isinstance(item, LTChar):
            if item.size <= 0.85 * size:
                continue
            side = int(item.x0 >= x)
        parts[side] += item.get_text()
    return parts[0], parts[1]
