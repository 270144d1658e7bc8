"""The transcriber's packet: what a transcriber fills in, in DOCX or plain text.

``make packet`` writes, for every edited document, ``_build/packet/<name>.docx``
and ``<name>.txt`` with the same content:

* short instructions and the citation of the printed source (from ``bib/``);
* a header to fill in: who transcribed, who checked, the date, and whether
  the packet deliberately covers only some units (``Partial``);
* per unit: its ¶ number, the English for reference (marked as never
  imported), a field for the page of the printed source where the paragraph
  starts, and a field for the Chinese -- empty, or the slot's current text
  so that the packet also serves for proofreading.

The same :class:`Packet` is read back from a filled DOCX, a text file, or a
TEI file with ``<p n="3">`` paragraphs (:func:`read`); the import
(:mod:`.importer`) checks and writes it. The Chinese field carries the slot's
text exactly as the source has it, markup included (``{pb}`303```,
``{foreign}`NATO```), so that a packet exported and imported unchanged writes
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: the labels of the text packet (and of the DOCX rows); the reader finds them
LABEL_DOCUMENT = "Document"
LABEL_TRANSCRIBED_BY = "Transcribed by"
LABEL_CHECKED_BY = "Checked by"
LABEL_DATE = "Date"
LABEL_PARTIAL = "Partial"
LABEL_ENGLISH = "English (for reference only; never imported)"
LABEL_PAGE = "Page where the paragraph starts"
LABEL_CHINESE = "Chinese"

UNIT_LINE = re.compile(r"=+\s*¶\s*(?P<n>\S+)\s*=+\s*")

INSTRUCTIONS = (
    "Type the Chinese text of each paragraph under “Chinese”, exactly as the "
    "page prints it: its characters and its full-width punctuation (，。；：？！“”《》).",
    "Keep the paragraphs of the book: a blank line (in Word: a new paragraph) "
    "between two paragraphs of one unit.",
    "Where the book turns a page inside a paragraph, type {pb}`303` (with the "
    "number of the page that begins there). Write the page where the paragraph "
    "starts in its “Page” field.",
    "Latin letters that the page itself prints (an abbreviation, a name) go in "
    "{foreign}`…`; any other Latin text is taken for English pasted by mistake.",
    "The English is there to help you find the paragraph: it is never imported, "
    "so do not change it.",
    "Fill in who transcribed (and, when proofreading, who checked) and the date "
    "(YYYY-MM-DD). Leave a paragraph empty if you have not done it: it stays "
    "pending. If you remove paragraphs from the packet, write “yes” under “Partial”.",
    "Do not type anything you cannot read on the page: leave the paragraph empty "
    "and say so to the editors.",
)


@dataclass
class PacketUnit:
    """One unit of a packet."""

    #: the unit's number as in the source, ``"p3"`` ("" when unreadable)
    number: str
    #: the English, for reference
    english: str = ""
    #: the page where the paragraph starts, as written ("" when empty)
    page: str = ""
    #: the Chinese field, as written
    original: str = ""
    #: where the unit is in the packet (line of a text file, table of a DOCX)
    where: str = ""
    #: whether the English field holds something other than the English given
    english_changed: bool = False
    #: text found where no field is (between the page field and "Chinese:")
    misplaced: str = ""


@dataclass
class Packet:
    """A packet, as written or as read back."""

    document: str = ""
    title: str = ""
    citation: str = ""
    pages: str = ""
    transcribed_by: str = ""
    checked_by: str = ""
    date: str = ""
    partial: str = ""
    units: list[PacketUnit] = field(default_factory=list)
    #: problems of the packet's form (a unit block that cannot be read)
    problems: list[str] = field(default_factory=list)
    #: the file it was read from
    path: Path | None = None

    @property
    def is_partial(self) -> bool:
        return self.partial.strip().lower() in {"yes", "y", "true", "1", "是"}


# --- plain text ---------------------------------------------------------------------

def write_text(packet: Packet) -> str:
    lines = [f"# TRANSCRIBER'S PACKET: {packet.title}", "#"]
    if packet.citation:
        lines.append(f"# Source: {packet.citation}")
        lines.append("#")
    lines.append("# How to fill it in (lines that start with # are instructions: not read):")
    for index, text in enumerate(INSTRUCTIONS, start=1):
        lines.append(f"# {index}. {text}")
    lines += [
        "#",
        "# Under each paragraph, everything after the line “Chinese:” up to the next",
        "# “==== ¶ n ====” line is the Chinese text. The English lines start with “>”.",
        "",
        f"{LABEL_DOCUMENT}: {packet.document}",
        f"{LABEL_TRANSCRIBED_BY}: {packet.transcribed_by}".rstrip(),
        f"{LABEL_CHECKED_BY}: {packet.checked_by}".rstrip(),
        f"{LABEL_DATE}: {packet.date}".rstrip(),
        f"{LABEL_PARTIAL}: {packet.partial or 'no'}",
        "",
    ]
    for unit in packet.units:
        lines.append(f"==================== ¶ {unit.number.removeprefix('p')} "
                     "====================")
        lines.append(f"{LABEL_ENGLISH}:")
        for index, paragraph in enumerate(unit.english.split("\n")):
            if index:
                lines.append(">")
            lines.append(f"> {paragraph}")
        lines.append(f"{LABEL_PAGE}: {unit.page}".rstrip())
        lines.append(f"{LABEL_CHINESE}:")
        if unit.original:
            lines.append(unit.original)
        lines.append("")
    return "\n".join(lines) + "\n"


def read_text(text: str, path: Path | None = None) -> Packet:
    """A packet from its text form (tolerant of blank lines and spacing)."""
    packet = Packet(path=path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
    index = 0
    # the header: up to the first unit line
    while index < len(lines) and not UNIT_LINE.fullmatch(lines[index].strip()):
        line = lines[index]
        index += 1
        if line.startswith("#") or ":" not in line:
            continue
        label, _, value = line.partition(":")
        value = value.strip()
        match label.strip():
            case "Document":
                packet.document = value
            case "Transcribed by":
                packet.transcribed_by = value
            case "Checked by":
                packet.checked_by = value
            case "Date":
                packet.date = value
            case "Partial":
                packet.partial = value
    while index < len(lines):
        match = UNIT_LINE.fullmatch(lines[index].strip())
        start = index + 1
        index += 1
        while index < len(lines) and not UNIT_LINE.fullmatch(lines[index].strip()):
            index += 1
        packet.units.append(_read_text_unit(match.group("n"), lines[start:index], start))
    return packet


def _read_text_unit(n: str, block: list[str], line: int) -> PacketUnit:
    unit = PacketUnit(number=f"p{n}" if n.isdigit() else n, where=f"line {line}")
    english: list[str] = []
    part = "english"
    chinese: list[str] = []
    for text in block:
        if part == "chinese":
            chinese.append(text)
            continue
        stripped = text.strip()
        if part == "english" and stripped.startswith("English") and stripped.endswith(":"):
            continue  # the field's label
        if stripped.startswith(LABEL_PAGE):
            unit.page = stripped[len(LABEL_PAGE):].lstrip(":").strip()
            part = "page"
            continue
        if stripped.rstrip(":") == LABEL_CHINESE or stripped.startswith(LABEL_CHINESE + ":"):
            rest = stripped[len(LABEL_CHINESE):].lstrip(":").strip()
            if rest:
                chinese.append(rest)
            part = "chinese"
            continue
        if part == "english":
            if stripped.startswith(">"):
                english.append(stripped[1:].strip())
            elif stripped:
                # words outside the quoted English: typed into the wrong place
                english.append(stripped)
                unit.english_changed = True
        elif stripped:
            unit.misplaced += (" " if unit.misplaced else "") + stripped
    unit.english = _join_english(english)
    unit.original = "\n".join(chinese)
    return unit


def _join_english(lines: list[str]) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


# --- DOCX ---------------------------------------------------------------------

#: the DOCX's fonts: Latin text, and Chinese (East Asian) text
LATIN_FONT = "Times New Roman"
CHINESE_FONT = "SimSun"
SHADE = "EDEDED"


def write_docx(packet: Packet, path: Path) -> None:
    """The packet as a Word document (python-docx): one table per unit."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)
    properties = document.core_properties
    properties.title = f"Transcriber's packet: {packet.title}"
    properties.subject = packet.citation
    properties.author = ""
    properties.comments = f"{LABEL_DOCUMENT}: {packet.document}"

    document.add_heading(f"Transcriber's packet: {packet.title}", level=1)
    if packet.citation:
        para = document.add_paragraph()
        para.add_run("Source: ").bold = True
        para.add_run(packet.citation)
    document.add_heading("How to fill it in", level=2)
    for text in INSTRUCTIONS:
        document.add_paragraph(text, style="List Number")

    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in ((LABEL_DOCUMENT, packet.document),
                         (LABEL_TRANSCRIBED_BY, packet.transcribed_by),
                         (LABEL_CHECKED_BY, packet.checked_by),
                         (LABEL_DATE, packet.date),
                         (LABEL_PARTIAL, packet.partial or "no")):
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value

    for unit in packet.units:
        number = unit.number.removeprefix("p")
        document.add_heading(f"¶ {number}", level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        head = table.add_row().cells
        head[0].text = "¶"
        head[1].text = number
        row = table.add_row().cells
        row[0].text = LABEL_ENGLISH
        _shade(row[0]), _shade(row[1])
        for index, paragraph in enumerate(unit.english.split("\n")):
            cell_para = row[1].paragraphs[0] if index == 0 else row[1].add_paragraph()
            run = cell_para.add_run(paragraph)
            run.italic = True
        row = table.add_row().cells
        row[0].text = LABEL_PAGE
        row[1].text = unit.page
        row = table.add_row().cells
        row[0].text = LABEL_CHINESE
        for index, paragraph in enumerate(_paragraphs(unit.original) or [""]):
            cell_para = row[1].paragraphs[0] if index == 0 else row[1].add_paragraph()
            for k, line in enumerate(paragraph.split("\n")):
                run = cell_para.add_run()
                if k:
                    run.add_break()  # a line break inside a paragraph (Shift+Enter)
                run.add_text(line)
                _chinese(run)
        for cells in table.rows:
            cells.cells[0].paragraphs[0].runs[0].bold = True
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _shade(cell) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _chinese(run) -> None:
    """Mark a run as Chinese, so Word sets it in a Chinese font and checks it as such."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = run._r.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:eastAsia"), "zh-CN")
    properties.append(language)


def _paragraphs(text: str) -> list[str]:
    """A slot's text as paragraphs (blank lines between them)."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def read_docx(path: Path) -> Packet:
    from docx import Document

    packet = Packet(path=path)
    document = Document(str(path))
    for index, table in enumerate(document.tables, start=1):
        rows = [[_cell_text(cell) for cell in row.cells] for row in table.rows]
        if not rows or len(rows[0]) < 2:
            continue
        first = rows[0][0].strip()
        if first == LABEL_DOCUMENT:
            for label, value, *_ in rows:
                label = label.strip()
                value = value.strip()
                if label == LABEL_DOCUMENT:
                    packet.document = value
                elif label == LABEL_TRANSCRIBED_BY:
                    packet.transcribed_by = value
                elif label == LABEL_CHECKED_BY:
                    packet.checked_by = value
                elif label == LABEL_DATE:
                    packet.date = value
                elif label == LABEL_PARTIAL:
                    packet.partial = value
            continue
        if first != "¶":
            continue
        n = rows[0][1].strip()
        unit = PacketUnit(number=f"p{n}" if n.isdigit() else n, where=f"table {index}")
        for label, value, *_ in rows[1:]:
            label = label.strip()
            if label.startswith("English"):
                unit.english = value
            elif label.startswith(LABEL_PAGE):
                unit.page = value.strip()
            elif label.startswith(LABEL_CHINESE):
                unit.original = value
        packet.units.append(unit)
    return packet


def _cell_text(cell) -> str:
    """A cell's text: paragraphs separated by a blank line, line breaks kept."""
    return "\n\n".join(p.text for p in cell.paragraphs).strip("\n") \
        if any(p.text.strip() for p in cell.paragraphs) else ""


# --- TEI --------------------------------------------------------------------------------

TEI_KEEP = {"pb", "lb", "hi", "s", "seg", "foreign", "c"}


def read_tei(path: Path) -> Packet:
    """A packet from a TEI file: every ``<p n="3">`` (or ``n="p3"``) is a unit.

    A ``<pb n="303"/>`` before the paragraph's first words is its start page;
    one inside it becomes ``{pb}`303```; ``<lb/>`` a line break;
    ``<foreign>`` the ``{foreign}`` role. Any other element is reported.
    """
    from lxml import etree

    packet = Packet(path=path)
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as error:
        packet.problems.append(f"the TEI file is not well-formed XML ({error}): fix it "
                               "and import again")
        return packet
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname != "p" \
                or element.get("n") is None:
            continue
        n = element.get("n").strip()
        unit = PacketUnit(number=f"p{n}" if n.isdigit() else n,
                          where=f"line {element.sourceline}")
        parts: list[str] = []
        _tei_text(element, parts, unit, packet, top=True)
        text = "".join(parts)
        unit.original = "\n".join(line.strip() for line in text.split("\n")).strip()
        packet.units.append(unit)
    return packet


def _tei_text(element, parts: list[str], unit: PacketUnit, packet: Packet,
              top: bool = False) -> None:
    from lxml import etree

    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            if name == "pb":
                if not "".join(parts).strip() and not unit.page:
                    unit.page = child.get("n", "")
                else:
                    parts.append(f"{{pb}}`{child.get('n', '')}`")
            elif name == "lb":
                parts.append("\n")
            elif name == "foreign":
                inner: list[str] = []
                _tei_text(child, inner, unit, packet)
                parts.append(f"{{foreign}}`{''.join(inner)}`")
            elif name in TEI_KEEP:
                _tei_text(child, parts, unit, packet)
            else:
                packet.problems.append(
                    f"¶ {unit.number.removeprefix('p')} ({unit.where}): the TEI paragraph "
                    f"holds <{name}>, which the import cannot place in a slot: remove it "
                    "(its words are not imported)")
        if child.tail:
            parts.append(child.tail)


def read(path: Path) -> Packet:
    """Read a filled packet, by its file's kind: .docx, .xml/.tei, or text."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix in {".xml", ".tei"}:
        return read_tei(path)
    return read_text(path.read_text(encoding="utf-8"), path)
