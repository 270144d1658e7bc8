"""The PDF: a book that holds the witness's words, with its fonts embedded,
its metadata, a title page from the metadata, and no blank page.

The real edition is built once per session (conftest's ``edition_pdf``: LaTeX
by Sphinx, then the generated Makefile's latexmk run, as ``make latexpdf``
does); each test reads that PDF. Two tests
compile a changed copy of its LaTeX: one proves that the reader of the PDF's
text notices a lost, changed or added word; one that an index is printed, by
xindy, once the book has entries.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PDF_TOOLS, PdfBuild, build_project, require_tool, run_latexmk
from pdf_text import chapters, document_text, page_texts
from pdf_text import units as pdf_units
from witness import QUOTE_SHAPES, check, check_exact

from edition.citation import responsibility

DOCUMENT = "117033"


def pdfinfo(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdfinfo", *options, str(pdf)], check=True,
                          capture_output=True, text=True).stdout


def info_field(pdf: Path, name: str) -> str:
    match = re.search(rf"^{name}:\s*(.*)$", pdfinfo(pdf), re.MULTILINE)
    return match.group(1).strip() if match else ""


def test_latex_run_is_clean(edition_pdf):
    """No glyph missing from every font, no unresolved or doubled reference."""
    log = edition_pdf.log
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)
    # Sphinx's own footnote package redefines a longtable macro on purpose
    found = re.findall(r"(?:LaTeX(?: Font)?|Package \w+|Class \w+) Warning: .*", log)
    warnings = [w for w in found if "LT@p@ftntext" not in w]
    assert warnings == []


def test_no_line_runs_into_the_margin(edition_pdf):
    """A web address in the editorial pages breaks at its slashes and dots
    (written as an autolink, it is set by ``\\url``): before, three ran 10 to
    57 pt into the margin. What is left may stick out by less than a point,
    which no reader sees."""
    too_wide = [float(pt) for pt in
                re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", edition_pdf.log)]
    assert [pt for pt in too_wide if pt >= 1] == []


def test_every_font_is_embedded(edition_pdf):
    output = subprocess.run(["pdffonts", str(edition_pdf.pdf)], check=True,
                            capture_output=True, text=True).stdout
    rows = output.splitlines()[2:]
    assert rows, output
    for row in rows:
        # name, type (may hold spaces), encoding, emb, sub, uni, object id
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"
    families = " ".join(row.split()[0] for row in rows)
    assert "FreeSerif" in families and "NotoSerifCJK" in families, families


def test_metadata(edition_pdf):
    meta, pdf = edition_pdf.meta, edition_pdf.pdf
    assert info_field(pdf, "Title") == meta.short_title
    assert info_field(pdf, "Author") == meta.author
    assert info_field(pdf, "Subject") == " ".join(meta.summary.split())
    keywords = info_field(pdf, "Keywords")
    for word in (meta.author, *meta.recipients, meta.archive):
        assert word in keywords, keywords
    xmp = pdfinfo(pdf, "-meta")
    assert re.search(r"<dc:language>\s*<rdf:Bag>\s*<rdf:li>en</rdf:li>", xmp), xmp[:2000]
    assert f"<rdf:li xml:lang=\"en\">{meta.short_title}</rdf:li>" in xmp


def test_pending_document_reads_in_one_column(edition_pdf):
    """All slots pending: no two-column unit, no empty slot in print."""
    tex = edition_pdf.tex.read_text(encoding="utf-8")
    assert r"\begin{edparallel}" not in tex and r"\begin{edoriginal}" not in tex
    assert "Chinese original: 0 of 11 paragraphs transcribed." in tex


def test_pdf_document_is_the_witness(edition_pdf):
    text = document_text(edition_pdf.pdf, edition_pdf.meta.title)
    assert check(text) == []


def test_pdf_document_is_the_witness_exactly(edition_pdf):
    """Paragraph by paragraph (from the margin's ¶ n) and note by note; the
    marks left out only by their type: smaller than the words around them,
    raised (note numbers, commentary letters) or not (the sic label)."""
    assert check_exact(*pdf_units(edition_pdf.pdf, edition_pdf.meta.title)) == []


def test_extracted_text_does_not_glue_marks_to_words(edition_pdf):
    """pdftotext (what a reader's copy gets) leaves the edition's marks out
    of the text (ActualText, edition.sty's \\edmark): no "declaration5",
    "Gomulka4", "existse", "zhuoyeu sic"."""
    text = " ".join(" ".join(page_texts(edition_pdf.pdf)).split())
    for glued in ("declaration5", "Gomulka4", "existse", "relationshipb", "comrades.c",
                  "zhuoyeu sic", "zhuoyeu [sic]"):
        assert glued not in text, glued
    for clean in ("30 October [1956] declaration has announced", "Gomulka is trying",
                  "whole-hearted trusting relationship with"):
        assert clean in text, clean


#: the reader's book, chapter by chapter (issue 14): the editors' guide and
#: the technical pages are the web edition's only
BOOK = ["Report, ‘My Observations on the Soviet Union,’ Zhou Enlai to Mao Zedong and the "
        "Central Leadership (Excerpt)", "Note on the text", "About the source",
        "Bibliography", "Registers", "Chronology", "How to cite", "Index of persons",
        "Colophon"]


def test_the_book_is_the_readers(edition_pdf):
    assert [" ".join(title.split()) for title, _ in chapters(edition_pdf.pdf)] == BOOK
    pages = int(info_field(edition_pdf.pdf, "Pages"))
    # 22 pages at issue 14; issue 13 adds the basis of the registers' additions,
    # the responsibility block and one paragraph's citation on "How to cite",
    # and the edition's marks in the note on the text: about three pages
    assert 18 <= pages <= 26, f"{pages} pages: the reader's book is about 20"
    text = " ".join(" ".join(page_texts(edition_pdf.pdf)).split())
    # no developer text, no claim true only of the web pages
    for words in ("tests/", "bib/", "](#)", "[\\[", "Editors’ guide", "TEI and data exports",
                  "marked as pending", "as published, and set in a colour",
                  "Beside each paragraph", "beside each paragraph", "click", "hover", "--",
                  "Each form can also be downloaded"):
        assert words not in text, words


def test_one_text_face(edition_pdf):
    """The text, the notes, the commentary and the edition's blocks share one
    face: no sans-serif font is in the book."""
    output = subprocess.run(["pdffonts", str(edition_pdf.pdf)], check=True,
                            capture_output=True, text=True).stdout
    names = [row.split()[0] for row in output.splitlines()[2:]]
    assert not [name for name in names if "Sans" in name], names


def test_links_print_black(edition_pdf):
    """Every glyph of the report and the registers (where the links are) is
    black: a link keeps its place, not a colour."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    marks = dict(chapters(edition_pdf.pdf))
    first, last = marks[BOOK[0]], marks["Chronology"]
    colours = set()
    for page in extract_pages(str(edition_pdf.pdf), page_numbers=range(first, last)):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                colours.add(tuple(item.graphicstate.ncolor or (0,)))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    assert colours <= {(0,), (0, 0, 0), (0, 0, 0, 1)}, colours


def test_reading_text_has_typographic_quotes(edition_pdf):
    text = document_text(edition_pdf.pdf, edition_pdf.meta.title)
    words = text.body + text.all_notes
    assert not [w for w in words if "'" in w or '"' in w]
    assert "“following" in text.body and "Zhou’s" in text.all_notes


def test_bibliography_hangs_and_breaks_its_addresses_well(edition_pdf):
    marks = dict(chapters(edition_pdf.pdf))
    page = page_texts(edition_pdf.pdf)[marks["Bibliography"]]
    assert "•" not in page
    lines = [line for line in page.splitlines() if line.strip()]
    # an address breaks after "//" or inside its path, never after "https:"
    assert not [line for line in lines if line.rstrip().endswith(("https:", "https:/"))]
    # each entry's first line stands out to the left of its other lines
    starts = sorted({len(line) - len(line.lstrip()) for line in lines[1:]})
    assert len(starts) >= 2 and starts[1] - starts[0] >= 2, starts


def test_no_blank_pages(edition_pdf):
    pages = page_texts(edition_pdf.pdf)
    blank = [number for number, text in enumerate(pages, 1) if not text.strip()]
    assert not blank, f"blank pages {blank} of {len(pages)}"
    assert int(info_field(edition_pdf.pdf, "Pages")) == len(pages)


def test_title_page_shows_the_source(edition_pdf):
    meta, config = edition_pdf.meta, edition_pdf.config
    title_page = " ".join(page_texts(edition_pdf.pdf)[0].split())
    # a line may break between two Chinese characters; no space stands there
    title_page = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", title_page)
    expected = [
        meta.short_title, meta.author, "24 January 1957",
        " and ".join(meta.translators),               # two translators
        meta.archive, f"record {meta.record}", meta.url,
        "Shi Zhongquan", "Zhou Enlai de zhuoyue fengxian",
        "Zhonggong zhongyang dangxiao chubanshe", "1993", "302–5",   # Chicago (CMOS 9.64)
        f"version {config.edition_version}",
        # responsibility: conf.py's values, or the plain statement that they are unset
        responsibility.statement(config, "edition_publisher"),
    ]
    if not responsibility.editors(config):
        expected.append(responsibility.VALUES["edition_editors"][1])
    # the title page prints typographic quotation marks (typography.py)
    missing = [item for item in expected
               if item.translate(QUOTE_SHAPES) not in title_page.translate(QUOTE_SHAPES)]
    assert not missing, f"title page lacks {missing}: {title_page}"
    assert "Release" not in title_page
    # the record's title in the Chicago form, its quotes set as the reading
    # text's are (the form's own marks and the title's single ones)
    assert "“Report, ‘My Observations on the Soviet Union,’ Zhou Enlai" in title_page
    assert "'" not in title_page and '"' not in title_page


def test_colophon_is_the_last_page(edition_pdf):
    last = " ".join(page_texts(edition_pdf.pdf)[-1].split())
    config = edition_pdf.config
    assert f"Edition version {config.edition_version}, built" in last
    # responsibility: what conf.py names, or the plain statement that it does not
    assert f"Licence: {responsibility.statement(config, 'edition_licence')}" in last
    assert f"Publisher: {responsibility.statement(config, 'edition_publisher')}" in last


def test_english_quotes_stay_latin(edition_pdf):
    """xeCJK must not set English quotation marks and dashes as wide CJK marks."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    tex = edition_pdf.tex.read_text(encoding="utf-8")
    assert re.search(r'\\xeCJKDeclareCharClass\{Default\}\{[^}]*"201C', tex)
    marks, cjk = {}, {}
    for page in extract_pages(str(edition_pdf.pdf), page_numbers=[0]):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                if item.get_text() in "“”‘’–":
                    marks[item.get_text()] = item.fontname
                elif "\u4e00" <= item.get_text() <= "\u9fff":
                    cjk[item.get_text()] = item.fontname
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    assert {"“", "”", "–"} <= set(marks), marks    # the title page has them
    assert all("CJK" not in font for font in marks.values()), marks
    # names in Chinese script (when the title page has any) take the CJK face
    assert all("CJK" in font for font in cjk.values()), cjk


def test_index_of_persons_is_printed_once(edition_pdf):
    """The registers give the index its entries; \\edprintindex prints an
    index only when there are entries (no empty page), here exactly once."""
    assert "\\edprintindex" in edition_pdf.tex.read_text(encoding="utf-8")
    index = [t for t in page_texts(edition_pdf.pdf) if t.strip().startswith("Index of persons")]
    assert len(index) == 1 and "Khrushchev, Nikita" in index[0]
    # a run of pages takes an en dash (xindy's range, outputs/latex.py)
    assert re.search(r"Khrushchev, Nikita, \d+–\d+", index[0]), index[0]


def compile_copy(edition_pdf: PdfBuild, tmp_path: Path, edit, latexmk: bool) -> Path:
    """Copy the LaTeX output, change its .tex, and compile it again."""
    outdir = tmp_path / "latex"
    shutil.copytree(edition_pdf.outdir, outdir)
    tex = outdir / edition_pdf.tex.name
    tex.write_text(edit(tex.read_text(encoding="utf-8")), encoding="utf-8")
    if latexmk:
        run_latexmk(outdir)
    else:
        # one run: the .aux and .out of the real build give it its bookmarks
        result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error",
                                 tex.name], cwd=outdir, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stdout[-3000:]
    return tex.with_suffix(".pdf")


def test_pdf_reader_notices_changed_words(edition_pdf, tmp_path):
    """The reader reads the PDF itself: a word lost, changed or added is caught."""
    mutations = [
        ("spoken considerably about", "spoken about"),               # lost (text)
        ("five formal meetings", "six formal meetings"),             # changed (note 1)
        ("was based on the discussions", "was really based on the discussions"),  # added (note 6)
    ]

    def edit(tex: str) -> str:
        for old, new in mutations:
            assert tex.count(old) == 1, old
            tex = tex.replace(old, new)
        return tex

    pdf = compile_copy(edition_pdf, tmp_path, edit, latexmk=False)
    problems = check(document_text(pdf, edition_pdf.meta.title))
    assert len(problems) == 3, problems
    assert "translation" in problems[0] and "'considerably'" in problems[0]
    assert "note 1" in problems[1] and "'five'" in problems[1] and "'six'" in problems[1]
    assert "note 6" in problems[2] and "'really'" in problems[2]


def test_index_is_printed_when_there_are_entries(edition_pdf, tmp_path):
    """xindy files names with diacritics under their base letter, and prints
    names in other scripts under the Latin sort key their entry gives."""
    entries = {   # sort key @ printed entry, as Sphinx writes \\index
        "Mao Zedong": "Mao Zedong",
        "Łaski, Jan": "Łaski, Jan",
        "Gomułka, Władysław": "Gomułka, Władysław",
        "Zhu Fixture": "Zhu Fixture 测试",   # fixture name, not in the registers
        "Khrushchev, Nikita": "Khrushchev, Nikita (Хрущёв)",
    }
    lines = "\n".join(f"\\index{{{key}@\\spxentry{{{shown}}}}}" for key, shown in entries.items())

    def edit(tex: str) -> str:
        assert tex.count("Having already spoken") == 1
        return tex.replace("Having already spoken", lines + "\nHaving already spoken")

    pdf = compile_copy(edition_pdf, tmp_path, edit, latexmk=True)
    log = pdf.with_suffix(".log").read_text(errors="replace")
    assert "Missing character" not in log
    pages = page_texts(pdf)
    index = [text for text in pages if text.strip().startswith("Index")]
    assert len(index) == 1, "the index is printed once"
    flat = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", " ".join(index[0].split()))
    expected = ["Gomułka, Władysław", "Khrushchev, Nikita (Хрущёв)", "Łaski, Jan",
                "Mao Zedong", "Zhu Fixture 测试"]          # Ł under L
    places = [flat.find(shown) for shown in expected]
    assert -1 not in places and places == sorted(places), f"index out of order: {flat}"
    assert "Non-alphabetical" not in flat
    assert not [n for n, text in enumerate(pages, 1) if not text.strip()]


def test_build_date_honours_source_date_epoch_and_licence_is_optional(project_copy, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")     # 2000-01-01 00:00 UTC
    # (a second Sphinx in one process warns that nodes are registered again:
    # the real build's warnings are checked in edition_pdf)
    build = build_project(project_copy / "source", project_copy, tmp_path / "plain", "latex")
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\edset{builddate}{1 January 2000}" in tex
    # the PDF's and XMP's dates too (hyperxmp would take the clock's)
    assert "pdfcreationdate={D:20000101000000Z}" in tex
    assert "pdfdate={2000-01-01T00:00:00Z}" in tex
    assert r"\edset{licence}{No licence is stated for this version.}" in tex
    build = build_project(project_copy / "source", project_copy, tmp_path / "licensed", "latex",
                          edition_licence="CC BY 4.0, https://creativecommons.org/licenses/by/4.0/")
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (r"\edset{licence}{CC BY 4.0, \url{https://creativecommons.org/licenses/by/4.0/}}"
            in tex)


def test_unknown_source_key_is_reported(project_copy, tmp_path):
    source = project_copy / "source" / f"{DOCUMENT}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("source: shi1993", "source: shi1939"), encoding="utf-8")
    build = build_project(project_copy / "source", project_copy, tmp_path / "out", "latex")
    assert "'source' names 'shi1939', which is no key of the bibliography" in build.warnings
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\edset{source}{shi1939, 302–5}" in tex


@pytest.mark.tex
def test_metadata_reaches_latex_escaped(project_copy, tmp_path):
    """TeX's special characters in the metadata print as themselves."""
    require_tool(*PDF_TOOLS)
    nasty = r"Notes & Queries: 100% {sic} #1 $x_1$ ~ ^ \relax"
    source = project_copy / "source" / f"{DOCUMENT}.md"
    text = source.read_text(encoding="utf-8")
    assert text.count("short-title: My Observations on the Soviet Union") == 1
    source.write_text(text.replace("short-title: My Observations on the Soviet Union",
                                   f"short-title: '{nasty}'"), encoding="utf-8")
    build = build_project(project_copy / "source", project_copy, tmp_path / "out", "latex")
    (tex,) = build.outdir.glob("*.tex")
    content = tex.read_text(encoding="utf-8")
    escaped = (r"Notes \& Queries: 100\% \{sic\} \#1 \$x\_1\$ \textasciitilde{} "
               r"\textasciicircum{} \textbackslash{}relax")
    assert r"\edset{title}{%s}" % escaped in content
    assert "pdftitle={%s}" % escaped in content
    result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                            cwd=tex.parent, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    first_page = subprocess.run(["pdftotext", "-l", "1", tex.with_suffix(".pdf").name, "-"],
                                cwd=tex.parent, capture_output=True, text=True).stdout
    assert nasty in " ".join(first_page.split())


def test_which_documents_a_book_leaves_out():
    from edition.outputs.book import left_out_of_book

    patterns = ["editors-guide", "technical/*"]
    assert left_out_of_book("editors-guide", "index", patterns)
    assert left_out_of_book("technical/tei", "index", patterns)
    assert not left_out_of_book("note-on-the-text", "index", patterns)
    # a book of the editors' own, from a second latex_documents entry
    assert not left_out_of_book("technical/tei", "editors-guide", patterns)
