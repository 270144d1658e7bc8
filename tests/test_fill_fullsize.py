"""End to end: fill the full-size FIXTURE through the packet and the import,
then build HTML, PDF, EPUB and TEI with the provenance, the page breaks and
the sentence alignment visible in each.

The document is the full-size fixture (``tests/roots/test-fullsize``: the
edition's 11 units and 6 notes) with its slots emptied. The test runs the
commands an editor runs (``python -m edition.transcription packet`` and
``import``, as ``make packet`` and ``make import-original`` do), fills the
DOCX as a transcriber would in Word (python-docx standing in for Word), with
the fixture's own placeholder pseudo-Chinese, FIXTURE page breaks over pages
302-305 and FIXTURE names, and corrects one unit's alignment in the
alignment file. Every build runs with ``-W``'s standard: no warning. The
English of every output is still the witness, word for word: cutting it into
sentences changed nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zipfile import ZipFile

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT, TESTS, build_project, require_tool
from witness import same_quotes, witness_text, words

from edition.transcription import slots
from edition.transcription.project import read_text, write_text

FULLSIZE = TESTS / "roots" / "test-fullsize"
DOC = "full"
UNITS = [f"p{n}" for n in range(1, 12)]
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SCHEMA = ROOT / "tests" / "data" / "tei" / "tei_all.rng"
TRANSCRIBER = "FIXTURE Transcriber A"
DATE = "2026-11-28"
START_PAGES = {"p1": 302, "p2": 302, "p3": 302, "p4": 303, "p5": 303, "p6": 303,
               "p7": 304, "p8": 304, "p9": 304, "p10": 305, "p11": 305}
BREAKS = {"p3": 303, "p6": 304, "p9": 305}
#: the editor's correction: ¶ 4's two English sentences answer its two
#: Chinese ones together (an n:m pair)
ALIGNMENT = "# FIXTURE correction\np4:\n  - 1, 2 = 1, 2\n"


def fixture_texts() -> dict[str, str]:
    text = read_text(FULLSIZE / f"{DOC}.md")
    return {s.number: slots.normalise(slots.body(text, s)) for s in slots.scan(text)}


def with_break(unit: str, text: str) -> str:
    if unit not in BREAKS:
        return text
    cut = text.index("。") + 1
    return f"{text[:cut]}{{pb}}`{BREAKS[unit]}`{text[cut:]}"


def command(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"))
    return subprocess.run([sys.executable, "-m", "edition.transcription", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def fill_docx(path: Path, texts: dict[str, str]) -> None:
    """Type into the packet's DOCX as a transcriber does in Word."""
    from docx import Document

    document = Document(str(path))
    for table in document.tables:
        first = table.rows[0].cells[0].text.strip()
        if first == "Document":
            for row in table.rows:
                label = row.cells[0].text.strip()
                if label == "Transcribed by":
                    row.cells[1].text = TRANSCRIBER
                elif label == "Date":
                    row.cells[1].text = DATE
        elif first == "¶":
            unit = f"p{table.rows[0].cells[1].text.strip()}"
            for row in table.rows[1:]:
                label = row.cells[0].text.strip()
                if label.startswith("Page where"):
                    row.cells[1].text = str(START_PAGES[unit])
                elif label == "Chinese":
                    row.cells[1].text = texts[unit]
    document.save(str(path))


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """The emptied fixture, filled through the packet and the import."""
    base = tmp_path_factory.mktemp("fill-fullsize")
    project = base / "project"
    shutil.copytree(FULLSIZE, project)
    source = project / f"{DOC}.md"
    text = read_text(source)
    write_text(source, slots.replace(text, {s.number: "" for s in slots.scan(text)}))
    options = ["--conf", str(project), "--build", str(base / "_build")]
    made = command(*options, "packet", str(project), "--out", str(base / "packet"))
    assert made.returncode == 0, made.stderr
    docx = base / "packet" / f"{DOC}.docx"
    fill_docx(docx, {u: with_break(u, t) for u, t in fixture_texts().items()})
    imported = command(*options, "import", str(docx), "--source", str(project))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    (project / f"{DOC}.alignment.yaml").write_text(ALIGNMENT, encoding="utf-8")
    builds = {}
    return {"project": project, "base": base, "import": imported.stdout, "builds": builds}


def build(filled, builder: str):
    if builder not in filled["builds"]:
        result = build_project(filled["project"], filled["project"], filled["base"] / "out",
                               builder)
        assert re.sub(r"\x1b\[[0-9;]*m", "", result.warnings).strip() == "", result.warnings
        filled["builds"][builder] = result
    return filled["builds"][builder]


def test_the_import_filled_every_slot_and_kept_every_other_byte(filled):
    output = filled["import"]
    assert "Coverage: 0 of 11 paragraphs transcribed before the import; 11 of 11 after." in output
    assert "Units: 11 new" in output
    text = read_text(filled["project"] / f"{DOC}.md")
    assert re.sub(r"\{pb\}`\d+`", "", text) == read_text(FULLSIZE / f"{DOC}.md")
    provenance = read_text(filled["project"] / f"{DOC}.provenance.yaml")
    assert provenance.count(f"transcribed-by: {TRANSCRIBER}") == 11


def english_words(main) -> list[str]:
    """The page's text flow as the fidelity tests read it (html_text: no
    original, no editorial additions, no note marks), less the fixture's
    banner."""
    from html_text import main_text

    for element in main.xpath(".//*[contains(@class, 'fixture-banner')]"):
        element.drop_tree()
    return main_text(main).body


def test_html(filled):
    out = build(filled, "html").outdir
    tree = lxml_html.parse(str(out / f"{DOC}.html"))
    main = tree.find(".//main")
    lines = main.xpath(".//p[contains(@class, 'slot-provenance')]")
    assert len(lines) == 11
    assert " ".join(lines[2].text_content().split()) == (
        f"Transcribed by {TRANSCRIBER} on 28 November 2026 from Shi 1993, pp. 302–303; "
        "not yet checked.")
    breaks = main.xpath(".//span[contains(@class, 'page-break')]")
    assert [(b.get("id"), b.get("aria-label")) for b in breaks] == [
        ("page-303", "Shi 1993, 303"), ("page-304", "Shi 1993, 304"),
        ("page-305", "Shi 1993, 305")]
    for unit in UNITS:
        en = main.xpath(f".//div[@id='{unit}']/div[contains(@class, 'side-translation')]"
                        "//span[contains(@class, 'sentence')]")
        zh = main.xpath(f".//div[@id='{unit}']/div[contains(@class, 'side-original')]"
                        "//span[contains(@class, 'sentence')]")
        assert en and zh and all(s.get("data-corresp") for s in en + zh), unit
    p4 = main.xpath(".//span[@id='p4-en-s1']")[0]
    assert p4.get("data-corresp") == "p4-original-s1 p4-original-s2"  # the correction
    # the English is the witness's, word for word (quote shapes aside: the
    # reading outputs set them typographically, text/typography.py)
    assert same_quotes(english_words(main)) == same_quotes(witness_text().body)


def test_epub(filled):
    out = build(filled, "epub").outdir
    (epub,) = out.glob("*.epub")
    with ZipFile(epub) as archive:
        page = archive.read(f"{DOC}.xhtml").decode("utf-8")
    assert page.count('class="slot-provenance editorial"') == 11
    assert page.count('role="doc-pagebreak"') == 3
    pairs = re.findall(r'<sup class="sentence-pair editorial">([^<]*)</sup>', page)
    assert len(pairs) > 100 and "1" in pairs
    from validators import epubcheck_report

    report = epubcheck_report(epub)
    errors = [m for m in report["messages"] if m["severity"] in ("ERROR", "FATAL")]
    assert errors == [], errors


def test_tei_and_json(filled):
    out = build(filled, "tei").outdir
    path = out / f"{DOC}.xml"
    tree = etree.parse(str(path))
    assert [p.get("n") for p in tree.xpath("//tei:pb", namespaces=NS)] == ["303", "304", "305"]
    changes = tree.xpath("//tei:revisionDesc/tei:change[@type='transcribed']", namespaces=NS)
    assert len(changes) == 11 and all(c.get("when") == DATE for c in changes)
    assert tree.xpath("//tei:respStmt[@xml:id='transcriber-1']/tei:name/text()",
                      namespaces=NS) == [TRANSCRIBER]
    s = tree.xpath("//tei:s[@xml:id='p4-en-s1']", namespaces=NS)[0]
    assert s.get("corresp") == "#p4-original-s1 #p4-original-s2"
    for unit in UNITS:
        assert tree.xpath(f"count(//tei:p[@xml:id='{unit}']//tei:s[@corresp])", namespaces=NS) > 0
    import tei_text

    # the English div is the witness's (less the fixture's banner, kept as
    # unaligned text outside the units)
    body = tei_text._strip(tei_text.english_div(path), ".//tei:note | .//tei:corr | ./tei:ab")
    assert words(tei_text._text(body)) == witness_text().body
    require_tool("jing")
    result = subprocess.run(["jing", str(SCHEMA), str(path)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout
    data = json.loads((out / f"{DOC}.json").read_text(encoding="utf-8"))
    units = {u["id"]: u for u in data["units"]}
    assert units["p3"]["pages"] == "302-303"
    assert units["p3"]["provenance"]["transcribed_by"] == TRANSCRIBER
    assert {"en": [1, 2], "original": [1, 2]} in units["p4"]["sentences"]["pairs"]
    # every sentence of every unit is in exactly one pair
    for unit in units.values():
        pairs = unit["sentences"]["pairs"]
        for side in ("en", "original"):
            listed = sorted(n for pair in pairs for n in pair[side])
            assert listed == list(range(1, len(unit["sentences"][side]) + 1))


@pytest.mark.tex
def test_pdf(filled):
    require_tool("xelatex", "latexmk")
    out = build(filled, "latex").outdir
    result = subprocess.run(["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error",
                             "fixture-fullsize.tex"], cwd=out, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:]
    pdf = out / "fixture-fullsize.pdf"
    require_tool("pdftotext")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=120).stdout
    flat = " ".join(text.split())
    assert flat.count(f"Transcribed by {TRANSCRIBER}") == 11
    assert "from Shi 1993, pp. 302–303" in flat
    tex = (out / "fixture-fullsize.tex").read_text(encoding="utf-8")
    assert [m for m in re.findall(r"\\edpagebreak\{(\d+)\}", tex)] == ["303", "304", "305"]
    assert tex.count(r"\edsentence{") > 100
    # the page numbers stand in the margin, right of the original's column
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, timeout=120).stdout
    tree = lxml_html.fromstring(bbox.encode("utf-8"))
    for number in ("303", "304", "305"):
        found = []
        for page in tree.iter("page"):
            width = float(page.get("width"))
            found += [float(w.get("xmin")) / width for w in page.iter("word")
                      if (w.text or "").strip() == number]
        assert any(x > 0.8 for x in found), (number, found)
